import assert from 'node:assert/strict';
import { DraftSchema } from '../../src/flows/report/draft.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { cardText, PEOPLE } from '../support/bot.js';
import { GEMEENTE_NIJMEGEN, writeOrganisationsFile } from '../support/organisations-file.js';
import { cardOf } from '../support/connector-cards.js';
import { FakeConnector } from '../support/fake-connector.js';
import { clicker, type Card } from '../support/http-melding.js';
import { BOT_ACCOUNT, personalConversationId, startHttpBot, TeamsClient, type HttpBot, type TeamsUser } from '../support/http-teams.js';
import { dataOf, hasVerb } from '../support/melding.js';
import { fixture } from '../support/teams-fixtures.js';
import { until } from '../support/until.js';

/**
 * "Melden bij Weerbaar" in a deployment of several organisations, over HTTP as Teams sends it
 * (Microsoft's published fetchTask and submitAction, test/fixtures/teams/invoke-*-message-groupchat):
 * a person in several chooses in the dialog, and the melding is stored and continued in the chosen one.
 */

const GEMEENTE = 'gemeente-nijmegen';
const PROVINCIE = 'provincie-utrecht';
const WATERSCHAP = 'waterschap-vallei';
const GROUP_CHAT = '19:fake-group-chat-1@thread.v2';
const FLEUR: TeamsUser = PEOPLE.raadslid;
/** in the gemeente only */
const AHMED: TeamsUser = PEOPLE.wethouder;

/** Fleur is raadslid in the gemeente and statenlid in the provincie; the waterschap has neither her nor Ahmed. */
function organisationsFile(): string {
  return writeOrganisationsFile([
    GEMEENTE_NIJMEGEN,
    { id: PROVINCIE, name: 'Provincie Utrecht', profile: 'utrecht', people: [{ aadObjectId: FLEUR.aadObjectId, name: FLEUR.name, roles: ['statenlid'] }] },
    { id: WATERSCHAP, name: 'Waterschap Vallei en Veluwe', profile: 'utrecht', people: [{ aadObjectId: '00000000-0000-0000-0000-000000000051', name: 'Wim Waterman', roles: ['coordinator'] }] },
  ]);
}

