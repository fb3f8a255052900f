import assert from 'node:assert/strict';
import { BookingItemSchema } from '../../src/agenda/bookings.js';
import type { Incident } from '../../src/domain/incident-schema.js';
import { meldingCard, type ViewContext, type ViewOptions } from '../../src/flows/handling/view.js';
import { nl } from '../../src/shared/i18n/nl.js';
import { cardText } from '../support/bot.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { testServices, type TestStack } from '../support/services.js';
import { anIncident } from '../domain/fixtures.js';

/**
 * Issue 14, section 3 and 4 on the card's JSON: the griffier reads who, what and when first, then
 * what needs doing now; met deadlines go; every button says what it does and has a name of its own;
 * nobody gets a button that would refuse them. (The height at phone width: test/browser/griffier-kaart.test.ts.)
 */

type Node = Record<string, unknown>;

/** Every element of a card, ShowCards and hidden containers included, in document order. */
function elements(card: unknown): Node[] {
  const out: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Node;
      if (typeof o['type'] === 'string') out.push(o);
      Object.entries(o).forEach(([k, v]) => k !== 'fallback' && k !== 'refresh' && walk(v));
    }
  };
  walk(card);
  return out;
}

const actions = (card: unknown) => elements(card).filter((e) => String(e['type']).startsWith('Action.'));
const titles = (card: unknown) => actions(card).map((e) => String(e['title']));
const executeVerbs = (card: unknown) => actions(card).filter((e) => e['type'] === 'Action.Execute').map((e) => String(e['verb']));
const input = (card: unknown, id: string) => elements(card).find((e) => String(e['type']).startsWith('Input.') && e['id'] === id);

/** The card's text before "Wat er gebeurde": the part read at a glance. */
function glance(card: unknown): string {
  const text = cardText(card);
  return text.slice(0, text.indexOf('Wat er gebeurde'));
}

