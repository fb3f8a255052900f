import { categoryTexts } from '../../domain/classify.js';
import type { Incident } from '../../domain/incident-schema.js';
import { roleLabel } from '../../domain/route.js';
import { IncidentStateSchema } from '../../domain/incident-schema.js';
import { BerichtSchema, JOB, type Bericht } from '../../flows/handling/effects.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import { defineJob, PermanentError } from '../../shared/jobs.js';
import { loadIncident } from '../../store/load-incident.js';
import { sendToPerson, viaRef, type HandlingJobContext } from './context.js';

const b = nl.afhandeling.bericht;

/** Short texts only: no description, no pleger, no deliberation. */
function textOf(c: HandlingJobContext, incident: Incident, m: Bericht): string {
  const p = c.services.profile;
  const primary = incident.routing.handlers[0];
  switch (m.kind) {
    case 'status': {
      const state = IncidentStateSchema.safeParse(m.state);
      if (!state.success) throw new PermanentError('invalid-state');
      return fmt(b.status, { number: incident.number, status: nl.incident.status[state.data] });
    }
    case 'geinformeerd':
      return fmt(b.geinformeerd, {
        number: incident.number,
        category: categoryTexts(incident.chosenCategory, p.reportingRule).label,
        role: roleLabel(p, incident.ambtsdrager.role),
        handler: primary ? roleLabel(p, primary) : '',
      });
    case 'kanaal-ontbreekt':
    case 'kanaal-geschorst': {
      const role = m.role ?? '';
      const label = (p.roleLabels as Record<string, string | undefined>)[role] ?? role;
      return fmt(m.kind === 'kanaal-ontbreekt' ? b.kanaalOntbreekt : b.kanaalGeschorst, { number: incident.number, role: label, roleId: role });
    }
    case 'buiten-termijn':
      return fmt(b.buitenTermijn, { number: incident.number, gesprekken: (m.kinds ?? []).map((k) => nl.agenda.kaart.label[k].toLowerCase()).join(', ') });
  }
}

/** A 1:1 message to one person about one melding (status for the melder, notices for others). */
export function berichtJob(c: HandlingJobContext) {
  return defineJob({
    type: JOB.bericht,
    schema: BerichtSchema,
    async handle(m, job) {
      const { value: incident } = await loadIncident(c.services.store.incidents, m.orgId, m.incidentId);
      const text = textOf(c, incident, m);
      await sendToPerson(c, { job, incidentId: m.incidentId }, m.orgId, m.aadObjectId, { type: 'text', text }, () => viaRef(c, m.orgId, incident));
    },
  });
}
