import { formatDutch } from '../../domain/format.js';
import { renderCard } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { messageCard, personalOnly, show } from '../common.js';
import type { CommandName } from '../commands.js';
import { offering } from '../downloads.js';
import type { ActionHandler, CommandHandler } from '../flow-module.js';
import type { HandlingDeps } from '../handling/ports.js';
import type { Services } from '../services.js';
import { collectInzage } from './inzage.js';
import { inzageHtml } from './inzage-html.js';
import { wissenActions } from './wissen.js';

export { gewistCard, withErasureAction } from './card.js';
export { AVG_JOB, BewaartermijnSchema, bewaartermijnKey, WISSEN_VERB, WissenSchema, enqueueWissen, wissenKey, type Wissen } from './jobs.js';

const i = nl.avg.inzage;

/**
 * `mijn gegevens`: the melder's own data as two files behind signed links that expire (never an
 * attachment in the chat), only in their 1:1 chat, only their own meldingen by Entra object id.
 */
function mijnGegevens(services: Services, deps: Pick<HandlingDeps, 'agenda'>): CommandHandler {
  return async (input, actor) => {
    const elsewhere = personalOnly(input);
    if (elsewhere) return show(messageCard(i.alleenPersoonlijk, { style: 'attention' }));
    const inzage = await collectInzage(services, deps, actor, input.now);
    const day = input.now.toISOString().slice(0, 10);
    return offering(services, actor, async () => {
      const json = await services.downloads.offer(services.orgId, actor.aadObjectId, {
        filename: `weerbaar-mijn-gegevens-${day}.json`, type: 'json', body: Buffer.from(JSON.stringify(inzage, null, 2), 'utf8'),
      }, input.now);
      const html = await services.downloads.offer(services.orgId, actor.aadObjectId, {
        filename: `weerbaar-mijn-gegevens-${day}.html`, type: 'html', body: Buffer.from(inzageHtml(inzage), 'utf8'),
      }, input.now);
      services.logger.info({ actor: actor.aadObjectId, meldingen: inzage.meldingen.length }, 'inzage offered');
      return show(renderCard('avg-inzage', {
        aantal: fmt(i.aantal, { aantal: inzage.meldingen.length }),
        verloopt: fmt(i.verloopt, { tijd: formatDutch(json.expiresAt) }),
        notities: fmt(i.notities, { coordinator: services.profile.coordinatorLabel }),
        jsonUrl: json.url,
        htmlUrl: html.url,
      }));
    });
  };
}

/** The AVG in the chat: inzage for the melder, early erasure for the coordinator (the retention job is in src/jobs/handlers/retention.ts). */
export function avgFlow(services: Services, deps: HandlingDeps): { actions: Record<string, ActionHandler>; commands: Partial<Record<CommandName, CommandHandler>> } {
  return { actions: wissenActions(services, deps), commands: { mijnGegevens: mijnGegevens(services, deps) } };
}
