import type { Incident } from '../../domain/incident-schema.js';
import type { YearCounts } from '../../domain/report/counts.js';
import { reportTimes, type BookedMoment } from '../../domain/report/row.js';
import type { Services } from '../services.js';

/** Where the report reads a melding's booked conversations (the agenda; absent in a deployment without one). */
export interface BookingsSource {
  bookingsFor(incidentId: string): Promise<{ items: readonly BookedMoment[]; updatedAt: string } | undefined>;
}

/** How many meldingen' bookings a rebuild reads at once. */
const PARALLEL = 16;

/** Writes a melding's conversation times into its report row, as of the bookings' version. */
async function writeTimes(services: Services, bookings: BookingsSource, incident: Incident): Promise<void> {
  const booked = await bookings.bookingsFor(incident.id);
  if (booked) await services.store.reports.setTimes(services.orgId, incident, reportTimes(incident, booked.items), booked.updatedAt);
}

/**
 * The agenda's onBooked for the report: the melding's times as its bookings are now. Reads the
 * melding and its bookings once a change; a failure retries the agenda's job.
 */
export function reportTimesChanged(services: Services, bookings: BookingsSource) {
  return async (incidentId: string): Promise<void> => {
    const incident = await services.store.incidents.get(services.orgId, incidentId);
    if (incident) await writeTimes(services, bookings, incident.value);
  };
}

/**
 * The counts of these years, from the report's projection (store/report-projection.ts), never
 * from the meldingen themselves. The first time after this version, the projection is built from
 * the stored meldingen (and their bookings, when given): once per organisation, then every write
 * keeps it in step.
 */
export async function loadYearCounts(services: Services, years: readonly number[], bookings?: BookingsSource): Promise<YearCounts[]> {
  const projection = services.store.reports;
  const built = await projection.built(services.orgId);
  let meldingen: Incident[] | undefined;
  if (!built.meldingen) {
    const started = Date.now();
    meldingen = await projection.rebuildMeldingen(services.orgId);
    services.logger.info({ meldingen: meldingen.length, ms: Date.now() - started }, 'report projection built');
  }
  if (bookings && !built.boekingen) {
    const all = meldingen ?? (await services.store.incidents.listByOrganisation(services.orgId)).map((v) => v.value);
    for (let i = 0; i < all.length; i += PARALLEL) await Promise.all(all.slice(i, i + PARALLEL).map((m) => writeTimes(services, bookings, m)));
    await projection.markBuilt(services.orgId, 'boekingen');
  }
  return Promise.all(years.map((year) => projection.counts(services.orgId, year)));
}
