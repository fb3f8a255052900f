import assert from 'node:assert/strict';
import { getProfile } from '../../src/domain/profiles/index.js';
import { deadlineDueSource } from '../../src/flows/handling/termijnen.js';
import { todoItems } from '../../src/flows/handling/kaart-view.js';
import type { HandlingAgenda } from '../../src/flows/handling/ports.js';
import { BookingsSchema } from '../../src/agenda/bookings.js';
import type { Services } from '../../src/flows/services.js';
import { PeopleDirectory } from '../../src/people/directory.js';
import { anIncident } from '../domain/fixtures.js';

/** The scheduler asks "is it still open": for a task's deadline, the task's own state answers. */
describe('termijnen: a task\'s deadline is open while its task is', () => {
  const services = { profile: getProfile('nijmegen'), people: PeopleDirectory.fromFile('config/people.local.json') } as Pick<Services, 'profile' | 'people'> as Services;
  const police = { kind: 'politie-afspraak' as const, dueBy: '2026-11-26T16:00:00.000Z' };
  const source = deadlineDueSource(services, {});
  const policeItem = async (changes: Parameters<typeof anIncident>[1]) =>
    (await source.dueFor(anIncident('in-behandeling', { chosenCategory: 'bedreiging-intimidatie', deadlines: [police], ...changes }))).find((d) => d.kind === 'politie-afspraak');

  it('keeps the police appointment open until the handler ticks it off', async () => {
    assert.equal((await policeItem({}))?.open, true);
    const by = { aadObjectId: '00000000-0000-0000-0000-000000000022', name: 'Sanne Jansen' };
    assert.equal((await policeItem({ taken: [{ id: 'politie-afspraak', kind: 'politie-afspraak', state: 'gedaan', by, at: '2026-11-25T10:00:00.000Z' }] }))?.open, false);
  });

  it('treats the deadline as met when no strafbaar feit is suspected any more', async () => {
    const by = { aadObjectId: '00000000-0000-0000-0000-000000000022', name: 'Sanne Jansen' };
    assert.equal((await policeItem({ strafbaarVermoed: { value: false, by, at: '2026-11-25T10:00:00.000Z' } }))?.open, false);
  });
});

/** The card and the reminders ask one question, so a deadline the reminders stopped chasing is not shown as late. */
describe('termijnen: the card and the reminders agree on a booked herstelgesprek', () => {
  const services = { profile: getProfile('nijmegen'), people: PeopleDirectory.fromFile('config/people.local.json') } as Pick<Services, 'profile' | 'people'> as Services;
  const herstel = { kind: 'herstelgesprek' as const, notBefore: '2026-12-01T08:00:00.000Z', dueBy: '2026-12-08T08:00:00.000Z' };
  const decision = { types: ['toegangsontzegging' as const], endDate: '2026-12-08T08:00:00.000Z', decidedAt: '2026-11-25T10:00:00.000Z', decidedBy: { aadObjectId: 'x' } };
  const incident = anIncident('maatregelen-vastgesteld', { decision, deadlines: [herstel] });
  const at = '2026-11-25T10:00:00.000Z';
  const item = { kind: 'herstelgesprek', idempotencyKey: `herstelgesprek:${incident.id}`, organiser: 'griffier@example.nl', attendees: [], subject: 'Gesprek', online: false };
  const moment = { start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T10:00:00.000Z', window: { dueBy: herstel.dueBy } };
  const flags = { buitenTermijn: false, termijnVerstreken: false, buitenKantooruren: false, status: 'geboekt', updatedAt: at };
  const bookings = BookingsSchema.parse({ orgId: 'o', incidentId: incident.id, buitenTermijn: false, updatedAt: at, items: [{ ...item, ...moment, ...flags }] });
  const late = new Date('2026-12-09T08:00:00.000Z');

  it('a booked herstelgesprek is met for both: no reminder, and the card does not call its task late', async () => {
    const due = await deadlineDueSource(services, { agenda: { bookingsFor: async () => bookings } as Pick<HandlingAgenda, 'bookingsFor'> as HandlingAgenda }).dueFor(incident);
    assert.equal(due.find((d) => d.kind === 'herstelgesprek')?.open, false);
    const item = todoItems(incident, services, late, { agenda: { bookings, icsUrls: {} }, proposals: [] }, true).find((x) => x.taakId === 'herstelgesprek');
    assert.ok(item, 'the task stays on the card, to be ticked off after the conversation');
    assert.equal(item.todoKleur, 'Default');
    assert.doesNotMatch(item.todoWanneer, /Te laat/);
  });

  it('without the booking both call it late', async () => {
    const due = await deadlineDueSource(services, {}).dueFor(incident);
    assert.equal(due.find((d) => d.kind === 'herstelgesprek')?.open, true);
    const item = todoItems(incident, services, late, { agenda: undefined, proposals: [] }, true).find((x) => x.taakId === 'herstelgesprek');
    assert.match(item?.todoWanneer ?? '', /Te laat/);
    assert.equal(item?.todoKleur, 'Attention');
  });
});
