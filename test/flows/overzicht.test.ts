import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Deadline, Incident, IncidentState } from '../../src/domain/incident-schema.js';
import { overzichtRows } from '../../src/flows/overzicht/rows.js';
import { nl } from '../../src/shared/i18n/nl.js';
import { anIncident } from '../domain/fixtures.js';
import { cardText, invoke, message, PEOPLE, send, type Who } from '../support/bot.js';
import { dataOf, hasVerb } from '../support/melding.js';
import { channelInvoke, channelMessage, CHANNELS, type HandlingStack, link, PLV_GRIFFIER, handlingSuite } from './handling-harness.js';

const HOUR = 3_600_000;
const GRIFFIE = [PEOPLE.griffier.aadObjectId, PLV_GRIFFIER.aadObjectId ?? ''];
const WETHOUDER_HANDLERS = [PEOPLE.burgemeester.aadObjectId, PEOPLE.gemeentesecretaris.aadObjectId];

function deadline(kind: Deadline['kind'], at: number): Deadline {
  return { kind, dueBy: new Date(at).toISOString() };
}

/** A melding as the store keeps it: a raadslid's (the griffie handles it) unless `wethouder`. */
function melding(s: HandlingStack, number: string, state: IncidentState, deadlines: Deadline[], wethouder = false): Incident {
  return anIncident(state, {
    id: randomUUID(),
    organisationId: s.services.orgId,
    number,
    deadlines,
    handlerIds: wethouder ? WETHOUDER_HANDLERS : GRIFFIE,
    ...(wethouder
      ? {
          ambtsdrager: { aadObjectId: PEOPLE.wethouder.aadObjectId, role: 'wethouder' as const },
          routing: { handlers: ['burgemeester', 'gemeentesecretaris'], informed: [], informedWithConsent: [], coordinator: true, nazorgGivers: ['burgemeester'] },
        }
      : {}),
  });
}

const card = (r: Awaited<ReturnType<typeof send>>) => r.invokeCard ?? (r.replies[0]?.attachments?.[0]?.content as Record<string, unknown> | undefined);

/** The value the status filter of an overview card shows. */
function statusChoice(c: unknown): unknown {
  let found: unknown;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o['type'] === 'Input.ChoiceSet' && o['id'] === 'status') found = o['value'];
      Object.values(o).forEach(walk);
    }
  };
  walk(c);
  return found;
}

/** The melding numbers on an overview card, top to bottom. */
function numbers(c: unknown): string[] {
  return [...cardText(c).matchAll(/^Melding (\d{4}-\d{4})/gm)].map((m) => m[1] ?? '');
}

