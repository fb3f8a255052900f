import assert from 'node:assert/strict';
import { reportFlow } from '../../src/flows/report/index.js';
import { DraftSchema } from '../../src/flows/report/draft.js';
import { createRouter } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import type { Actor, TurnInput, TurnResult } from '../../src/flows/types.js';
import { nl } from '../../src/shared/i18n/nl.js';
import type { DraftRepository, Versioned } from '../../src/store/ports.js';
import { cardText } from '../support/bot.js';
import { dataOf } from '../support/melding.js';
import { servicesPerTest } from '../support/services.js';

type Handle = (input: TurnInput) => Promise<TurnResult>;

const fleur: Actor = { aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Fleur' };
const act = (handle: Handle, verb: string, data: Record<string, unknown> = {}): Promise<TurnResult> => {
  const ref = { channelId: 'msteams', serviceUrl: 'https://smba.example/amer/', conversation: { id: 'a:personal-fleur', conversationType: 'personal' } };
  return handle({ event: { kind: 'action', verb, data: { ...data, verb }, via: 'execute' }, actor: fleur, conversation: { kind: 'personal', ref }, now: new Date() });
};
const nextImmediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The drafts of `inner`, each save held until `release` is called. */
class HeldDrafts<T> implements DraftRepository<T> {
  readonly held: (() => void)[] = [];
  constructor(private readonly inner: DraftRepository<T>) {}
  get(orgId: string, id: string): Promise<Versioned<T> | undefined> {
    return this.inner.get(orgId, id);
  }
  async save(orgId: string, id: string, draft: T, etag?: string): Promise<Versioned<T>> {
    await new Promise<void>((resolve) => this.held.push(resolve));
    return this.inner.save(orgId, id, draft, etag);
  }
  delete(orgId: string, id: string, etag?: string): Promise<void> {
    return this.inner.delete(orgId, id, etag);
  }
  release(): void {
    for (const r of this.held.splice(0)) r();
  }
}

describe('a step of the melding: the next card drawn while its write is under way', function () {
  this.timeout(30_000);
  const suite = servicesPerTest();

  async function atWie(handle: Handle): Promise<Record<string, unknown>> {
    const card = (await act(handle, 'melding.start')).card;
    const wie = (await act(handle, 'melding.veilig', { ...dataOf(card, 'melding.veilig'), veilig: 'ja' })).card;
    return dataOf(wie, 'melding.stap');
  }

  it('answers only once the step is stored', async () => {
    let held: HeldDrafts<unknown> | undefined;
    const services: Services = {
      ...suite.stack.services,
      store: {
        ...suite.stack.services.store,
        drafts: <T>(schema: Parameters<Services['store']['drafts']>[0]) => {
          const drafts = new HeldDrafts<T>(suite.stack.services.store.drafts<T>(schema as never));
          held = drafts as HeldDrafts<unknown>;
          return drafts;
        },
      },
    };
    const handle = createRouter(services, [reportFlow(services)]);
    const holding = held;
    assert.ok(holding);
    const started = act(handle, 'melding.start');
    while (holding.held.length === 0) await nextImmediate();
    holding.release();
    const veilig = act(handle, 'melding.veilig', { ...dataOf((await started).card, 'melding.veilig'), veilig: 'ja' });
    while (holding.held.length === 0) await nextImmediate();
    holding.release();
    const wie = dataOf((await veilig).card, 'melding.stap');

    let answered = false;
    const step = act(handle, 'melding.stap', { ...wie, namens: 'nee', rol: 'raadslid' }).then((r) => {
      answered = true;
      return r;
    });
    while (holding.held.length === 0) await nextImmediate();
    // the write is held: the card is drawn meanwhile, but not sent
    for (let i = 0; i < 5; i++) await nextImmediate();
    assert.equal(answered, false, 'answered before the step was stored');
    assert.equal((await suite.stack.services.store.drafts(DraftSchema).get(suite.stack.services.orgId, fleur.aadObjectId))?.value.step, 'wie');
    holding.release();
    const card = (await step).card;
    assert.equal(dataOf(card, 'melding.stap')['step'], 'wanneer');
    assert.equal((await suite.stack.services.store.drafts(DraftSchema).get(suite.stack.services.orgId, fleur.aadObjectId))?.value.step, 'wanneer');
  });

  it('a write refused before it reaches storage: a Dutch error card, and no rejection left unheard (which would stop the process)', async () => {
    let refuse = false;
    const services: Services = {
      ...suite.stack.services,
      store: {
        ...suite.stack.services.store,
        drafts: <T>(schema: Parameters<Services['store']['drafts']>[0]) => {
          const inner = suite.stack.services.store.drafts<T>(schema as never);
          return {
            get: (orgId: string, id: string) => inner.get(orgId, id),
            save: (orgId: string, id: string, draft: T, etag?: string) => (refuse ? Promise.reject(new Error('refused before any I/O')) : inner.save(orgId, id, draft, etag)),
            delete: (orgId: string, id: string, etag?: string) => inner.delete(orgId, id, etag),
          };
        },
      },
    };
    const handle = createRouter(services, [reportFlow(services)]);
    const wie = await atWie(handle);
    const unheard: unknown[] = [];
    const listener = (reason: unknown): void => {
      unheard.push(reason);
    };
    process.on('unhandledRejection', listener);
    try {
      refuse = true;
      const result = await act(handle, 'melding.stap', { ...wie, namens: 'nee', rol: 'raadslid' });
      assert.match(cardText(result.card), new RegExp(nl.errors.generic.slice(0, 25)));
      // Node reports an unheard rejection after the turn's microtasks: give it those turns
      for (let i = 0; i < 5; i++) await nextImmediate();
      assert.deepEqual(unheard, []);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('two clicks on one step racing: one lands, the other shows what is stored, with the conflict said', async () => {
    const handle = createRouter(suite.stack.services, [reportFlow(suite.stack.services)]);
    const wie = await atWie(handle);
    const [a, b] = await Promise.all([
      act(handle, 'melding.stap', { ...wie, namens: 'nee', rol: 'raadslid' }),
      act(handle, 'melding.stap', { ...wie, namens: 'nee', rol: 'wethouder' }),
    ]);
    const texts = [cardText(a.card), cardText(b.card)];
    assert.equal(texts.filter((t) => t.includes(nl.errors.conflict)).length, 1, texts.join('\n---\n'));
    for (const card of [a.card, b.card]) assert.equal(dataOf(card, 'melding.stap')['step'], 'wanneer');
    const stored = await suite.stack.services.store.drafts(DraftSchema).get(suite.stack.services.orgId, fleur.aadObjectId);
    assert.equal(stored?.value.step, 'wanneer');
    const winner = texts[0]?.includes(nl.errors.conflict) ? 'wethouder' : 'raadslid';
    assert.equal(stored?.value.wie?.role, winner, 'the stored draft is the one whose card was shown without the conflict');
  });
});
