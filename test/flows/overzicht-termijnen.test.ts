import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BOOKINGS_TABLE, BookingRepository, type BookingItem, type BookingKind } from '../../src/agenda/bookings.js';
import type { Deadline, Incident } from '../../src/domain/incident-schema.js';
import { BOOKING_READS_AT_ONCE } from '../../src/flows/overzicht/progress.js';
import { overzichtRows } from '../../src/flows/overzicht/rows.js';
import type { HandlingAgenda } from '../../src/flows/handling/ports.js';
import { nl } from '../../src/shared/i18n/nl.js';
import { createTableClientFactory, ensureTables } from '../../src/store/tables.js';
import { anIncident } from '../domain/fixtures.js';
import { cardText, invoke, message, PEOPLE, send, type Who } from '../support/bot.js';
import { type HandlingStack, handlingSuite, PLV_GRIFFIER } from './handling-harness.js';

const HOUR = 3_600_000;
const GRIFFIE = [PEOPLE.griffier.aadObjectId, PLV_GRIFFIER.aadObjectId ?? ''];
const refuse = (): Promise<never> => Promise.reject(new Error('not used by the overview'));

const card = (r: Awaited<ReturnType<typeof send>>) => r.invokeCard ?? (r.replies[0]?.attachments?.[0]?.content as Record<string, unknown> | undefined);

/** The melding numbers on an overview card, top to bottom. */
const numbers = (c: unknown): string[] => [...cardText(c).matchAll(/^Melding (\d{4}-\d{4})/gm)].map((m) => m[1] ?? '');

