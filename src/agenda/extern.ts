import { defineJob, type JobHandler } from '../shared/jobs.js';
import { nl } from '../shared/i18n/nl.js';
import { calendarJobError, notifyBooked, type AgendaDeps } from './booker.js';
import { bookedItem, replaceItem } from './change.js';
import { AGENDA_JOBS, UitnodigenPayloadSchema, type UitnodigenPayload } from './jobs.js';

/**
 * The pleger joins the same event as an attendee (an update, never a second event). The address
 * is stored first, so a retry after a crash sends the same update again; a repeat changes nothing.
 */
export async function uitnodigen(deps: AgendaDeps, p: UitnodigenPayload): Promise<void> {
  try {
    const email = p.email.toLowerCase();
    const now = deps.now();
    const saved = await deps.bookings.change(p.orgId, p.incidentId, now, (current) => {
      const item = current?.items.find((i) => i.kind === p.kind);
      if (!current || !item || item.extern?.email === email) return undefined;
      return replaceItem(current, p.kind, (i) => ({
        ...i, extern: { email, name: nl.agenda.kaart.genodigde }, externPending: true, updatedAt: now.toISOString(),
      }));
    });
    const item = bookedItem(saved, p.kind);
    if (!item.externPending || !item.extern) return;
    await deps.calendar.updateEvent(item.organiser, item.eventId, { attendees: [...item.attendees, item.extern] });
    const done = deps.now();
    await deps.bookings.change(p.orgId, p.incidentId, done, (current) =>
      current ? replaceItem(current, p.kind, (i) => ({ ...i, externPending: false, updatedAt: done.toISOString() })) : undefined);
    await notifyBooked(deps, p.incidentId, { kinds: [p.kind], change: 'uitgenodigd' });
  } catch (err) {
    throw calendarJobError(err);
  }
}

export function uitnodigenJob(deps: AgendaDeps): JobHandler<UitnodigenPayload> {
  return defineJob({ type: AGENDA_JOBS.uitnodigen, schema: UitnodigenPayloadSchema, handle: (p) => uitnodigen(deps, p) });
}