describe('afhandeling: the griffier\'s card at a glance', function () {
  let az: AzuriteHandle | undefined;
  let stack: TestStack | undefined;
  before(async () => {
    az = await startAzurite();
    stack = await testServices({ az });
  });
  after(async () => {
    await stack?.stop();
    await az?.stop();
  });

  const NOW = new Date('2026-11-25T08:00:00Z');
  const render = (incident: Incident, options: ViewOptions, extra: Partial<ViewContext> = {}) =>
    meldingCard(incident, { services: stack!.services, now: NOW, history: [], plegerCount: 1, ...extra }, options);
  const deadlines: Incident['deadlines'] = [
    { kind: 'nazorg-1', dueBy: '2026-11-25T12:00:00Z' },
    { kind: 'maatregelen', dueBy: '2026-11-25T04:00:00Z' },
    { kind: 'nazorg-3', dueBy: '2027-01-05T12:00:00Z', notBefore: '2026-12-22T12:00:00Z' },
  ];
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const kop = `Melding 2026-0042: ${nl.category.label['verbale-agressie']}`;
  const fleur = { aadObjectId: 'aad-fleur', name: 'Fleur de Vries', role: 'raadslid' as const };

  it('opens with who, what and when; for a melding namens, both people', () => {
    const own = glance(render(anIncident('gemeld', { ambtsdrager: fleur, melder: fleur }), { handler: true }));
    assert.match(own, new RegExp(`^${esc(kop)}\nFleur de Vries, raadslid\nGebeurd op di 24 nov 2026 13:00 · gemeld op di 24 nov 2026 14:30\nStatus: gemeld · behandelaar: griffier`));
    const namens = anIncident('gemeld', { namens: true, ambtsdrager: { aadObjectId: 'aad-ahmed', name: 'Ahmed El Amrani', role: 'wethouder' }, melder: { aadObjectId: 'aad-lotte', name: 'Lotte Smit' } });
    assert.match(glance(render(namens, { handler: true })), new RegExp(`^${esc(kop)}\nAhmed El Amrani, wethouder \\(gemeld door Lotte Smit\\)\n`));
  });

  it('says what needs doing now, soonest first, with its state in words; steun gevraagd in a box of its own', () => {
    const incident = anIncident('gemeld', { ambtsdrager: fleur, deadlines, impact: { letsel: false, ziekenhuis: false, steunNodig: true, toestemmingAangifte: true, toestemmingInformeren: false, nazorgGewenst: true } });
    const card = render(incident, { handler: true });
    const text = glance(card);
    assert.match(text, /Steun gevraagd\nFleur de Vries gaf bij de melding aan nu steun nodig te hebben\.\nNu te doen\n/);
    assert.match(text, /Besluit over maatregelen \(bij voorkeur binnen deze termijn\)\nUiterlijk wo 25 nov 2026 05:00\. Te laat: 4 uur over de termijn\nVoorstel: /);
    assert.match(text, /Eerste nazorggesprek\nUiterlijk wo 25 nov 2026 13:00\. Bijna te laat: nog 4 uur/);
    assert.match(text, /Derde nazorggesprek\nVanaf di 22 dec 2026 13:00, uiterlijk di 5 jan 2027 13:00\. Nog niet aan de beurt/);
    assert.ok(text.indexOf('Besluit over maatregelen') < text.indexOf('Eerste nazorggesprek'), 'the most overdue first');
    const box = elements(card).find((e) => e['type'] === 'Container' && e['style'] === 'attention' && cardText(e).startsWith('Steun gevraagd'));
    assert.ok(box, 'the steun box is a container of its own');
    assert.doesNotMatch(glance(render(anIncident('gemeld', { deadlines }), { handler: true })), /Steun gevraagd/);
  });

  it('lets deadlines that are met disappear: a decision, a booked conversation', () => {
    const decided = anIncident('maatregelen-vastgesteld', {
      deadlines,
      decision: { types: ['waarschuwing-schriftelijk'], besproken: true, decidedBy: { aadObjectId: 'aad-sanne', name: 'Sanne Jansen' }, decidedAt: '2026-11-25T07:00:00Z' },
    });
    const booked = BookingItemSchema.parse({
      kind: 'nazorg-1', idempotencyKey: 'nazorg:x:1', organiser: 'mark@gemeente.example', attendees: [], subject: 'Nazorggesprek', online: true,
      start: '2026-11-25T11:00:00Z', end: '2026-11-25T12:00:00Z', window: { dueBy: '2026-11-25T12:00:00Z' },
      buitenTermijn: false, termijnVerstreken: false, buitenKantooruren: false, status: 'geboekt', updatedAt: '2026-11-24T14:00:00Z',
    });
    const agenda = { bookings: { orgId: 'o', incidentId: decided.id, items: [booked], buitenTermijn: false, updatedAt: booked.updatedAt }, icsUrls: {} };
    const text = glance(render(decided, { handler: true }, { agenda }));
    assert.doesNotMatch(text, /Besluit over maatregelen/);
    assert.doesNotMatch(text, /Eerste nazorggesprek/);
    assert.match(text, /Derde nazorggesprek/);
  });

  it('names its buttons after what they do; the reason for closing without maatregelen is required; no handover is chosen in advance', () => {
    const card = render(anIncident('gemeld', { deadlines }), { handler: true });
    for (const title of ['Oppakken', 'Maatregelen vaststellen', 'Afsluiten zonder maatregelen', 'Overdragen aan …', 'Agenda en geschiedenis']) {
      assert.ok(titles(card).includes(title), `a button "${title}"`);
    }
    assert.equal(input(card, 'reden')?.['isRequired'], true);
    assert.match(String(input(card, 'reden')?.['errorMessage']), /^Reden: /, 'the error names its field');
    assert.equal(input(card, 'overdragenAan')?.['value'], '', 'one wrong tap sends nothing');
    assert.match(String(input(card, 'overdragenAan')?.['placeholder']), /Kies een behandelaar/);
    const inProgress = render(anIncident('in-behandeling', { deadlines }), { handler: true });
    assert.ok(!titles(inProgress).includes('Oppakken'), 'picked up once');
  });

  it('gives every button and every input a name of its own, and puts help before its input', () => {
    const card = render(anIncident('gemeld', { deadlines, taken: [] }), { handler: true });
    const all = titles(card);
    assert.deepEqual(all.filter((t, i) => all.indexOf(t) !== i), [], 'no two buttons share a name');
    const labels = elements(card).filter((e) => String(e['type']).startsWith('Input.') && e['type'] !== 'Input.Toggle').map((e) => String(e['label']));
    assert.ok(labels.every((l) => l !== '' && l !== 'undefined'), 'every input has a label');
    assert.deepEqual(labels.filter((l, i) => labels.indexOf(l) !== i), []);
    const form = elements(card).find((e) => e['type'] === 'Action.ShowCard' && e['title'] === 'Maatregelen vaststellen');
    const order = cardText(form?.['card']);
    assert.ok(order.indexOf('Alleen bij een beperking') < order.indexOf('Einddatum'), 'the help before the input it helps with');
    const headings = elements(card).filter((e) => e['style'] === 'heading').map((e) => String(e['text']));
    assert.deepEqual(headings.slice(0, 3), [kop, 'Nu te doen', 'Wat er gebeurde']);
  });

  it('shows the others no button that would refuse them; Oppakken only in the handlers\' channel', () => {
    const incident = anIncident('gemeld', { deadlines });
    assert.deepEqual(executeVerbs(render(incident, { handler: false })), [], 'the coordinator and other readers: nothing to press but Agenda en geschiedenis');
    assert.deepEqual(executeVerbs(render(incident, { handler: false, pickUp: true })), ['afhandeling.openen']);
    assert.deepEqual(executeVerbs(render(anIncident('in-behandeling', { deadlines }), { handler: false, pickUp: true })), []);
  });
});
