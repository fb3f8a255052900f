import { z } from 'zod';
import type { ActionHandler } from '../../router.js';
import type { Services } from '../../services.js';
import { admit } from '../admit.js';
import type { BookingAccess } from './booking.js';

const ShowSchema = z.object({ incidentId: z.uuid() }).loose();

/** Tonen: the card as it is now; a refusal only shows, so it is not audited. */
export function tonen(services: Services, verb: string, access: BookingAccess): ActionHandler {
  return async (input, actor, raw) => {
    const admitted = await admit(services, access, ShowSchema, { verb, input, actor, raw, auditRefusal: false });
    return admitted.ok ? access.render(admitted.found.value, actor, input.now, {}) : admitted.answer;
  };
}
