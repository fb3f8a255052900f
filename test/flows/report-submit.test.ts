import assert from 'node:assert/strict';
import { reportFlow } from '../../src/flows/report/index.js';
import { DraftSchema } from '../../src/flows/report/draft.js';
import { numberYear } from '../../src/flows/report/submit.js';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import type { Actor, TurnInput, TurnResult } from '../../src/flows/types.js';
import { nl } from '../../src/shared/i18n/nl.js';
import type { Store } from '../../src/store/ports.js';
import { StorageMeter, type StorageOps } from '../../src/store/storage-meter.js';
import { createTableStore } from '../../src/store/table-store.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText } from '../support/bot.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { testServices, type TestStack } from '../support/services.js';

type Handle = (input: TurnInput) => Promise<TurnResult>;

const ANSWERS: Record<string, Record<string, string>> = { ...STEP_ANSWERS, wie: { namens: 'nee', rol: 'raadslid' } };
const YEAR = numberYear(new Date());
const numberOf = (n: number): string => `${YEAR}-${String(n).padStart(4, '0')}`;
const melder = (i: number): Actor => ({ aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Melder ${i}` });

function input(actor: Actor, event: TurnInput['event']): TurnInput {
  const ref = { channelId: 'msteams', serviceUrl: 'https://smba.example/amer/', conversation: { id: `a:personal-${actor.aadObjectId}`, conversationType: 'personal' } };
  return { event, actor, conversation: { kind: 'personal', ref }, now: new Date() };
}
const act = (handle: Handle, actor: Actor, verb: string, data: Record<string, unknown> = {}): Promise<TurnResult> =>
  handle(input(actor, { kind: 'action', verb, data: { ...data, verb }, via: 'execute' }));
const say = (handle: Handle, actor: Actor, text: string): Promise<TurnResult> =>
  handle(input(actor, { kind: 'message', text, attachments: [] }));

/** From the start to the summary; returns the Melden button's data. */
async function toSummary(handle: Handle, actor: Actor): Promise<Record<string, unknown>> {
  let card = (await act(handle, actor, 'melding.start')).card;
  card = (await act(handle, actor, 'melding.veilig', { ...dataOf(card, 'melding.veilig'), veilig: 'ja' })).card;
  for (let i = 0; i < 12 && !hasVerb(card, 'melding.indienen'); i++) {
    const data = dataOf(card, 'melding.stap');
    card = (await act(handle, actor, 'melding.stap', { ...data, ...(ANSWERS[String(data['step'])] ?? {}) })).card;
  }
  return dataOf(card, 'melding.indienen');
}

const shownNumber = (r: TurnResult): string | undefined => /Meldingsnummer: (\S+)/.exec(cardText(r.card))?.[1];

describe('Melden: every melding stored and numbered exactly once, whatever is pressed or crashes', function () {
  this.timeout(120_000);
  let az: AzuriteHandle;
  let stack: TestStack;
  let services: Services;
  let meter: StorageMeter;
  const router = (s: Services = services): Handle => createRouter(s, [reportFlow(s)]);

  before(async () => {
    az = await startAzurite();
  });
  after(() => az.stop());
  beforeEach(async () => {
    stack = await testServices({ az });
    meter = new StorageMeter();
    const tables = meter.tables(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }));
    services = { ...stack.services, store: createTableStore(tables), effects: meter.effects(stack.services.effects) };
  });
  afterEach(() => stack.stop());

  const stored = () => services.store.incidents.listByOrganisation(services.orgId);

  it('50 melders pressing Melden in the same second each get a melding, numbered 1..50 without a gap', async () => {
    const handle = router();
    const melders = Array.from({ length: 50 }, (_, i) => melder(i + 1));
    const submits = await Promise.all(melders.map((m) => toSummary(handle, m)));
    const { value: results, ops } = await meter.measure(() => Promise.all(melders.map((m, i) => act(handle, m, 'melding.indienen', submits[i]))));
    const numbers = results.map(shownNumber);
    assert.ok(numbers.every(Boolean), `every press answered with its number: ${results.map((r) => cardText(r.card).slice(0, 80)).find((t) => !/Meldingsnummer/.test(t))}`);
    assert.deepEqual([...numbers].sort(), Array.from({ length: 50 }, (_, i) => numberOf(i + 1)));
    const all = await stored();
    assert.equal(all.length, 50);
    assert.deepEqual(new Set(all.map((x) => x.value.number)), new Set(numbers));
    // no race on the counter row: it is read once (with the counter of earlier versions), and the
    // 50 meldingen share a few transactions besides each one's audit entry and draft delete
    assert.equal(ops.reads, 2);
    assert.ok(ops.writes <= 50 * 2 + 5, `${ops.writes} writes`);
  });

  it('20 presses by one melder, on two instances at once: one melding, one number, the next melder gets the next', async () => {
    const [a, b] = [router(), router()];
    const fleur = melder(1);
    const submit = await toSummary(a, fleur);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => act(i % 2 ? a : b, fleur, 'melding.indienen', submit)));
    assert.deepEqual(new Set(results.map(shownNumber)), new Set([numberOf(1)]), 'every press shows the one melding');
    assert.equal((await stored()).length, 1);
    const next = await act(a, melder(2), 'melding.indienen', await toSummary(a, melder(2)));
    assert.equal(shownNumber(next), numberOf(2), 'no number was used up by the other presses');
  });

  describe('a crash after the melding is stored and before its draft is deleted', () => {
    /** The turn dies right after the melding is written: the audit write (next in line) throws, as a killed process would stop there. */
    async function crashAfterFiling(actor: Actor): Promise<Record<string, unknown>> {
      const crashing: Store = { ...services.store, audit: { ...services.store.audit, append: () => Promise.reject(new Error('process killed')) } };
      const dying = router({ ...services, store: crashing });
      const submit = await toSummary(dying, actor);
      const before = (await stored()).length;
      const res = await act(dying, actor, 'melding.indienen', submit);
      assert.match(cardText(res.card), new RegExp(nl.errors.generic.slice(0, 20)), 'the crashed turn did not answer');
      assert.ok(await services.store.drafts(DraftSchema).get(services.orgId, actor.aadObjectId), 'the draft was left behind');
      assert.equal((await stored()).length, before + 1, 'the melding was stored');
      return submit;
    }

    it('the welcome says no melding is unfinished, and the next Melden starts a new one', async () => {
      await crashAfterFiling(melder(1));
      const restarted = router();
      const welcome = await say(restarted, melder(1), 'hallo');
      assert.doesNotMatch(cardText(welcome.card), new RegExp(nl.welcome.resume));
      const fresh = await act(restarted, melder(1), 'melding.start');
      assert.match(cardText(fresh.card), /Bent u nu veilig/);
    });

    it('Annuleren says the melding is filed, with its number, and withdraws nothing', async () => {
      const submit = await crashAfterFiling(melder(1));
      const restarted = router();
      const ask = await act(restarted, melder(1), 'melding.annuleren', submit);
      const confirm = await act(restarted, melder(1), 'melding.annuleren.bevestig', submit);
      for (const answer of [ask, confirm]) {
        const text = cardText(answer.card);
        assert.match(text, new RegExp(`Uw melding ${numberOf(1)} is al ingediend`));
        assert.doesNotMatch(text, /geannuleerd en verwijderd|Weet u het zeker/);
      }
      assert.equal((await stored()).length, 1);
    });

    it('Melden again shows the same melding and number; Verder met melden shows its receipt; no number is lost', async () => {
      const submit = await crashAfterFiling(melder(1));
      const restarted = router();
      assert.equal(shownNumber(await act(restarted, melder(1), 'melding.indienen', submit)), numberOf(1));
      await crashAfterFiling(melder(2));
      assert.equal(shownNumber(await act(router(), melder(2), 'melding.doorgaan')), numberOf(2));
      assert.equal((await stored()).length, 2);
      assert.equal(await services.store.drafts(DraftSchema).get(services.orgId, melder(2).aadObjectId), undefined);
    });
  });

  it('costs one write and no read per step, and melding.indienen three table operations besides its jobs', async () => {
    const flow = router();
    const counted: Handle = (i) => meter.measureAs(i.event.kind === 'action' ? i.event.verb : i.event.kind, () => flow(i));
    const warm = await toSummary(flow, melder(1));
    const first = await meter.measure(() => act(flow, melder(1), 'melding.indienen', warm));
    // once per organisation and year on an instance: the counter row, and the counter of earlier versions
    assert.deepEqual({ reads: first.ops.reads, writes: first.ops.writes }, { reads: 2, writes: 3 });
    const fleur = melder(2);
    const submit = await toSummary(counted, fleur);
    await act(counted, fleur, 'melding.indienen', submit);
    const byVerb = meter.byLabel();
    const per = (verb: string): StorageOps & { turns: number } => {
      const entry = byVerb.get(verb);
      assert.ok(entry, `${verb} was measured`);
      return { ...entry.total, turns: entry.turns };
    };
    for (const verb of ['melding.veilig', 'melding.stap']) {
      const { reads, writes, turns } = per(verb);
      assert.deepEqual({ reads, writes }, { reads: 0, writes: turns }, `${verb}: ${reads} reads and ${writes} writes in ${turns} turns`);
    }
    const indienen = per('melding.indienen');
    assert.equal(indienen.reads, 0, 'the summary was shown by this instance: the draft is known');
    assert.equal(indienen.writes, 3, 'the melding with its number, the audit entry, the draft deleted');
    assert.ok(indienen.enqueues <= 3, `the jobs of a new melding: ${indienen.enqueues}`);
  });

  it('two instances taking turns on one draft: each step lands, no stale or conflict card, nothing lost', async () => {
    const [a, b] = [router(), router()];
    const fleur = melder(1);
    let card = (await act(a, fleur, 'melding.start')).card;
    card = (await act(b, fleur, 'melding.veilig', { ...dataOf(card, 'melding.veilig'), veilig: 'ja' })).card;
    for (let i = 0; i < 12 && !hasVerb(card, 'melding.indienen'); i++) {
      const data = dataOf(card, 'melding.stap');
      const step = String(data['step']);
      if (step === 'pleger') {
        // instance b stores an attachment while instance a still holds the draft from before in memory
        const att = input(fleur, { kind: 'message', text: '', attachments: [{ name: 'screenshot.png', contentType: 'image/png', ref: 'https://files.example/1' }] });
        await b(att);
      }
      card = (await act(i % 2 ? b : a, fleur, 'melding.stap', { ...data, ...(ANSWERS[step] ?? {}) })).card;
      const text = cardText(card);
      assert.doesNotMatch(text, new RegExp(`${nl.errors.staleStep}|${nl.errors.conflict}`), `after ${step}`);
    }
    const done = await act(a, fleur, 'melding.indienen', dataOf(card, 'melding.indienen'));
    assert.equal(shownNumber(done), numberOf(1));
    const [melding] = await stored();
    assert.equal(melding?.value.attachments.length, 1, 'the attachment stored by the other instance is in the melding');
    assert.equal(melding?.value.impact?.nazorgGewenst, true);
  });
});
