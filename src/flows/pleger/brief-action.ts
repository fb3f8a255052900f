import { z } from 'zod';
import { LIMITS, type Incident } from '../../domain/incident-schema.js';
import { beperkendeMaatregelen, checkBrief, plegerBrief, type BriefInput } from '../../domain/pleger-brief.js';
import { meldingTaken } from '../../domain/tasks.js';
import { ConflictError } from '../../store/errors.js';
import type { Versioned } from '../../store/ports.js';
import type { ActionHandler } from '../flow-module.js';
import { admit, auditor, handlerAccess } from '../handling/admit.js';
import { personOf } from '../handling/actions/taak.js';
import { enqueueChange } from '../handling/effects.js';
import type { HandlingDeps } from '../handling/ports.js';
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
    let found: Versioned<Incident> = admitted.found;
    for (let attempt = 1; ; attempt++) {
      const check = checkBrief(form, found.value, services.profile, personOf(actor), input.now);
      if (!check.ok) {
        await audit(found.value, 'ongeldig');
        const values = { feiten: data.plegerFeiten, gronden: data.plegerGronden, ingang: data.plegerIngang, zienswijze: data.plegerZienswijze };
        // without a restrictive measure there is no letter form to show the message in
        if (beperkendeMaatregelen(found.value, services.profile).length === 0) return access.render(found.value, actor, input.now, { errors: check.errors });
        return shown(found.value, { errors: check.errors, values });
      }
      let saved: Versioned<Incident>;
      try {
        saved = await services.store.incidents.update({ ...found.value, plegerBrief: check.brief }, found.etag);
      } catch (err) {
        const fresh = err instanceof ConflictError ? await services.store.incidents.get(services.orgId, found.value.id) : undefined;
        // another change to the melding (a task ticked) came first: the letter is decided again on it
        if (!fresh || attempt > 1) throw err;
        found = fresh;
        continue;
      }
      await audit(saved.value, 'ok');
      // the hearing task's deadline follows the start the letter set: the other cards show it; the clicked one gets the link
      await enqueueChange(services, deps, saved.value, saved.etag, input.conversation.ref.conversation.id.split(';')[0]);
      const hoorTaak = meldingTaken(saved.value, services.profile).find((t) => t.kind === 'hoor-en-wederhoor');
      const letter = plegerBrief(saved.value, check.brief, { profile: services.profile, organisatie: services.config.organisation.name, hoorTaak, now: input.now });
      const body = await briefDocx(letter);
      const offered = await services.downloads.offer(services.orgId, actor.aadObjectId, { filename: letter.bestandsnaam, type: 'docx', body }, input.now);
      services.logger.info({ actor: actor.aadObjectId, incident: saved.value.id, bytes: body.length }, 'letter to the pleger offered');
      return shown(saved.value, { link: offered.url });
    }
  };
}
