import assert from 'node:assert/strict';
import { CHOOSE_VERB, dispatchTurns, type OrgTurns } from '../../src/flows/organisations/dispatch.js';
import type { Services } from '../../src/flows/services.js';
import type { ChosenMessage, TurnInput, TurnResult } from '../../src/flows/types.js';
import { PeopleDirectory, type Person } from '../../src/people/directory.js';
import type { ChannelLink } from '../../src/store/schemas.js';
import { cardText, silentLogger } from '../support/bot.js';

/** The dispatcher alone: which organisation gets each turn, and what it sees of the card's data. */

const ANNE = '00000000-0000-0000-0000-0000000000a1';
const BOB = '00000000-0000-0000-0000-0000000000b2';
const person = (aadObjectId: string, extra: Partial<Person> = {}): Person => ({ aadObjectId, name: 'x', roles: ['raadslid'], admin: false, kanalen: [], ...extra });

interface Stub extends OrgTurns {
  seen: TurnInput[];
  links: ChannelLink[];
  /** who has a melding open here: what storage holds, shared by every dispatcher over these organisations */
  drafts: Set<string>;
}

function org(id: string, people: Person[]): Stub {
  const stub: Stub = {
    id,
    name: `Organisatie ${id}`,
    seen: [],
    links: [],
    drafts: new Set(),
    // the dispatcher reads the people and the channel links of an organisation's services, nothing else
    services: { people: new PeopleDirectory(people), store: { channelLinks: { list: () => Promise.resolve(stub.links) } } } as unknown as Services,
    handle: (input) => {
      stub.seen.push(input);
      if (input.event.kind === 'action' && input.event.verb === 'melding.start' && input.actor) stub.drafts.add(input.actor.aadObjectId);
      const card = { type: 'AdaptiveCard', actions: [{ type: 'Action.Execute', verb: 'melding.start' }, { type: 'Action.Execute', verb: 'welkom' }] };
      return Promise.resolve<TurnResult>({ card, replies: [] });
    },
    remember: () => Promise.resolve(),
    hasDraft: (actor) => Promise.resolve(stub.drafts.has(actor.aadObjectId)),
  };
  return stub;
}

const ref = (id: string) => ({ channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id } });
const channel = (text: string, who = ANNE): TurnInput => ({
  event: { kind: 'message', text, attachments: [] },
  actor: { aadObjectId: who, name: 'x' },
  conversation: { kind: 'channel', ref: { ...ref('19:kanaal@thread;messageid=1'), teamsChannelId: '19:kanaal@thread' } },
  now: new Date(),
});
const personal = (event: TurnInput['event'], who = ANNE): TurnInput => ({ event, actor: { aadObjectId: who, name: 'x' }, conversation: { kind: 'personal', ref: ref(`personal-${who}`) }, now: new Date() });
const action = (verb: string, data: Record<string, unknown>): TurnInput['event'] => ({ kind: 'action', verb, data: { ...data, verb }, via: 'execute' });
const buttons = (r: TurnResult): Record<string, unknown>[] => {
  const actions = r.card?.['actions'];
  return Array.isArray(actions) ? actions : [];
};

