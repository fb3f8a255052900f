import { z } from 'zod';
import type { Incident, MaatregelDecision } from '../domain/incident-schema.js';
import { InstantSchema } from '../domain/types.js';
import { BookingKindSchema, type BookingKind } from './bookings.js';

/** The agenda's job types; other flows enqueue them through Services.effects. */
export const AGENDA_JOBS = {
  nazorg: 'nazorg.boeken',
  incidentgesprek: 'incidentgesprek.boeken',
  herstelgesprek: 'herstelgesprek.boeken',
  verplaatsen: 'agenda.verplaatsen',
  annuleren: 'agenda.annuleren',
  uitnodigen: 'agenda.uitnodigen',
} as const;

const Ids = { orgId: z.string().min(1).max(100), incidentId: z.uuid() };

export const NazorgBoekenPayloadSchema = z.object(Ids);
export type NazorgBoekenPayload = z.infer<typeof NazorgBoekenPayloadSchema>;

/** The incident's stored decision says who decided: the handler whose calendar holds it. */
export const IncidentgesprekPayloadSchema = z.object(Ids);
export type IncidentgesprekPayload = z.infer<typeof IncidentgesprekPayloadSchema>;

/** endDate: the end of the restrictive measure; the decision's endDate when absent. */
export const HerstelgesprekPayloadSchema = z.object({ ...Ids, endDate: InstantSchema.optional() });
export type HerstelgesprekPayload = z.infer<typeof HerstelgesprekPayloadSchema>;

/** start absent: the next free moment after the current one. requestId names one click. */
export const VerplaatsenPayloadSchema = z.object({
  ...Ids, kind: BookingKindSchema, start: InstantSchema.optional(), requestId: z.string().min(1).max(100),
});
export type VerplaatsenPayload = z.infer<typeof VerplaatsenPayloadSchema>;

export const AnnulerenPayloadSchema = z.object({ ...Ids, kind: BookingKindSchema });
export type AnnulerenPayload = z.infer<typeof AnnulerenPayloadSchema>;

/** The pleger (outside the organisation) put on the invitation of a gesprek, at the handler's explicit request. */
export const UitnodigenPayloadSchema = z.object({
  ...Ids, kind: z.enum(['incidentgesprek', 'herstelgesprek']), email: z.email().max(254),
});
export type UitnodigenPayload = z.infer<typeof UitnodigenPayloadSchema>;

export interface AgendaJobRequest {
  type: string;
  idempotencyKey: string;
  payload: unknown;
}

/** The three nazorg conversations of a melding; enqueue only when nazorg is wanted. */
export function bookNazorg(incident: Incident): AgendaJobRequest {
  return {
    type: AGENDA_JOBS.nazorg,
    idempotencyKey: `${AGENDA_JOBS.nazorg}:${incident.id}`,
    payload: { orgId: incident.organisationId, incidentId: incident.id } satisfies NazorgBoekenPayload,
  };
}

/** The job to enqueue when the handler decides on an incidentgesprek (the decision is stored first). */
export function bookIncidentgesprek(incident: Incident, _decision: MaatregelDecision): AgendaJobRequest {
  return {
    type: AGENDA_JOBS.incidentgesprek,
    idempotencyKey: `${AGENDA_JOBS.incidentgesprek}:${incident.id}`,
    payload: { orgId: incident.organisationId, incidentId: incident.id } satisfies IncidentgesprekPayload,
  };
}

/** The job to enqueue for a restrictive measure with an end date; undefined without one. */
export function bookHerstelgesprek(incident: Incident, decision: MaatregelDecision): AgendaJobRequest | undefined {
  if (decision.endDate === undefined) return undefined;
  return {
    type: AGENDA_JOBS.herstelgesprek,
    idempotencyKey: `${AGENDA_JOBS.herstelgesprek}:${incident.id}:${decision.endDate}`,
    payload: { orgId: incident.organisationId, incidentId: incident.id, endDate: decision.endDate } satisfies HerstelgesprekPayload,
  };
}

export function moveBooking(orgId: string, incidentId: string, kind: BookingKind, requestId: string, start?: Date): AgendaJobRequest {
  const payload: VerplaatsenPayload = { orgId, incidentId, kind, requestId, ...(start ? { start: start.toISOString() } : {}) };
  return { type: AGENDA_JOBS.verplaatsen, idempotencyKey: `${AGENDA_JOBS.verplaatsen}:${incidentId}:${kind}:${requestId}`, payload };
}

export function cancelBooking(orgId: string, incidentId: string, kind: BookingKind): AgendaJobRequest {
  const payload: AnnulerenPayload = { orgId, incidentId, kind };
  return { type: AGENDA_JOBS.annuleren, idempotencyKey: `${AGENDA_JOBS.annuleren}:${incidentId}:${kind}`, payload };
}

export function invitePleger(orgId: string, incidentId: string, kind: UitnodigenPayload['kind'], email: string): AgendaJobRequest {
  const payload: UitnodigenPayload = { orgId, incidentId, kind, email };
  return { type: AGENDA_JOBS.uitnodigen, idempotencyKey: `${AGENDA_JOBS.uitnodigen}:${incidentId}:${kind}:${email.toLowerCase()}`, payload };
}
