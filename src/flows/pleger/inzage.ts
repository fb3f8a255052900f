import { toAmsterdam } from '../../domain/calendar.js';
import type { Incident } from '../../domain/incident-schema.js';
import { plegerInzage } from '../../domain/pleger-inzage.js';
import { renderCard } from '../../cards/render.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { plegerKeyOf } from '../../store/pleger-key.js';
import { messageCard, show } from '../common.js';
import { COMMANDS } from '../commands.js';
import { offering } from '../downloads.js';
import type { CommandHandler } from '../flow-module.js';
import { inCoordinatorChannel } from '../overzicht/access.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';
import { inzageHtml } from './inzage-html.js';
import { isInformedCoordinator } from '../handling/access.js';

const t = nl.pleger.inzage;
const MAX_NAAM = 200;
export const INZAGE_VERB = 'pleger.inzage';

const answer = (text: string): TurnResult => show(messageCard(text, { style: 'attention', home: false }));

/**
 * The meldingen whose pleger key matches what the coordinator typed, read as a name, a contact
 * detail or an organisation (the key is made from the first of these a melding has).
 */
async function findMeldingen(services: Services, asked: string): Promise<Incident[]> {
  const keys = new Set(
    (['naam', 'contact', 'organisatie'] as const).flatMap((field) => plegerKeyOf({ bekend: true, eerderContact: false, [field]: asked }) ?? []),
  );
  const found = new Map<string, Incident>();
  for (const key of keys) {
    for (const { value } of await services.store.incidents.listByPlegerKey(services.orgId, key)) found.set(value.id, value);
  }
  return [...found.values()];
}

/**
 * `pleger-inzage <naam>`: a pleger asks what is registered about them (AVG art. 15). Only the
 * coordinator, in their 1:1 chat or their linked channel, gets an export (a page to hand over and
 * the same as JSON) behind links for 15 minutes, with the melder's details left out
 * (src/domain/pleger-inzage.ts says what). Each melding in it records the inzage in its audit
 * trail, without content.
 */
export function inzageCommand(services: Services): CommandHandler {
  const coordinator = services.profile.coordinatorLabel;
  return async (input, actor, args) => {
    if (!services.people.hasRole(actor.aadObjectId, 'coordinator')) {
      services.logger.warn({ actor: actor.aadObjectId }, 'pleger inzage refused: not the coordinator');
      return answer(fmt(t.geweigerd, { coordinator }));
    }
    if (input.conversation.kind !== 'personal' && !(await inCoordinatorChannel(services, input))) {
      return answer(fmt(t.alleenKanaal, { coordinator }));
    }
    // as typed: the router hands over the arguments lowercased
    const typed = input.event.kind === 'message' ? input.event.text.trim() : '';
    const asked = typed.toLowerCase().startsWith(COMMANDS.plegerInzage.text) ? typed.slice(COMMANDS.plegerInzage.text.length).trim() : args.trim();
    if (asked === '') return answer(t.geenNaam);
    if (asked.length > MAX_NAAM) return answer(fmt(t.teLang, { max: MAX_NAAM }));
    // only the meldingen the coordinator was shown: with "op verzoek" (Utrecht) the others are the handlers' alone
    const meldingen = (await findMeldingen(services, asked)).filter((i) => isInformedCoordinator(services, i, actor.aadObjectId));
    if (meldingen.length === 0) {
      services.logger.info({ actor: actor.aadObjectId }, 'pleger inzage: nothing found');
      return answer(fmt(t.nietsGevonden, { naam: asked }));
    }
    // the name as the melding spelled it
    const naam = meldingen.map((m) => m.pleger.naam?.trim()).find((n) => !!n) ?? asked;
    const inzage = plegerInzage(meldingen, services.profile, services.config.organisation.name, naam, input.now);
    const day = toAmsterdam(input.now).toISODate() ?? '';
    const offer = (type: 'html' | 'json', body: string) =>
      services.downloads.offer(services.orgId, actor.aadObjectId, { filename: `inzage-pleger-${day}.${type}`, type, body: Buffer.from(body, 'utf8') }, input.now);
    return offering(services, actor, async () => {
      const html = await offer('html', inzageHtml(inzage));
      const json = await offer('json', `${JSON.stringify(inzage, null, 2)}\n`);
      for (const m of meldingen) {
        await services.store.audit.append({ orgId: services.orgId, incidentId: m.id, actorId: actor.aadObjectId, verb: INZAGE_VERB, outcome: 'ok', at: input.now.toISOString() });
      }
      services.logger.info({ actor: actor.aadObjectId, meldingen: meldingen.length }, 'pleger inzage offered');
      return show(renderCard('pleger-inzage', { message: fmt(t.klaar, { naam, count: meldingen.length }), htmlUrl: html.url, jsonUrl: json.url }));
    });
  };
}