describe('dispatching turns to the organisations of one deployment', () => {
  it('asks an administrator of both for which organisation `koppel` is, and links it there only', async () => {
    const a = org('org-a', [person(ANNE, { admin: true })]);
    const b = org('org-b', [person(ANNE, { admin: true })]);
    const dispatch = dispatchTurns([a, b], silentLogger);
    const question = await dispatch(channel('koppel griffier'));
    assert.match(cardText(question.card), /Voor welke organisatie is dit\?/);
    assert.equal(a.seen.length + b.seen.length, 0);
    const choiceB = buttons(question).find((x) => (x['data'] as Record<string, unknown>)['org'] === 'org-b');
    assert.equal(choiceB?.['verb'], CHOOSE_VERB);
    await dispatch({ ...channel(''), event: action(CHOOSE_VERB, choiceB?.['data'] as Record<string, unknown>) });
    assert.deepEqual(b.seen.map((i) => i.event), [{ kind: 'message', text: 'koppel griffier', attachments: [] }]);
    assert.equal(a.seen.length, 0);
  });

  it('takes `koppel` to the one organisation the person administers, and a linked channel to its organisation whatever the card says', async () => {
    const a = org('org-a', [person(ANNE)]);
    const b = org('org-b', [person(ANNE, { admin: true })]);
    const dispatch = dispatchTurns([a, b], silentLogger);
    await dispatch(channel('koppel griffier'));
    assert.equal(b.seen.length, 1);
    a.links = [{ orgId: 'org-a', role: 'griffier', conversationRef: ref('19:kanaal@thread'), linkedBy: ANNE, linkedAt: '2026-01-01T00:00:00.000Z', checkedAt: '2026-01-01T00:00:00.000Z' } as ChannelLink];
    const forged = await dispatch({ ...channel(''), event: action('afhandeling.openen', { incidentId: 'x', org: 'org-b' }) });
    assert.match(cardText(forged.card), /gekoppeld aan een andere organisatie/);
    await dispatch({ ...channel(''), event: action('afhandeling.openen', { incidentId: 'x', org: 'org-a' }) });
    assert.deepEqual(a.seen.at(-1)?.event, action('afhandeling.openen', { incidentId: 'x' }), 'the organisation sees the data without its name');
  });

  it('reads the organisations\' links side by side: one that cannot be read stops a channel turn only before the organisation that linked it', async () => {
    const a = org('org-a', [person(ANNE)]);
    const b = org('org-b', [person(ANNE)]);
    const link = { orgId: 'org-a', role: 'griffier', conversationRef: ref('19:kanaal@thread'), linkedBy: ANNE, linkedAt: '2026-01-01T00:00:00.000Z', checkedAt: '2026-01-01T00:00:00.000Z' } as ChannelLink;
    a.links = [link];
    const unreadable = (o: Stub): void => {
      o.services = { ...o.services, store: { channelLinks: { list: () => Promise.reject(new Error('storage down')) } } } as unknown as Services;
    };
    unreadable(b);
    await dispatchTurns([a, b], silentLogger)(channel('status'));
    assert.equal(a.seen.length, 1, 'org-a linked the channel: org-b\'s failure does not matter');
    const failed = await dispatchTurns([b, a], silentLogger)(channel('status'));
    assert.match(cardText(failed.card), /Er ging iets mis/);
    assert.equal(a.seen.length + b.seen.length, 1, 'nobody got the turn whose owner could not be told');
  });

  it('in a personal chat: one organisation without a question, several only when a melding starts, never one the person is not in', async () => {
    const a = org('org-a', [person(ANNE), person(BOB)]);
    const b = org('org-b', [person(ANNE)]);
    const dispatch = dispatchTurns([a, b], silentLogger);

    const bob = await dispatch(personal({ kind: 'message', text: 'melden', attachments: [] }, BOB));
    assert.equal(a.seen.length, 1, 'Bob is only in org-a: no question');
    assert.equal((buttons(bob)[0]?.['data'] as Record<string, unknown>)['org'], 'org-a');
    const forged = await dispatch(personal(action('melding.stap', { org: 'org-b' }), BOB));
    assert.match(cardText(forged.card), /organisatie waar u niet bij hoort/);
    const odd = await dispatch(personal(action('melding.stap', { org: 7 }), BOB));
    assert.match(cardText(odd.card), /organisatie waar u niet bij hoort/);
    assert.equal(b.seen.length, 0);

    const hallo = await dispatch(personal({ kind: 'message', text: 'hallo', attachments: [] }));
    assert.equal(a.seen.length, 2, 'anything but a melding goes to her first organisation');
    // its start button stays unnamed, so that starting a melding there asks
    assert.equal(buttons(hallo)[0]?.['data'], undefined);
    assert.equal((buttons(hallo)[1]?.['data'] as Record<string, unknown>)['org'], 'org-a');
    const question = await dispatch(personal(action('melding.start', {})));
    assert.match(cardText(question.card), /Voor welke organisatie meldt u\?/);
    assert.equal(a.seen.length + b.seen.length, 2);
    await dispatch(personal(action('melding.start', { org: 'org-b' })));
    assert.equal(b.seen.length, 1);
    await dispatch(personal({ kind: 'message', text: 'hallo', attachments: [] }));
    assert.equal(b.seen.length, 2, 'the organisation of her open melding');

    // her meldingen: each organisation answers for its own, under its name, without a question
    const mine = await dispatch(personal(action('meldingen.mijn', {})));
    assert.equal(a.seen.length, 3);
    assert.equal(b.seen.length, 3);
    assert.deepEqual(mine.replies.filter((r) => r.type === 'text').map((r) => (r.type === 'text' ? r.text : '')), ['Bij Organisatie org-a:', 'Bij Organisatie org-b:']);
  });

  it('takes "Melden bij Weerbaar" to the person\'s organisations, wherever the message is, and a submit to the one chosen', async () => {
    const a = org('org-a', [person(ANNE), person(BOB)]);
    const b = org('org-b', [person(ANNE)]);
    const dispatch = dispatchTurns([a, b], silentLogger);
    const message: ChosenMessage = { id: '1', senderName: 'x', deleted: false, body: { contentType: 'text', content: 'x' }, omittedChars: 0, attachments: [] };
    const fetch = { kind: 'messageAction', commandId: 'meldenBijWeerbaar', message } as const;
    // a channel linked by org-a: the message action is still the person's, not the channel's organisation's
    a.links = [{ orgId: 'org-a', role: 'griffier', conversationRef: ref('19:kanaal@thread'), linkedBy: ANNE, linkedAt: '2026-01-01T00:00:00.000Z', checkedAt: '2026-01-01T00:00:00.000Z' } as ChannelLink];
    const question = await dispatch({ ...channel(''), event: fetch });
    assert.match(cardText(question.dialog?.card), /Voor welke organisatie meldt u\?/);
    assert.equal(a.seen.length + b.seen.length, 0);
    await dispatch({ ...channel('', BOB), event: fetch });
    assert.equal(a.seen.length, 1, 'Bob is in org-a only: no question');

    await dispatch({ ...channel(''), event: { ...fetch, submitted: { data: { organisatie: 'org-b' } } } });
    assert.equal(b.seen.length, 1);
    b.drafts.add(ANNE);
    // what she sends next in her chat without a card (a screenshot) goes to the melding's organisation
    await dispatch(personal({ kind: 'message', text: '', attachments: [{ name: 'x.png', contentType: 'image/png', ref: 'https://x' }] }));
    assert.equal(b.seen.length, 2);
    const forged = await dispatch({ ...channel('', BOB), event: { ...fetch, submitted: { data: { organisatie: 'org-b' } } } });
    assert.match(cardText(forged.dialog?.card), /kies een organisatie waar u bij hoort/);
    assert.equal(b.seen.length, 2);
  });

  it('takes a screenshot to the organisation of her open melding, whichever instance she started it on, and asks when she has one in both', async () => {
    const a = org('org-a', [person(ANNE)]);
    const b = org('org-b', [person(ANNE)]);
    // two instances of the bot: two dispatchers over the same storage
    const one = dispatchTurns([a, b], silentLogger);
    const two = dispatchTurns([a, b], silentLogger);
    const screenshot = personal({ kind: 'message', text: '', attachments: [{ name: 'x.png', contentType: 'image/png', ref: 'https://x/1' }] });

    await one(personal(action('melding.start', { org: 'org-b' })));
    assert.equal(b.seen.length, 1);
    await two(screenshot);
    assert.equal(a.seen.length, 0, 'nothing of her melding in the other organisation');
    assert.deepEqual(b.seen.at(-1)?.event, screenshot.event);

    await two(personal(action('melding.start', { org: 'org-a' })));
    const question = await one(screenshot);
    assert.match(cardText(question.card), /Voor welke organisatie is dit\?/);
    assert.equal(a.seen.length, 1);
    assert.equal(b.seen.length, 2, 'asked, not sent anywhere');
    const choiceA = buttons(question).find((x) => (x['data'] as Record<string, unknown>)['org'] === 'org-a');
    await two({ ...screenshot, event: action(CHOOSE_VERB, choiceA?.['data'] as Record<string, unknown>) });
    assert.deepEqual(a.seen.at(-1)?.event, screenshot.event, 'the chosen organisation gets the screenshot itself');
    assert.equal(b.seen.length, 2);
  });

  it('answers a message action that fails in its dialog, without a button that would reach nobody', async () => {
    const a = org('org-a', [person(ANNE)]);
    a.handle = () => Promise.reject(new Error('storage down'));
    const dispatch = dispatchTurns([a], silentLogger);
    const message: ChosenMessage = { id: '1', senderName: 'x', deleted: false, body: { contentType: 'text', content: 'x' }, omittedChars: 0, attachments: [] };
    const failed = await dispatch({ ...channel(''), event: { kind: 'messageAction', commandId: 'meldenBijWeerbaar', message } });
    assert.equal(failed.card, undefined);
    assert.match(cardText(failed.dialog?.card), /Er ging iets mis aan onze kant/);
    assert.deepEqual(buttons({ replies: [], ...(failed.dialog ? { card: failed.dialog.card } : {}) }), []);
  });
});
