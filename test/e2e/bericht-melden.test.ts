import assert from 'node:assert/strict';
import { IncidentSchema } from '../../src/domain/incident-schema.js';
import { DraftSchema } from '../../src/flows/report/draft.js';
import { nl } from '../../src/shared/i18n/nl.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE } from '../support/bot.js';
import { BENCH_CHANNELS, cardOf, destinations, linkChannels } from '../support/connector-cards.js';
import { FakeConnector, type ConnectorCall } from '../support/fake-connector.js';
import { clicker, inputValue, stepOf, type Card } from '../support/http-melding.js';
import { BOT_ACCOUNT, personalConversationId, startHttpBot, TeamsClient, type HttpBot, type TeamsUser } from '../support/http-teams.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { fixture } from '../support/teams-fixtures.js';
import { until } from '../support/until.js';

/**
 * "Melden bij Weerbaar" on a Teams message, over HTTP as Teams sends it (Microsoft's published
 * fetchTask payloads, test/fixtures/teams/invoke-fetchtask-*): the dialog answers the invoke, the
 * melding opens in the person's 1:1 chat with the message kept as evidence, and nothing is ever
 * posted in the conversation the message came from.
 */
describe('e2e over HTTP: Melden bij Weerbaar on a Teams message', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let connector: FakeConnector;
  let bot: HttpBot;
  let client: TeamsClient;

  const GROUP_CHAT = '19:fake-group-chat-1@thread.v2';
  const CHANNEL = '19:fake-channel-1@thread.tacv2';
  const drafts = () => bot.weerbaar.services.store.drafts(DraftSchema);
  const orgId = () => bot.weerbaar.services.orgId;

  type Payload = Record<string, unknown>;

  /** The published fetchTask, sent by `user` to our bot, its messagePayload changed by `change`. */
  async function fetchTask(user: TeamsUser, name: string, change: (p: Payload) => Payload = (p) => p) {
    const activity = fixture(name);
    const value = activity.value as { messagePayload: Payload };
    const body = {
      ...activity,
      serviceUrl: connector.url,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { ...BOT_ACCOUNT },
      value: { ...value, messagePayload: change(value.messagePayload) },
    };
    return dialogOf(await client.post(body));
  }

  function dialogOf(res: { status: number; body: unknown }) {
    assert.equal(res.status, 200);
    const task = (res.body as { task?: { type?: string; value?: { title?: string; card?: { contentType?: string; content?: Card } } } }).task;
    assert.equal(task?.type, 'continue');
    assert.equal(task.value?.card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const card = task.value.card.content ?? {};
    const json = JSON.stringify(card);
    assert.doesNotMatch(json, /Action\.(Execute|Submit)/, 'the dialog has no button that would send anything back');
    return { title: task.value.title, card, text: cardText(card) };
  }

  /** Calls to the connector about a conversation: posts, updates, or a conversation opened with it in its id. */
  const callsTo = (conversationId: string): ConnectorCall[] => connector.calls.filter((c) => c.conversationId.startsWith(conversationId));

  /** The TextRuns of a card: where text is shown literally. */
  function textRuns(card: unknown): string[] {
    const out: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o['type'] === 'TextRun' && typeof o['text'] === 'string') out.push(o['text']);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    return out;
  }

  before(async () => {
    az = await startAzurite();
    connector = await new FakeConnector().start();
    bot = await startHttpBot(az.connectionString);
    client = new TeamsClient({ botUrl: bot.url, serviceUrl: connector.url });
    await linkChannels(client, connector);
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await az.stop();
  });

  it('opens the melding in the 1:1 chat with the message kept literally, and never posts in the group chat it came from', async () => {
    const fleur: TeamsUser = PEOPLE.raadslid;
    assert.equal((await client.message(fleur, 'hallo')).status, 200);
    const personal = personalConversationId(fleur);
    const before = connector.posts(personal).length;

    const hostile = '<p>Jij <b>**verdient**</b> het &lt;script&gt; ${x} {{DATE(2026-01-01T00:00:00Z)}} [klik](https://evil.example)</p><script>alert(1)</script><p>Tot <i>snel</i>.</p>';
    const dialog = await fetchTask(fleur, 'invoke-fetchtask-message-groupchat', (p) => ({
      ...p,
      body: { contentType: 'html', content: hostile },
      attachments: [
        { id: '1', contentType: 'reference', contentUrl: 'https://fake.sharepoint.example/rapport.pdf', name: 'rapport.pdf' },
        { id: '2', contentType: 'application/vnd.microsoft.card.adaptive', content: JSON.stringify({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Wij weten **waar** u woont' }] }) },
      ],
    }));
    assert.equal(dialog.title, 'Melden bij Weerbaar');
    assert.match(dialog.text, /gaat verder in uw persoonlijke chat met Weerbaar/);
    assert.match(dialog.text, /plaatst Weerbaar niets/);

    // the job sends the kept message and the first step into her own chat
    await until('two cards in the 1:1 chat', async () => connector.posts(personal).length >= before + 2);
    const [evidence, safety] = connector.posts(personal).slice(before).map((c) => cardOf(c.body) ?? {});
    const runs = textRuns(evidence);
    const kept = 'Jij **verdient** het <script> ${x} {\u200b{DATE(2026-01-01T00:00:00Z)}} [klik](https://evil.example)\nTot snel.';
    assert.ok(runs.includes(kept), `the text as plain text, literally, in a TextRun:\n${runs.join('\n---\n')}`);
    assert.ok(runs.includes('Afzender: Test User B'));
    assert.ok(runs.some((r) => /^Verzonden: .* 2019 22:29$/.test(r)), 'the sent time in Amsterdam time');
    assert.ok(runs.includes('Bijlage: rapport.pdf (reference). Het bestand zelf is niet bewaard.'));
    assert.ok(runs.includes('Wij weten **waar** u woont'), 'the words of a card in the message, literally');
    assert.doesNotMatch(JSON.stringify(evidence), /alert\(1\)|evil\.example\/rapport|sharepoint/);
    assert.ok(hasVerb(safety, 'melding.veilig'), 'then the first question of the melding');

    // the draft keeps the copy, with the kanaal answered
    const draft = (await drafts().get(orgId(), fleur.aadObjectId))?.value;
    assert.equal(draft?.evidence?.text, kept.replace('{\u200b{', '{{'));
    assert.deepEqual(draft?.evidence?.attachments.map((a) => [a.kind, a.name]), [['bestand', 'rapport.pdf'], ['kaart', '']]);
    assert.equal(draft?.evidence?.sentAt, '2019-02-25T21:29:36.065Z');
    assert.equal(draft?.wanneer?.kanaal, 'teams-bericht');

    // the melding goes on in the 1:1 chat as any other: the wanneer step shows the answered kanaal
    const click = clicker(client, fleur);
    let wanneer: Record<string, string> = {};
    const card = await toSummary(click, await click('melding.veilig', { ...dataOf(safety, 'melding.veilig'), veilig: 'ja' }), (a) => (wanneer = a));
    assert.deepEqual(wanneer, { datum: '2019-02-25', tijd: '22:29', kanaal: 'teams-bericht', locatie: 'Microsoft Teams' });
    assert.ok(textRuns(card).includes(kept), 'the summary shows the kept message literally');
    assert.match(cardText(card), /Bewijs: Teams-bericht \(kopie\)/);
    const confirmation = await click('melding.indienen', dataOf(card, 'melding.indienen'));
    assert.match(cardText(confirmation), /Uw melding is ontvangen/);

    const stored = await bot.weerbaar.services.store.incidents.listByMelder(orgId(), fleur.aadObjectId);
    const incident = IncidentSchema.parse(stored[0]?.value);
    assert.equal(incident.kanaal, 'teams-bericht');
    assert.equal(incident.evidence?.text, draft?.evidence?.text);

    // the griffier's card in the linked channel shows it literally too
    await until('the melding card in the griffie channel', async () =>
      connector.posts(BENCH_CHANNELS.griffie).some((c) => textRuns(cardOf(c.body)).includes(kept)),
    );
    assert.deepEqual(callsTo(GROUP_CHAT), [], 'nothing posted, opened or updated in the group chat the message came from');
  });

  it('the short path from a message starts at the moment it was sent and with "Teams-bericht" chosen', async () => {
    const fleur: TeamsUser = PEOPLE.raadslid;
    await drafts().delete(orgId(), fleur.aadObjectId);
    assert.equal((await client.message(fleur, 'hallo')).status, 200);
    const personal = personalConversationId(fleur);
    const before = connector.posts(personal).length;
    await fetchTask(fleur, 'invoke-fetchtask-message-groupchat');
    const safetyCard = () => connector.posts(personal).slice(before).map((c) => cardOf(c.body) ?? {}).find((c) => hasVerb(c, 'melding.kort.kiezen'));
    await until('the first step in the 1:1 chat', async () => safetyCard() !== undefined);
    const safety = safetyCard() ?? {};
    const click = clicker(client, fleur);
    const kort = await click('melding.kort.kiezen', dataOf(safety, 'melding.kort.kiezen'));
    assert.equal(inputValue(kort, 'datum'), '2019-02-25');
    assert.equal(inputValue(kort, 'tijd'), '22:29');
    assert.equal(inputValue(kort, 'kanaal'), 'teams-bericht');
    assert.match(cardText(kort), /Wanneer: ma 25 feb 2019 22:29/);
    assert.doesNotMatch(cardText(kort), /Wanneer: nu/);
  });

  it('without a known 1:1 chat: says how to open it, keeps the draft for `melden`, and posts nothing anywhere', async () => {
    const ahmed: TeamsUser = PEOPLE.wethouder;
    const callsBefore = connector.calls.length;
    const dialog = await fetchTask(ahmed, 'invoke-fetchtask-message-channel-reply');
    assert.match(dialog.text, /Open uw persoonlijke chat met Weerbaar .* typ daar: melden/);
    const open = JSON.stringify(dialog.card);
    assert.match(open, /"type":"Action\.OpenUrl"/);
    assert.match(open, /https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=28%3Aweerbaar-bot/);

    const draft = (await drafts().get(orgId(), ahmed.aadObjectId))?.value;
    assert.equal(draft?.evidence?.text, 'Fake Webhook - Hi');
    assert.equal(draft?.evidence?.link, 'https://teams.microsoft.com/l/message/19:fake-channel-1@thread.tacv2/1700000000700');

    // `melden` in the 1:1 chat resumes that draft; only then does the bot write, and only there
    assert.equal((await client.message(ahmed, 'melden')).status, 200);
    // (other calls are the first test's melding at work in the background)
    const where = destinations(connector);
    const toAhmed = connector.calls.slice(callsBefore).filter((c) => /user-ahmed/.test(where.get(c) ?? ''));
    assert.deepEqual(toAhmed.map((c) => [c.kind, c.conversationId]), [['post', personalConversationId(ahmed)]]);
    assert.ok(hasVerb(cardOf(toAhmed[0]!.body), 'melding.veilig'));
    assert.deepEqual(callsTo(CHANNEL), []);
  });

  it('from a 1:1 chat between two people: that chat is not taken for her chat with the bot', async () => {
    const karin: TeamsUser = PEOPLE.gemeentesecretaris;
    const peopleChat = '19:fake-user-a2_fake-user-a9@unq.gbl.spaces';
    const activity = fixture('invoke-fetchtask-message-groupchat');
    const res = await client.post({
      ...activity,
      serviceUrl: connector.url,
      from: { id: karin.id, name: karin.name, aadObjectId: karin.aadObjectId },
      recipient: { ...BOT_ACCOUNT },
      conversation: { id: peopleChat, conversationType: 'personal', tenantId: 'tenant-1' },
    });
    // had the bot remembered this chat as hers, it would say the melding goes on there, and its job would post into it
    assert.match(dialogOf(res).text, /Open uw persoonlijke chat met Weerbaar/);
    assert.equal((await client.message(karin, 'melden')).status, 200);
    assert.deepEqual(callsTo(peopleChat), []);
  });

  it('keeps an edited, deleted or very long message safely, with a clear word for what was not kept', async () => {
    const mark: TeamsUser = PEOPLE.burgemeester;
    const dialog = await fetchTask(mark, 'invoke-fetchtask-message-groupchat', (p) => ({
      ...p,
      body: { contentType: 'text', content: `${'A'.repeat(5000)}*einde*` },
      lastModifiedDateTime: '2019-02-25T21:40:00.000Z',
      deleted: null,
      deletionTime: '2019-02-26T08:00:00.000Z',
      linkToMessage: 'javascript:alert(1)',
    }));
    assert.match(dialog.text, /Open uw persoonlijke chat/);
    const evidence = (await drafts().get(orgId(), mark.aadObjectId))?.value.evidence;
    assert.equal(evidence?.text, 'A'.repeat(4000));
    assert.equal(evidence?.omittedChars, 1007);
    assert.equal(evidence?.editedAt, '2019-02-25T21:40:00.000Z');
    assert.equal(evidence?.deleted, true);
    assert.equal(evidence?.link, undefined, 'only an https link is kept');

    assert.equal((await client.message(mark, 'melden')).status, 200);
    const safety = connector.posts(personalConversationId(mark)).at(-1);
    const click = clicker(client, mark);
    const wie = await click('melding.veilig', { ...dataOf(cardOf(safety!.body), 'melding.veilig'), veilig: 'ja' });
    assert.equal(stepOf(wie), 'wie');
    const summaryText = textRuns(await toSummary(click, wie)).join('\n');
    assert.match(summaryText, /bewerkt op ma 25 feb 2019 22:40\. Dit is de bewerkte tekst/);
    assert.match(summaryText, /verwijderd op di 26 feb 2019 09:00/);
    assert.match(summaryText, /Ingekort: alleen de eerste 4000 tekens van het bericht zijn bewaard\./);
  });

  it('answers an unreadable or foreign invoke with a Dutch dialog, and one with a draft open says so; nothing is stored or posted', async () => {
    const lotte: TeamsUser = PEOPLE.fractiemedewerker;
    const base = fixture('invoke-fetchtask-message-groupchat');
    const send = (value: unknown) =>
      client.post({ ...base, serviceUrl: connector.url, from: { id: lotte.id, name: lotte.name, aadObjectId: lotte.aadObjectId }, recipient: { ...BOT_ACCOUNT }, value });
    const callsBefore = connector.calls.length;
    for (const value of [
      'geen object',
      { commandId: 5 },
      { commandId: 'meldenBijWeerbaar', commandContext: 'message', messagePayload: { id: 7 } },
      { commandId: 'meldenBijWeerbaar', commandContext: 'compose' },
      { commandId: 'iets-anders', commandContext: 'message', messagePayload: { id: '1', body: { content: 'x' } } },
    ]) {
      assert.match(dialogOf(await send(value)).text, /Weerbaar kon dit bericht niet lezen/, JSON.stringify(value));
    }
    assert.equal(await drafts().get(orgId(), lotte.aadObjectId), undefined);
    const anonymous = await client.post({ ...base, serviceUrl: connector.url, from: { id: lotte.id, name: lotte.name }, recipient: { ...BOT_ACCOUNT } });
    assert.match(dialogOf(anonymous).text, new RegExp(nl.errors.noIdentity.slice(0, 30)), 'no Entra id: refused in the dialog, without buttons');
    // an invoke without a name is no Teams activity at all
    assert.equal((await client.post({ ...base, name: undefined, serviceUrl: connector.url })).status, 400);

    const ok = { ...(base.value as Payload) };
    assert.match((await fetchTask(lotte, 'invoke-fetchtask-message-groupchat')).text, /Open uw persoonlijke chat/);
    assert.match(dialogOf(await send(ok)).text, /U heeft al een melding die nog niet is afgerond/);
    const where = destinations(connector);
    const toLotteOrChat = connector.calls.slice(callsBefore).filter((c) => /user-lotte|fake-group-chat/.test(where.get(c) ?? ''));
    assert.deepEqual(toLotteOrChat, [], 'nothing to her, nothing to the group chat (other calls: the first melding at work)');
  });

  /** Answers the steps up to the summary; the wanneer step with what its card shows (the values Teams would send back). */
  async function toSummary(click: ReturnType<typeof clicker>, from: Card, onWanneer: (answers: Record<string, string>) => void = () => {}): Promise<Card> {
    let card = from;
    for (let i = 0; i < 12 && !hasVerb(card, 'melding.indienen'); i++) {
      const data = dataOf(card, 'melding.stap');
      const step = String(data['step']);
      let answers = STEP_ANSWERS[step] ?? {};
      if (step === 'wanneer') {
        answers = Object.fromEntries(['datum', 'tijd', 'kanaal', 'locatie'].map((id) => [id, String(inputValue(card, id) ?? '')]));
        onWanneer(answers);
      }
      const next = await click('melding.stap', { ...data, ...answers });
      assert.notEqual(stepOf(next), step, `step ${step} accepted`);
      card = next;
    }
    return card;
  }
});
