import { z } from 'zod';
import { LIMITS, type Incident } from '../../domain/incident-schema.js';
import { beperkendeMaatregelen, checkBrief, plegerBrief, type BriefInput } from '../../domain/pleger-brief.js';
import { meldingTaken } from '../../domain/tasks.js';
import type { ActionHandler } from '../flow-module.js';
import { admit, auditor, handlerAccess } from '../handling/admit.js';
import { personOf } from '../handling/actions/taak.js';
import type { HandlingDeps } from '../handling/ports.js';
import { storeChange } from '../handling/store-change.js';
import type { Services } from '../services.js';
import type { TurnResult } from '../types.js';
import { withPlegerBrief, type PieceExtra } from './brief-card.js';
import { briefDocx } from './docx.js';

export const BRIEF_VERB = 'pleger.brief';

// twice the stored limit: a text a little too long gets a Dutch message, not a refused payload
const text = z.string().max(LIMITS.description * 2).optional();
const BriefDataSchema = z.object({
  incidentId: z.string().min(1).max(100),
  plegerFeiten: text,
  plegerGronden: text,
  plegerIngang: z.string().max(40).optional(),
  plegerZienswijze: text,
});

/**
 * "Brief aan de pleger maken": only a handler of the melding (checked on the server by Entra
 * object id; anyone else is refused and the refusal audited). What the handler wrote is stored
 * with the melding, the audit records that a letter was made (never its content), and the letter
 * comes back as a Word file behind a link for this handler that expires in 15 minutes.
 */
export function briefAction(services: Services, deps: HandlingDeps): ActionHandler {
  const access = handlerAccess(services, deps);
  return async (input, actor, raw) => {
    const admitted = await admit(services, access, BriefDataSchema, { verb: BRIEF_VERB, input, actor, raw });
    if (!admitted.ok) return admitted.answer;
    const { data } = admitted;
    const audit = auditor(services, BRIEF_VERB, actor, input.now);
    const form: BriefInput = {
      feiten: data.plegerFeiten ?? '',
      gronden: data.plegerGronden ?? '',
      ingang: data.plegerIngang ?? '',
      ...(data.plegerZienswijze !== undefined ? { zienswijze: data.plegerZienswijze } : {}),
    };
    const shown = async (incident: Incident, extra: PieceExtra): Promise<TurnResult> => {
      const result = await access.render(incident, actor, input.now);
      return result.card ? { ...result, card: withPlegerBrief(result.card, incident, services, true, extra) } : result;
    };
    const stored = await storeChange<{ incident: Incident; brief: NonNullable<Incident['plegerBrief']> }>(
      services,
      deps,
      admitted.found,
      async (incident) => {
        const check = checkBrief(form, incident, services.profile, personOf(actor), input.now);
        if (check.ok) return { incident: { ...incident, plegerBrief: check.brief }, brief: check.brief };
        await audit(incident, 'ongeldig');
        const values = { feiten: data.plegerFeiten, gronden: data.plegerGronden, ingang: data.plegerIngang, zienswijze: data.plegerZienswijze };
        // without a restrictive measure there is no letter form to show the message in
        if (beperkendeMaatregelen(incident, services.profile).length === 0) return { answer: await access.render(incident, actor, input.now, { errors: check.errors }) };
        return { answer: await shown(incident, { errors: check.errors, values }) };
      },
      // the hearing task's deadline follows the start the letter set: the other cards show it; the clicked one gets the link
      { audit, clicked: input.conversation.ref.conversation.id.split(';')[0] },
    );
    if ('answer' in stored) return stored.answer;
    const { saved, change } = stored;
    const hoorTaak = meldingTaken(saved.value, services.profile).find((t) => t.kind === 'hoor-en-wederhoor');
    const letter = plegerBrief(saved.value, change.brief, { profile: services.profile, organisatie: services.config.organisation.name, hoorTaak, now: input.now });
    const body = await briefDocx(letter);
    const offered = await services.downloads.offer(services.orgId, actor.aadObjectId, { filename: letter.bestandsnaam, type: 'docx', body }, input.now);
    services.logger.info({ actor: actor.aadObjectId, incident: saved.value.id, bytes: body.length }, 'letter to the pleger offered');
    return shown(saved.value, { link: offered.url });
  };
}