/** The overview's block of one melding: from its number to the next melding's. */
function block(c: unknown, number: string): string {
  const text = cardText(c);
  const start = text.indexOf(`Melding ${number}`);
  assert.ok(start >= 0, `${number} on the overview`);
  const next = text.indexOf('\nMelding ', start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

function deadline(kind: Deadline['kind'], at: number): Deadline {
  return { kind, dueBy: new Date(at).toISOString() };
}

function booking(incidentId: string, kind: BookingKind, start: number, status: BookingItem['status']): BookingItem {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    kind,
    idempotencyKey: `${kind}:${incidentId}`,
    organiser: 'sanne.jansen@gemeente-lokaal.example',
    attendees: [],
    subject: 'Nazorggesprek',
    online: true,
    start: iso(start),
    end: iso(start + HOUR),
    window: { dueBy: iso(start) },
    buitenTermijn: false,
    termijnVerstreken: true,
    buitenKantooruren: false,
    status,
    updatedAt: iso(start),
  };
}

describe('overzicht: a deadline met as the card and the reminders say is not due on the overview', function () {
  this.timeout(60_000);
  const suite = handlingSuite();
  let s: HandlingStack;
  let repo: BookingRepository;
  /** the meldingen whose bookings the overview asked for, and the most asked at once */
  let asked: string[];
  let peak: number;

  beforeEach(async () => {
    s = await suite.stack();
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: s.az.connectionString });
    await ensureTables(tables, [BOOKINGS_TABLE]);
    repo = new BookingRepository(tables);
    asked = [];
    peak = 0;
    let inFlight = 0;
    const agenda: HandlingAgenda = {
      // the real bookings table, as the agenda reads it (src/agenda/index.ts)
      bookingsFor: async (incidentId) => {
        asked.push(incidentId);
        peak = Math.max(peak, ++inFlight);
        try {
          return await repo.get(s.services.orgId, incidentId);
        } finally {
          inFlight--;
        }
      },
      icsUrlFor: () => undefined,
      verplaatsen: refuse,
      annuleren: refuse,
      gesprekIcsUrl: () => undefined,
      uitnodigen: refuse,
    };
    s.deps.agenda = agenda;
  });

  const store = async (incident: Incident): Promise<Incident> => (await s.services.store.incidents.create(incident)).value;
  const melding = (number: string, deadlines: Deadline[], changes: Partial<Incident> = {}): Incident =>
    anIncident('in-behandeling', { id: randomUUID(), organisationId: s.services.orgId, number, deadlines, handlerIds: GRIFFIE, ...changes });
  const book = (incidentId: string, items: BookingItem[]) =>
    repo.change(s.services.orgId, incidentId, new Date(), () => ({ orgId: s.services.orgId, incidentId, items, buitenTermijn: false, updatedAt: new Date().toISOString() }));
  const overview = async (who: Who) => card(await send(s.adapter, message(who, 'overzicht')));
  const handlerCard = async (incidentId: string) => cardText(card(await send(s.adapter, invoke('griffier', 'afhandeling.openen', { incidentId }))));
  /** "Eerste nazorggesprek" as due on the card's "Nu te doen" (a booking row names it too, but not with "Uiterlijk") */
  const dueOnCard = (kind: 'nazorg-1' | 'nazorg-2') => new RegExp(`${nl.afhandeling.termijn[kind]}\\nUiterlijk [^\\n]*Te laat`);

  it('leaves out booked nazorg and decided maatregelen, ranks by what is truly overdue, and shows a cancelled booking again; card and overview agree', async () => {
    const now = Date.now();
    const booked = await store(
      melding('2026-0031', [deadline('nazorg-1', now - 30 * HOUR), deadline('nazorg-2', now - 20 * HOUR), deadline('maatregelen', now + 100 * HOUR)]),
    );
    await store(melding('2026-0032', [deadline('incidentgesprek', now - 5 * HOUR), deadline('maatregelen', now + 50 * HOUR)]));
    const decision = { types: ['waarschuwing-mondeling' as const], decidedAt: new Date(now - HOUR).toISOString(), decidedBy: { aadObjectId: PEOPLE.griffier.aadObjectId } };
    await store(
      anIncident('maatregelen-vastgesteld', { id: randomUUID(), organisationId: s.services.orgId, number: '2026-0033', deadlines: [deadline('maatregelen', now - 40 * HOUR)], handlerIds: GRIFFIE, decision }),
    );
    await book(booked.id, [booking(booked.id, 'nazorg-1', now + 24 * HOUR, 'geboekt'), booking(booked.id, 'nazorg-2', now + 48 * HOUR, 'geboekt')]);

    const c = await overview('coordinator');
    assert.deepEqual(numbers(c), ['2026-0032', '2026-0031', '2026-0033'], 'the truly overdue first, then the nearest open deadline, the decided one without any last');
    assert.match(block(c, '2026-0032'), /Verlopen: Incidentgesprek met de pleger/);
    assert.doesNotMatch(block(c, '2026-0031'), /nazorggesprek/, 'booked: neither due nor te laat');
    assert.match(block(c, '2026-0031'), /Volgende termijn: Besluit over maatregelen/);
    assert.doesNotMatch(block(c, '2026-0033'), /Besluit over maatregelen|Te laat/, 'decided: the maatregelen deadline is met');
    assert.doesNotMatch(await handlerCard(booked.id), /nazorggesprek\nUiterlijk/, 'the card agrees: nothing of the nazorg due');
    assert.match(block(await overview('griffier'), '2026-0031'), /Volgende termijn: Besluit over maatregelen/, 'the handler\'s own overview too');

    await book(booked.id, [booking(booked.id, 'nazorg-1', now + 24 * HOUR, 'geannuleerd'), booking(booked.id, 'nazorg-2', now + 48 * HOUR, 'geboekt')]);
    const again = await overview('coordinator');
    assert.deepEqual(numbers(again), ['2026-0031', '2026-0032', '2026-0033'], 'cancelled: its 30 hours overdue rank first again');
    assert.match(block(again, '2026-0031'), /Verlopen: Eerste nazorggesprek, uiterlijk .* \(Te laat: 30 uur over de termijn\)/);
    assert.doesNotMatch(block(again, '2026-0031'), /Tweede nazorggesprek/, 'the other booking still meets its own');
    const cardAgain = await handlerCard(booked.id);
    assert.match(cardAgain, dueOnCard('nazorg-1'), 'the card shows the cancelled one due as well');
    assert.doesNotMatch(cardAgain, dueOnCard('nazorg-2'));
  });

  it('reads bookings only for the open meldingen this viewer may see, a bounded number at once', async () => {
    const now = Date.now();
    const open = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store(melding(`2026-${String(100 + i).padStart(4, '0')}`, [deadline('nazorg-1', now - i * HOUR)]))),
    );
    const closed = await store(anIncident('afgesloten', { id: randomUUID(), organisationId: s.services.orgId, number: '2026-0200', handlerIds: GRIFFIE, closedAt: new Date(now).toISOString() }));
    const wethouder = await store(
      melding('2026-0201', [deadline('nazorg-1', now - 100 * HOUR)], {
        handlerIds: [PEOPLE.burgemeester.aadObjectId],
        ambtsdrager: { aadObjectId: PEOPLE.wethouder.aadObjectId, role: 'wethouder' },
        routing: { handlers: ['burgemeester'], informed: [], informedWithConsent: [], coordinator: true, nazorgGivers: ['burgemeester'] },
      }),
    );
    await overview('griffier');
    assert.deepEqual(new Set(asked), new Set(open.map((i) => i.id)), 'the griffier\'s open meldingen, each once');
    assert.equal(asked.length, open.length);
    assert.ok(!asked.includes(closed.id) && !asked.includes(wethouder.id), 'nothing read of a closed melding or one the griffier does not handle');
    assert.ok(peak > 1 && peak <= BOOKING_READS_AT_ONCE, `read concurrently, at most ${BOOKING_READS_AT_ONCE} at once (peak ${peak})`);
  });

  it('drops a task\'s deadline from the overview once it is met (a herstelgesprek booked), as the card does', async () => {
    const late = new Date('2026-12-09T08:00:00.000Z');
    const herstel = { kind: 'herstelgesprek' as const, notBefore: '2026-12-01T08:00:00.000Z', dueBy: '2026-12-08T08:00:00.000Z' };
    const decision = { types: ['toegangsontzegging' as const], endDate: herstel.dueBy, decidedAt: '2026-11-25T10:00:00.000Z', decidedBy: { aadObjectId: PEOPLE.griffier.aadObjectId } };
    const incident = anIncident('maatregelen-vastgesteld', { id: randomUUID(), number: '2026-0040', decision, deadlines: [herstel], handlerIds: GRIFFIE });
    const viewer = { aadObjectId: PEOPLE.coordinator.aadObjectId, scope: 'alles' as const };
    const tasksWith = async (items: BookingItem[]) => {
      const bookings = { orgId: s.services.orgId, incidentId: incident.id, items, buitenTermijn: false, updatedAt: late.toISOString() };
      const { rows } = await overzichtRows(s.services, { bookingsFor: () => Promise.resolve(bookings) }, [incident], viewer, 'alle', late);
      return rows[0]?.tasks.map((t) => t.text).join('\n') ?? '';
    };
    assert.match(await tasksWith([]), /Herstelgesprek.*Te laat/);
    assert.doesNotMatch(await tasksWith([booking(incident.id, 'herstelgesprek', Date.parse('2026-12-02T09:00:00.000Z'), 'geboekt')]), /Herstelgesprek/);
  });
});
