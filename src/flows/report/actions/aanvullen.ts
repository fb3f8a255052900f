import { z } from 'zod';
import { bookNazorg } from '../../../agenda/jobs.js';
import { AANVUL_DELEN, ontbrekend, type AanvulDeel } from '../../../domain/aanvulling.js';
import type { Incident } from '../../../domain/incident-schema.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import { messageCard, personalOnly, refuse, show } from '../../common.js';
import { auditor } from '../../handling/admit.js';
import type { HandlingDeps } from '../../handling/ports.js';
import { storeChange } from '../../handling/store-change.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { AANVUL_STAPPEN, aanvulCard, draftOf, withPart } from '../aanvullen.js';
import { readFields } from '../fields.js';
import type { ReportContext } from './context.js';

const a = nl.melding.aanvullen;

/** The card names the melding and the part its inputs answer; nothing else on it is trusted. */
const AanvulSchema = z.object({ incidentId: z.uuid(), deel: z.enum(AANVUL_DELEN).optional() }).loose();

/** The parts the melder can still add, in order (the category is the handler's or follows the answers). */
const teVragen = (i: Incident): AanvulDeel[] => ontbrekend(i).filter((d) => AANVUL_STAPPEN[d] !== undefined);

/**
 * Aanvullen: the melder adds the parts a short melding left out, one form at a time, each saved
 * into the stored melding at once (audited, the posted cards updated as after any change). Only
 * the melder, by Entra object id, and only while the melding is open.
 */
export async function aanvullen(ctx: ReportContext, deps: HandlingDeps, input: TurnInput, actor: Actor, data: unknown): Promise<TurnResult> {
  const blocked = personalOnly(input);
  if (blocked) return blocked;
  const parsed = AanvulSchema.safeParse(data);
  if (!parsed.success) return refuse(nl.errors.invalidPayload);
  const { services, org } = ctx;
  const audit = auditor(services, 'melding.aanvullen', actor, input.now);
  const found = await services.store.incidents.get(org, parsed.data.incidentId);
  if (!found) return refuse(a.onbekend);
  if (found.value.melder.aadObjectId !== actor.aadObjectId) {
    await audit(found.value, 'geweigerd');
    services.logger.warn({ actor: actor.aadObjectId, incident: found.value.id }, 'aanvullen refused: not the melder');
    return refuse(a.nietVanU);
  }
  const stepContext = ctx.stepContext(input, actor);
  const next = (i: Incident, banner?: string): TurnResult => {
    if (i.state === 'afgesloten') return show(messageCard(fmt(a.afgesloten, { number: i.number })));
    const [first] = teVragen(i);
    return first ? show(aanvulCard(i, first, stepContext, banner ? { banner } : {})) : show(messageCard(fmt(a.compleet, { number: i.number }), { style: 'good' }));
  };
  const deel = parsed.data.deel;
  if (!deel) return next(found.value);
  const def = AANVUL_STAPPEN[deel];
  const stored = await storeChange(
    services,
    deps,
    found,
    async (incident) => {
      // answered already (another device, a second click) or closed meanwhile: what is left
      if (!def || incident.state === 'afgesloten' || !teVragen(incident).includes(deel)) return { answer: next(incident, a.alGedaan) };
      const draft = draftOf(incident);
      const read = readFields(def.fields(draft, stepContext), data);
      if (Object.keys(read.errors).length > 0) return { answer: show(aanvulCard(incident, deel, stepContext, read)) };
      const applied = def.apply(draft, read.values, stepContext);
      if (!applied.ok) return { answer: show(aanvulCard(incident, deel, stepContext, { values: read.values, errors: applied.errors })) };
      // a handler who changed the melding meanwhile: the part goes into the stored one
      return { incident: withPart(incident, deel, applied.draft, services), subject: deel };
    },
    {
      audit,
      lost: async (_mine, fresh, error) => {
        if (fresh) throw error;
        return refuse(a.onbekend);
      },
    },
  );
  if ('answer' in stored) return stored.answer;
  const { saved } = stored;
  // nazorg asked for afterwards: booked as a melding that asked for it at once
  if (deel === 'impact' && saved.value.impact?.nazorgGewenst) await services.effects.enqueue(bookNazorg(saved.value));
  services.logger.info({ actor: actor.aadObjectId, incident: saved.value.id, deel }, 'melding aangevuld');
  return teVragen(saved.value).length > 0 ? next(saved.value) : show(messageCard(fmt(a.klaar, { number: saved.value.number }), { style: 'good' }));
}
