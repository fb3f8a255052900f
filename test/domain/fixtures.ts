import { IncidentSchema, type Incident, type IncidentState } from '../../src/domain/incident-schema.js';

/** A valid stored melding of a raadslid; tests change what they need. */
export function anIncident(state: IncidentState = 'gemeld', changes: Partial<Incident> = {}): Incident {
  return IncidentSchema.parse({
    id: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
    organisationId: 'gemeente-nijmegen',
    profileId: 'nijmegen',
    number: '2026-0042',
    state,
    overleg: false,
    createdAt: '2026-11-24T13:00:00.000Z',
    reportedAt: '2026-11-24T13:30:00.000Z',
    occurredAt: '2026-11-24T12:00:00.000Z',
    occurredLongAgo: false,
    melder: { aadObjectId: 'aad-raadslid' },
    ambtsdrager: { aadObjectId: 'aad-raadslid', role: 'raadslid' },
    namens: false,
    kanaal: 'persoonlijk',
    locatie: 'stadhuis',
    description: 'Bij de uitgang werd ik uitgescholden.',
    doelwitten: ['ambtsdrager'],
    answers: { gerichtOp: 'jij', bedreiging: false, fysiekGeweld: false, gecorrigeerd: false, aanhoudend: true },
    derivedCategory: 'verbale-agressie',
    chosenCategory: 'verbale-agressie',
    meldplicht: 'verplicht',
    pleger: { bekend: false, eerderContact: false },
    attachments: [],
    impact: { letsel: false, ziekenhuis: false, steunNodig: false, toestemmingAangifte: true, toestemmingInformeren: false, nazorgGewenst: true },
    routing: { handlers: ['griffier', 'plaatsvervangend-griffier'], informed: ['burgemeester'], coordinator: true, nazorgGivers: ['burgemeester', 'griffier'] },
    deadlines: [],
    handlerIds: [],
    ...changes,
  });
}