describe('overzicht: the open meldingen by urgency, for the coordinator and for a handler', function () {
  this.timeout(40_000);
  const suite = handlingSuite();
  let s: HandlingStack;
  /** by number: the griffie's 0001 (overdue), 0002 (due in 2 hours), 0003 (no deadline), 0004 (closed), the wethouder's 0005 */
  let byNumber: Map<string, Incident>;


  beforeEach(async () => {
    s = await suite.stack();
    const now = Date.now();
    const all = [
      melding(s, '2026-0003', 'in-behandeling', []),
      melding(s, '2026-0002', 'gemeld', [deadline('maatregelen', now + 2 * HOUR), deadline('inspectie-szw', now + 30 * HOUR)]),
      melding(s, '2026-0001', 'in-behandeling', [deadline('incidentgesprek', now - 10 * HOUR), deadline('maatregelen', now + 50 * HOUR)]),
      melding(s, '2026-0004', 'afgesloten', [deadline('incidentgesprek', now - 100 * HOUR)]),
      melding(s, '2026-0005', 'gemeld', [deadline('maatregelen', now + 5 * HOUR)], true),
    ];
    for (const i of all) await s.services.store.incidents.create(i);
    byNumber = new Map(all.map((i) => [i.number, i]));
  });

  const overview = async (who: Who, channel?: string) =>
    card(await send(s.adapter, channel ? channelMessage(who, channel, 'overzicht') : message(who, 'overzicht')));

  it('shows the coordinator every open melding in their linked channel, most urgent first, without content', async () => {
    await link(s, CHANNELS.coordinator, 'coordinator');
    const c = await overview('coordinator', CHANNELS.coordinator);
    assert.deepEqual(numbers(c), ['2026-0001', '2026-0002', '2026-0005', '2026-0003'], 'overdue, then nearest, closed left out, none last');
    const text = cardText(c);
    assert.match(text, /Overzicht open meldingen/);
    assert.ok(
      text.includes(`Melding 2026-0001 · ${nl.category.label['verbale-agressie']}\nStatus: in behandeling\nBehandelaar: griffier (Sanne Jansen, Pieter Mulder)`),
      text,
    );
    assert.match(text, /Verlopen: Incidentgesprek met de pleger, bij voorkeur uiterlijk .* \(Te laat: 10 uur over de termijn\)/);
    assert.match(text, /Behandelaar: burgemeester \(Mark Visser, Karin de Boer\)/);
    assert.match(text, /Volgende termijn: Besluit over maatregelen, bij voorkeur uiterlijk .* \(Bijna te laat: nog 2 uur\)/);
    assert.doesNotMatch(text, /uitgescholden|stadhuis|Fleur de Vries/, 'no description, place or melder');
    // the coordinator handles none of these: their button only shows the card
    assert.deepEqual(dataOf(c, 'overzicht.openen')['incidentId'], byNumber.get('2026-0001')?.id);
    assert.ok(!hasVerb(c, 'afhandeling.openen'));
  });

  it('shows the coordinator the same in their 1:1 chat, and refuses it in any other channel', async () => {
    await link(s, CHANNELS.coordinator, 'coordinator');
    assert.deepEqual(numbers(await overview('coordinator')), ['2026-0001', '2026-0002', '2026-0005', '2026-0003']);
    const elsewhere = await overview('coordinator', CHANNELS.griffie);
    assert.deepEqual(numbers(elsewhere), []);
    assert.match(cardText(elsewhere), /alleen in het gekoppelde kanaal van de coördinator/);
  });

  it('shows a handler in the 1:1 chat only the meldingen they handle, with the afhandeling\'s open button', async () => {
    const griffier = await overview('griffier');
    assert.match(cardText(griffier), /Uw open meldingen/);
    assert.deepEqual(numbers(griffier), ['2026-0001', '2026-0002', '2026-0003']);
    assert.deepEqual(dataOf(griffier, 'afhandeling.openen')['incidentId'], byNumber.get('2026-0001')?.id);
    assert.ok(!hasVerb(griffier, 'overzicht.openen'));
    assert.deepEqual(numbers(await overview('gemeentesecretaris')), ['2026-0005']);
  });

  it('refuses the coordinator\'s channel while it is suspended (someone reads along who may not)', async () => {
    await link(s, CHANNELS.coordinator, 'coordinator');
    const linked = await s.services.store.channelLinks.get(s.services.orgId, 'coordinator');
    assert.ok(linked);
    await s.services.store.channelLinks.update({ ...linked.value, suspendedAt: new Date().toISOString() }, linked.etag);
    const c = await overview('coordinator', CHANNELS.coordinator);
    assert.deepEqual(numbers(c), []);
    assert.match(cardText(c), /alleen in het gekoppelde kanaal van de coördinator/);
  });

  it('points a handler who types it in a channel to the 1:1 chat, and refuses a raadslid anything', async () => {
    await link(s, CHANNELS.coordinator, 'coordinator');
    const inChannel = await overview('griffier', CHANNELS.griffie);
    assert.deepEqual(numbers(inChannel), []);
    assert.match(cardText(inChannel), /Typ overzicht in uw 1-op-1 chat/);
    for (const answer of [await overview('raadslid'), card(await send(s.adapter, invoke('raadslid', 'overzicht.filter', { status: 'gemeld' })))]) {
      assert.deepEqual(numbers(answer), []);
      assert.match(cardText(answer), /alleen voor de coördinator en de behandelaars/);
    }
    const forged = card(await send(s.adapter, invoke('raadslid', 'overzicht.openen', { incidentId: byNumber.get('2026-0001')?.id })));
    assert.doesNotMatch(cardText(forged), /2026-0001|uitgescholden/);
    assert.match(cardText(forged), /alleen voor de coördinator en de behandelaars/);
  });

  it('filters by status: the overview again with only that status, the filter kept', async () => {
    await link(s, CHANNELS.coordinator, 'coordinator');
    const c = card(await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'overzicht.filter', { status: 'in-behandeling' })));
    assert.deepEqual(numbers(c), ['2026-0001', '2026-0003']);
    assert.equal(statusChoice(c), 'in-behandeling');
    const mine = card(await send(s.adapter, invoke('griffier', 'overzicht.filter', { status: 'gemeld' })));
    assert.deepEqual(numbers(mine), ['2026-0002']);
    const none = card(await send(s.adapter, invoke('griffier', 'overzicht.filter', { status: 'maatregelen-vastgesteld' })));
    assert.match(cardText(none), /geen open meldingen met deze status/);
    const bad = card(await send(s.adapter, invoke('griffier', 'overzicht.filter', { status: 'afgesloten' })));
    assert.deepEqual(numbers(bad), [], 'a closed status is not a filter of the open overview');
    assert.ok(cardText(bad).includes(nl.errors.invalidPayload));
  });

  it('opens the melding card: for the coordinator from their channel as it is, for a handler from the 1:1 taking it in behandeling', async () => {
    await link(s, CHANNELS.coordinator, 'coordinator');
    const target = byNumber.get('2026-0002');
    assert.ok(target);
    const c = await overview('coordinator', CHANNELS.coordinator);
    const opened = card(await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'overzicht.openen', dataOf(c, 'overzicht.openen'))));
    assert.match(cardText(opened), /Melding 2026-0001/);
    assert.doesNotMatch(cardText(opened), /Alleen de behandelaar/, 'no refusal for the coordinator');
    const again = card(
      await send(s.adapter, channelInvoke('coordinator', CHANNELS.coordinator, 'overzicht.openen', { incidentId: target.id })),
    );
    assert.match(cardText(again), /Melding 2026-0002: [^\n]*\n[^\n]*\n[^\n]*\nStatus: gemeld/);
    assert.equal((await s.services.store.incidents.get(s.services.orgId, target.id))?.value.state, 'gemeld', 'looking changes nothing');
    assert.deepEqual(await s.services.store.audit.list(s.services.orgId, target.id), []);

    assert.ok(JSON.stringify(await overview('griffier')).includes(target.id), 'on the handler\'s own overview');
    const handled = card(await send(s.adapter, invoke('griffier', 'afhandeling.openen', { incidentId: target.id })));
    assert.match(cardText(handled), /Melding 2026-0002: [^\n]*\n[^\n]*\n[^\n]*\nStatus: in behandeling/);
    assert.ok(hasVerb(handled, 'afhandeling.vaststellen'), 'the handler view with the decision');
    assert.equal((await s.services.store.incidents.get(s.services.orgId, target.id))?.value.state, 'in-behandeling');
  });

  it('lists at most 15, says how many more, and stays well within the size Teams accepts for a message', async () => {
    const now = Date.now();
    for (let i = 10; i < 24; i++) {
      const overdue = deadline('incidentgesprek', now - i * HOUR);
      await s.services.store.incidents.create(melding(s, `2026-00${i}`, 'in-behandeling', [overdue, deadline('maatregelen', now + i * HOUR)]));
    }
    const c = await overview('coordinator');
    assert.equal(numbers(c).length, 15);
    assert.equal(numbers(c)[0], '2026-0023', 'the most overdue first');
    assert.match(cardText(c), /En nog 3 open meldingen/);
    assert.ok(JSON.stringify(c).length < 20_000, `${JSON.stringify(c).length} bytes`);
  });

  it('lists a melding\'s open tasks with their deadline and ranks by them too', async () => {
    const now = new Date('2026-11-30T12:00:00Z');
    const threat = anIncident('in-behandeling', { id: randomUUID(), number: '2026-0020', chosenCategory: 'bedreiging-intimidatie', deadlines: [], handlerIds: GRIFFIE });
    const calm = anIncident('in-behandeling', { id: randomUUID(), number: '2026-0021', deadlines: [deadline('maatregelen', now.getTime() + 200 * HOUR)], handlerIds: GRIFFIE });
    const { rows } = await overzichtRows(s.services, undefined, [calm, threat], { aadObjectId: PEOPLE.coordinator.aadObjectId, scope: 'alles' }, 'alle', now);
    assert.deepEqual(rows.map((r) => r.title.slice(8, 17)), ['2026-0020', '2026-0021'], 'the overdue police appointment comes first');
    assert.match(rows[0]?.tasks.map((t) => t.text).join('\n') ?? '', /Taak: .*politie.*Te laat: /);
    assert.deepEqual(rows[1]?.tasks, [], 'no strafbaar feit suspected: no police task');
  });

  it('puts the most overdue first, then the nearest, and says how long ago or how long left, at a fixed moment', async () => {
    const now = new Date('2026-11-26T12:00:00Z');
    const at = (h: number) => now.getTime() + h * HOUR;
    const mk = (number: string, deadlines: Deadline[]) =>
      anIncident('in-behandeling', { id: randomUUID(), number, deadlines, handlerIds: GRIFFIE });
    const incidents = [
      mk('2026-0010', [deadline('maatregelen', at(30))]),
      mk('2026-0011', [deadline('incidentgesprek', at(-3)), deadline('maatregelen', at(4))]),
      mk('2026-0012', [deadline('incidentgesprek', at(-20))]),
      mk('2026-0013', []),
      mk('2026-0014', [deadline('incidentgesprek', at(1))]),
    ];
    const { rows, more } = await overzichtRows(s.services, undefined, incidents, { aadObjectId: PEOPLE.coordinator.aadObjectId, scope: 'alles' }, 'alle', now);
    assert.equal(more, 0);
    assert.deepEqual(rows.map((r) => r.title.slice(8, 17)), ['2026-0012', '2026-0011', '2026-0014', '2026-0010', '2026-0013']);
    const [r12, r11, r14, r10, r13] = rows;
    assert.deepEqual(r12?.overdue.map((x) => x.text), ['Verlopen: Incidentgesprek met de pleger, bij voorkeur uiterlijk wo 25 nov 2026 17:00 (Te laat: 20 uur over de termijn)']);
    assert.equal(r12?.next, 'Geen openstaande termijn.');
    assert.match(r11?.overdue[0]?.text ?? '', /Te laat: 3 uur over de termijn/);
    assert.match(r11?.next ?? '', /^Volgende termijn: Besluit over maatregelen, bij voorkeur uiterlijk .* \(Bijna te laat: nog 4 uur\)$/);
    assert.equal(r11?.nextColor, 'Warning', 'due within a day');
    assert.match(r14?.next ?? '', /\(Bijna te laat: nog 1 uur\)$/);
    assert.equal(r10?.nextColor, 'Default');
    assert.equal(r13?.next, 'Geen openstaande termijn.');
    assert.deepEqual(r13?.overdue, []);
  });
});