describe('e2e over HTTP: Melden bij Weerbaar for a person in several organisations', function () {
  this.timeout(60_000);
  let az: AzuriteHandle;
  let connector: FakeConnector;
  let bot: HttpBot;
  let client: TeamsClient;

  const draftIn = async (org: string, user: TeamsUser) => (await bot.weerbaar.services.store.drafts(DraftSchema).get(org, user.aadObjectId))?.value;
  const groupChatCalls = () => connector.calls.filter((c) => c.conversationId.startsWith(GROUP_CHAT));

  /** A published message action, sent by `user` to our bot; `value` changes what it carries. */
  async function send(name: 'invoke-fetchtask-message-groupchat' | 'invoke-submitaction-message-groupchat', user: TeamsUser, value: (v: Record<string, unknown>) => unknown = (v) => v) {
    const activity = fixture(name);
    const res = await client.post({
      ...activity,
      serviceUrl: connector.url,
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: { ...BOT_ACCOUNT },
      value: value(activity.value as Record<string, unknown>),
    });
    assert.equal(res.status, 200);
    const task = (res.body as { task?: { type?: string; value?: { title?: string; card?: { contentType?: string; content?: Card } } } }).task;
    assert.equal(task?.type, 'continue', 'answered with a dialog');
    assert.equal(task.value?.card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const card = task.value.card.content ?? {};
    return { title: task.value.title, card, text: cardText(card), json: JSON.stringify(card) };
  }
  const submit = (user: TeamsUser, data: unknown) => send('invoke-submitaction-message-groupchat', user, (v) => ({ ...v, data }));

  before(async () => {
    az = await startAzurite();
    connector = await new FakeConnector().start();
    bot = await startHttpBot(az.connectionString, { WEERBAAR_ORGANISATIONS_FILE: organisationsFile() });
    client = new TeamsClient({ botUrl: bot.url, serviceUrl: connector.url });
    // their 1:1 chats are known, so a melding from a message can go on there
    for (const user of [FLEUR, AHMED]) assert.equal((await client.message(user, 'hallo')).status, 200);
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await az.stop();
  });

  it('asks a person in two organisations which one, offering only hers, and stores nothing yet', async () => {
    const dialog = await send('invoke-fetchtask-message-groupchat', FLEUR);
    assert.equal(dialog.title, 'Melden bij Weerbaar');
    assert.match(dialog.text, /Voor welke organisatie meldt u\?/);
    const choiceSet = (dialog.card['body'] as Record<string, unknown>[]).find((e) => e['type'] === 'Input.ChoiceSet');
    assert.equal(choiceSet?.['id'], 'organisatie');
    assert.deepEqual(choiceSet['choices'], [
      { title: 'Gemeente Nijmegen', value: GEMEENTE },
      { title: 'Provincie Utrecht', value: PROVINCIE },
    ]);
    const actions = dialog.card['actions'] as Record<string, unknown>[];
    assert.deepEqual(actions.map((a) => a['type']), ['Action.Submit'], 'one submit, which Teams sends back as a submitAction');
    assert.doesNotMatch(dialog.json, /"org"/, 'the question names no organisation in its data: the choice does');
    for (const org of [GEMEENTE, PROVINCIE, WATERSCHAP]) assert.equal(await draftIn(org, FLEUR), undefined, `nothing stored in ${org}`);
  });

  it('refuses a submit with an organisation she is not in, or none, with a Dutch dialog; nothing is stored', async () => {
    for (const data of [{ organisatie: WATERSCHAP }, { organisatie: 'bestaat-niet' }, { organisatie: 7 }, { org: PROVINCIE }, undefined, 'geen object']) {
      const dialog = await submit(FLEUR, data);
      assert.match(dialog.text, /kies een organisatie waar u bij hoort\. Er is niets bewaard/, JSON.stringify(data));
      assert.doesNotMatch(dialog.json, /Action\.(Execute|Submit)/, 'no button that would send anything back');
    }
    for (const org of [GEMEENTE, PROVINCIE, WATERSCHAP]) assert.equal(await draftIn(org, FLEUR), undefined, `nothing stored in ${org}`);
    // Ahmed is in the gemeente only: naming the provincie is refused too
    assert.match((await submit(AHMED, { organisatie: PROVINCIE })).text, /kies een organisatie waar u bij hoort/);
    assert.equal(await draftIn(PROVINCIE, AHMED), undefined);
  });

  it('with the provincie chosen: the draft and its evidence in the provincie, and the melding goes on in her 1:1 chat under the provincie', async () => {
    const personal = personalConversationId(FLEUR);
    const before = connector.posts(personal).length;
    const dialog = await submit(FLEUR, { organisatie: PROVINCIE });
    assert.match(dialog.text, /gaat verder in uw persoonlijke chat met Weerbaar/);
    assert.match(dialog.text, /plaatst Weerbaar niets/);

    const draft = await draftIn(PROVINCIE, FLEUR);
    assert.equal(draft?.evidence?.text, 'This is the message the messaging extension was invoked from.');
    assert.equal(draft.evidence.senderName, 'Test User B');
    assert.equal(draft.wanneer?.kanaal, 'teams-bericht');
    assert.equal(await draftIn(GEMEENTE, FLEUR), undefined, 'nothing in the gemeente');

    await until('the evidence and the first step in her 1:1 chat', async () => connector.posts(personal).length >= before + 2);
    const cards = connector.posts(personal).slice(before).map((c) => cardOf(c.body) ?? {});
    assert.match(cardText(cards[0]), /Bewijs: Teams-bericht \(kopie\)/);
    const safety = cards.find((c) => hasVerb(c, 'melding.veilig'));
    assert.ok(safety, 'the first question of the melding');
    assert.equal(dataOf(safety, 'melding.veilig')['org'], PROVINCIE, 'its buttons name the provincie');
    assert.doesNotMatch(JSON.stringify(cards), new RegExp(`"org":"${GEMEENTE}"`));

    // her answer comes back to the provincie, where the draft is
    const next = await clicker(client, FLEUR)('melding.veilig', { ...dataOf(safety, 'melding.veilig'), veilig: 'ja' });
    assert.doesNotMatch(cardText(next), /Voor welke organisatie|organisatie waar u niet bij hoort/);
    assert.match(JSON.stringify(next), new RegExp(`"org":"${PROVINCIE}"`));
    assert.deepEqual(groupChatCalls(), [], 'nothing posted, opened or updated in the group chat the message came from');
  });

  it('a person in one organisation gets no question: the melding starts in hers at once', async () => {
    const personal = personalConversationId(AHMED);
    const before = connector.posts(personal).length;
    const dialog = await send('invoke-fetchtask-message-groupchat', AHMED);
    assert.doesNotMatch(dialog.text, /Voor welke organisatie/);
    assert.match(dialog.text, /gaat verder in uw persoonlijke chat met Weerbaar/);
    assert.equal((await draftIn(GEMEENTE, AHMED))?.evidence?.senderName, 'Test User B');
    await until('the first step in his 1:1 chat', async () => connector.posts(personal).slice(before).some((c) => hasVerb(cardOf(c.body), 'melding.veilig')));
    const safety = connector.posts(personal).slice(before).map((c) => cardOf(c.body)).find((c) => hasVerb(c, 'melding.veilig'));
    assert.equal(dataOf(safety, 'melding.veilig')['org'], GEMEENTE);
    assert.deepEqual(groupChatCalls(), []);
  });
});
