import { z } from 'zod';
import { formatDutch } from '../domain/format.js';
import { INGEPLAND_JOB } from '../flows/handling/agenda-effects.js';
import { fmt, nl } from '../i18n/nl.js';
import { defineJob } from '../jobs/handlers.js';
import { loadIncident, sendToPerson, viaRef, type HandlingJobContext } from '../jobs/handlers/context.js';

const b = nl.agenda.bericht;
const PayloadSchema = z.object({ orgId: z.string().min(1).max(100), incidentId: z.uuid() });

/**
 * "Uw nazorggesprekken zijn ingepland: ..." to the person whose nazorg it is (the melder, or the
 * ambtsdrager reported for), 1:1 like the afhandeling's status messages: only dates and the
 * link to their own agenda feed, nothing of the melding.
 */
export function melderIngeplandJob(c: HandlingJobContext) {
  return defineJob({
    type: INGEPLAND_JOB,
    schema: PayloadSchema,
    async handle({ orgId, incidentId }) {
      const agenda = c.deps.agenda;
      if (!agenda) return;
      const { value: incident } = await loadIncident(c, orgId, incidentId);
      const items = ((await agenda.bookingsFor(incidentId))?.items ?? [])
        .filter((i) => i.kind.startsWith('nazorg') && i.status === 'geboekt')
        .sort((x, y) => x.start.localeCompare(y.start));
      const receiver = items[0]?.attendees[0]?.email.toLowerCase();
      if (!receiver) return;
      const person = c.services.people.people.find((p) => p.email?.toLowerCase() === receiver);
      const aadObjectId = person?.aadObjectId ?? incident.melder.aadObjectId;
      const url = agenda.icsUrlFor(receiver);
      const text = [
        fmt(b.ingepland, { number: incident.number }),
        // Teams shows a message as markdown: a single line break would run the lines together.
        items.map((i) => fmt(b.regel, { label: nl.agenda.kaart.label[i.kind], date: formatDutch(i.start) })).join('\n\n'),
        ...(url ? [fmt(b.feed, { url })] : []),
        b.wijzigen,
      ].join('\n\n');
      await sendToPerson(c, orgId, aadObjectId, { type: 'text', text }, () => viaRef(c, orgId, incident));
    },
  });
}
