import { randomUUID } from 'node:crypto';
import type { Incident } from '../../src/domain/incident-schema.js';

/** A complete, valid stored melding; override what a test is about. */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: randomUUID(),
    organisationId: 'gemeente-nijmegen',
    profileId: 'nijmegen',
    number: '2026-0001',
    state: 'gemeld',
    overleg: false,
    createdAt: '2026-11-23T10:00:00.000Z',
    reportedAt: '2026-11-23T10:00:00.000Z',
    occurredAt: '2026-11-22T19:30:00.000+01:00',
    occurredLongAgo: false,
    melder: { aadObjectId: 'melder-1', name: 'Raadslid Een' },
    ambtsdrager: { aadObjectId: 'melder-1', name: 'Raadslid Een', role: 'raadslid' },
    namens: false,
    kanaal: 'e-mail',
    locatie: 'Stadhuis',
    description: 'Dreigende e-mail na de raadsvergadering.',
    doelwitten: ['ambtsdrager'],
    answers: { gerichtOp: 'jij', bedreiging: true, fysiekGeweld: false, gecorrigeerd: false, aanhoudend: false },
    derivedCategory: 'bedreiging-intimidatie',
    chosenCategory: 'bedreiging-intimidatie',
    meldplicht: 'verplicht',
    pleger: { bekend: true, naam: 'Piet Pleger', eerderContact: false },
    attachments: [],
    impact: {
      letsel: false,
      ziekenhuis: false,
      steunNodig: true,
      toestemmingAangifte: false,
      toestemmingInformeren: false,
      nazorgGewenst: true,
    },
    routing: { handlers: ['griffier'], informed: ['burgemeester'], informedWithConsent: [], coordinator: true, nazorgGivers: ['griffier'] },
    deadlines: [{ kind: 'nazorg-1', dueBy: '2026-11-23T19:30:00.000+01:00' }],
    handlerIds: ['griffier-1'],
    ...overrides,
  };
}
