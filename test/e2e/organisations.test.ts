import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { Weerbaar } from '../../src/initialize.js';
import { createLogger } from '../../src/logger.js';
import { orgEffects } from '../../src/jobs/org-jobs.js';
import { TimerScheduler } from '../../src/jobs/timer-scheduler.js';
import { createTableClientFactory } from '../../src/store/tables.js';
import { openTimers } from '../../src/store/timer-repository.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { personalInvoke, startHttpBot, type HttpBot } from '../support/http-avg.js';
import { cardText, from, PEOPLE, personalConversation, type Who } from '../support/bot.js';
import { FakeConnector, type RosterEntry } from '../support/fake-connector.js';
import { dataOf, hasVerb, STEP_ANSWERS } from '../support/melding.js';
import { GEMEENTE_NIJMEGEN, writeOrganisationsFile } from '../support/organisations-file.js';
import { cardOf, channelInvoke, channelMessage, member } from '../flows/handling-harness.js';

/** One bot process, two organisations with their own profile and people, over HTTP as Teams sends it. */

const GEMEENTE = 'gemeente-nijmegen';
const PROVINCIE = 'provincie-utrecht';
const CH = {
  griffie: '19:griffie@thread.tacv2',
  veiligheid: '19:veiligheid@thread.tacv2',
  statengriffie: '19:statengriffie@thread.tacv2',
  vpt: '19:vpt@thread.tacv2',
};
/** The provincie's cast; Fleur (raadslid in the gemeente) is also statenlid. */
type Person = { id: string; name: string; aadObjectId: string };
const personal = (p: Person) => ({ id: `personal-${p.id}`, conversationType: 'personal', isGroup: false, tenantId: 'tenant-1', name: '' });
const P = {
  paula: { id: 'user-paula', name: 'Paula Smeets', aadObjectId: '00000000-0000-0000-0000-000000000031' },
  rik: { id: 'user-rik', name: 'Rik Hendriks', aadObjectId: '00000000-0000-0000-0000-000000000032' },
} as const;
const MARK = { [GEMEENTE]: 'Gemeentemerkteken: uitgescholden na de raadsvergadering.', [PROVINCIE]: 'Provinciemerkteken: bedreigd na de Statenvergadering.' };

function organisationsFile(): string {
  const provincie = [
    { aadObjectId: PEOPLE.raadslid.aadObjectId, name: PEOPLE.raadslid.name, roles: ['statenlid'], teamsUserId: PEOPLE.raadslid.id },
    { aadObjectId: P.paula.aadObjectId, name: P.paula.name, email: 'paula.smeets@provincie.example', roles: ['statengriffier'], admin: true, teamsUserId: P.paula.id },
    { aadObjectId: P.rik.aadObjectId, name: P.rik.name, roles: ['coordinator'], admin: true, teamsUserId: P.rik.id },
  ];
  return writeOrganisationsFile([
    { ...GEMEENTE_NIJMEGEN, extra: { plegerSignaalDelen: true } },
    { id: PROVINCIE, name: 'Provincie Utrecht', profile: 'utrecht', people: provincie, extra: { agenda: { WEERBAAR_SAFE_LOCATION: 'Provinciehuis, kamer 1' }, plegerSignaalDelen: true } },
  ]);
}

describe('one deployment for several organisations (a gemeente and a provincie, over HTTP)', function () {
  this.timeout(120_000);
  let az: AzuriteHandle;
  let fake: FakeConnector;
  let http: HttpBot;
  let bot: Weerbaar;
  let base: string;

  before(async () => {
    az = await startAzurite();
    fake = await new FakeConnector().start();
    http = await startHttpBot(az, fake, {}, { WEERBAAR_ORGANISATIONS_FILE: organisationsFile() });
    ({ bot, base } = http);
  });
  after(async () => {
    await http.stop();
    await fake.stop();
    await az.stop();
  });

  /** One activity as Teams sends it: the invoke's card, or the replies the bot posted for a message. */
  const post = async (activity: Partial<Activity>): Promise<Record<string, unknown>[]> => {
    const before = fake.posts().length;
    const card = await http.post(activity);
    if (card) return [card];
    // the replies of this turn, not what the worker posts meanwhile elsewhere
    const here = activity.conversation?.id.split(';')[0];
    return fake.posts().slice(before).filter((c) => c.conversationId.split(';')[0] === here).map((c) => cardOf(c.body) ?? { text: String(c.body['text'] ?? '') });
  };
  const as = <A extends Partial<Activity>>(activity: A, person: { id: string; name: string; aadObjectId: string }): A => ({ ...activity, from: person });
  const click = async (who: Who, verb: string, data: Record<string, unknown>) => {
    const [card] = await post(personalInvoke(who, verb, data));
    return card;
  };
  const say = (who: Who, text: string, person?: (typeof P)[keyof typeof P]) =>
    post({ type: 'message', text, channelId: 'msteams', from: person ?? from(who), conversation: person ? personal(person) : personalConversation(who) });
  const personalClick = (person: (typeof P)[keyof typeof P], verb: string, data: Record<string, unknown>) =>
    post({ type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams', from: person, conversation: personal(person), value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' } });

  /** Fleur reports in the organisation she picks on the question card; returns the confirmation. */
  const report = async (org: string): Promise<Record<string, unknown> | undefined> => {
    const [question] = await say('raadslid', 'melden');
    assert.match(cardText(question), /Voor welke organisatie meldt u\?/);
    assert.match(cardText(question), /Gemeente Nijmegen[\s\S]*Provincie Utrecht/);
    let card = await click('raadslid', 'melding.start', choiceData(question, org));
    card = await click('raadslid', 'melding.veilig', { ...dataOf(card, 'melding.veilig'), veilig: 'ja' });
    const answers: Record<string, Record<string, string>> = { ...STEP_ANSWERS, wat: { ...STEP_ANSWERS['wat'], beschrijving: MARK[org as keyof typeof MARK] } };
    for (let i = 0; i < 12 && !hasVerb(card, 'melding.indienen'); i++) {
      assert.doesNotMatch(cardText(card), /Voor welke organisatie/, 'asked only when the melding starts');
      const data = dataOf(card, 'melding.stap');
      card = await click('raadslid', 'melding.stap', { ...data, ...(answers[String(data['step'])] ?? {}) });
    }
    return click('raadslid', 'melding.indienen', dataOf(card, 'melding.indienen'));
  };

  const ids: Record<string, string> = {};
  const json = (x: unknown): string => JSON.stringify(x);
  const other = (org: string): string => (org === GEMEENTE ? PROVINCIE : GEMEENTE);

  it('links each organisation its channels, and a person in both chooses when reporting: each melding goes to its own organisation, numbered on its own', async () => {
    const roster = (...m: RosterEntry[]) => m;
    fake.rosters.set(CH.griffie, roster(member('griffier'), member('coordinator')));
    fake.rosters.set(CH.veiligheid, roster(member('coordinator')));
    fake.rosters.set(CH.statengriffie, roster(P.paula));
    fake.rosters.set(CH.vpt, roster(P.rik));
    assert.match(cardText((await post(channelMessage('griffier', CH.griffie, 'koppel griffier')))[0]), /gekoppeld aan de rol/);
    assert.match(cardText((await post(channelMessage('coordinator', CH.veiligheid, 'koppel coordinator')))[0]), /gekoppeld aan de rol/);
    // Paula administers only the provincie: `koppel` in an unlinked channel is hers to do there
    assert.match(cardText((await post(as(channelMessage('griffier', CH.statengriffie, 'koppel statengriffier'), P.paula)))[0]), /gekoppeld aan de rol/);
    assert.match(cardText((await post(as(channelMessage('coordinator', CH.vpt, 'koppel coordinator'), P.rik)))[0]), /gekoppeld aan de rol/);

    // not asked for anything else: her meldingen and the hulplijnen answer at once
    for (const text of ['hulplijnen', 'mijn meldingen']) {
      for (const r of await say('raadslid', text)) assert.doesNotMatch(cardText(r), /Voor welke organisatie/);
    }

    for (const org of [GEMEENTE, PROVINCIE]) {
      const confirmation = await report(org);
      assert.match(cardText(confirmation), /Uw melding is ontvangen/);
      assert.match(cardText(confirmation), /2026-0001/, `${org} numbers its own meldingen`);
    }
    await fake.waitFor(() => [CH.griffie, CH.statengriffie].every((ch) => fake.posts(ch).some((c) => /Melding 2026-0001/.test(cardText(cardOf(c.body))))));
    for (const [org, channel] of [[GEMEENTE, CH.griffie], [PROVINCIE, CH.statengriffie]] as const) {
      const card = cardOf(fake.posts(channel).find((c) => /Melding 2026-/.test(cardText(cardOf(c.body))))!.body);
      ids[org] = String(dataOf(card, 'afhandeling.openen')['incidentId']);
    }
    assert.notEqual(ids[GEMEENTE], ids[PROVINCIE]);
    // each profile routes its own way: the griffier in the gemeente, the statengriffier in the provincie
    const stored = await Promise.all([GEMEENTE, PROVINCIE].map((org) => bot.services.store.incidents.get(org, ids[org]!)));
    assert.deepEqual(stored.map((s) => s?.value.routing.handlers[0]), ['griffier', 'statengriffier']);
  });

  it('shows nothing of one organisation on any surface of the other: channel posts, overview, report, my meldingen, download, timers', async () => {
    assert.ok(ids[GEMEENTE] && ids[PROVINCIE], 'the first test filed both');
    const leaks = (surface: unknown, org: string): void => {
      const all = json(surface);
      assert.ok(!all.includes(ids[other(org)]!) && !all.includes(MARK[other(org) as keyof typeof MARK].slice(0, 20)), `${org} shows the other organisation's melding`);
    };
    // channel posts and their updates
    for (const ch of [CH.griffie, CH.veiligheid]) leaks(fake.posts(ch).map((c) => c.body), GEMEENTE);
    for (const ch of [CH.statengriffie, CH.vpt]) leaks(fake.posts(ch).map((c) => c.body), PROVINCIE);

    const gemeenteOverzicht = await say('coordinator', 'overzicht');
    assert.ok(json(gemeenteOverzicht).includes(ids[GEMEENTE]!), 'the gemeente coordinator sees the gemeente melding');
    leaks(gemeenteOverzicht, GEMEENTE);
    // the Utrecht profile calls its coördinator VPT in on request: the statengriffier handles, and sees it
    const provincieOverzicht = await say('griffier', 'overzicht', P.paula);
    assert.ok(json(provincieOverzicht).includes(ids[PROVINCIE]!), 'the statengriffier sees the provincie melding');
    leaks(provincieOverzicht, PROVINCIE);

    for (const [who, person, org] of [['coordinator', undefined, GEMEENTE], ['coordinator', P.rik, PROVINCIE]] as const) {
      const rapport = await say(who, 'rapport 2026', person);
      // counts only, by the organisation's own profile: the provincie's roles in its report, not in the gemeente's
      assert.match(cardText(rapport[0]), /Jaarrapport 2026/);
      if (org === GEMEENTE) assert.doesNotMatch(cardText(rapport[0]), /statenlid/i);
      else assert.match(cardText(rapport[0]), /statenlid/i);
      leaks(rapport, org);
    }

    // the person in both: each organisation answers under its own name, for its own melding only
    const mine = await say('raadslid', 'mijn meldingen');
    const texts = mine.map((r) => cardText(r) || String(r['text'] ?? ''));
    const split = texts.findIndex((t) => /Bij Provincie Utrecht/.test(t));
    assert.match(texts[0] ?? '', /Bij Gemeente Nijmegen/);
    assert.ok(split > 0);
    leaks(mine.slice(0, split), GEMEENTE);
    leaks(mine.slice(split), PROVINCIE);

    // the AVG download of each organisation holds that organisation's melding only
    const gegevens = await say('raadslid', 'mijn gegevens');
    const urls = gegevens.flatMap((r) => [...json(r).matchAll(/"url":"([^"]*\/download\/[^"]*)"/g)].map((m) => m[1]!));
    assert.ok(urls.length >= 2, 'a download per organisation');
    for (const url of urls) {
      const file = await (await fetch(`${base}${new URL(url).pathname}`)).text();
      const org = url.includes(`/download/${GEMEENTE}/`) ? GEMEENTE : PROVINCIE;
      assert.ok(file.includes(MARK[org].slice(0, 20)), `${org}'s download holds its melding`);
      leaks(file, org);
    }

    // the deadline timers: each organisation's own meldingen only
    const far = new Date('2031-01-01T00:00:00Z');
    const timers = await openTimers(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }));
    for (const org of [GEMEENTE, PROVINCIE]) {
      const due = await timers.due(org, far);
      assert.ok(due.length > 0, `${org} has deadline timers`);
      assert.deepEqual(new Set(due.map((t) => t.value.incidentId)), new Set([ids[org]]));
    }
  });

  it('refuses a card that names the other organisation, in a personal chat and in a channel, and finds nothing of it through its own', async () => {
    const forged = await click('coordinator', 'afhandeling.openen', { incidentId: ids[PROVINCIE], org: PROVINCIE });
    assert.match(cardText(forged), /organisatie waar u niet bij hoort/);
    assert.ok(!json(forged).includes(MARK[PROVINCIE].slice(0, 20)));
    // with its own organisation's name the gemeente looks in its own meldingen, where there is no such id
    const own = await click('coordinator', 'afhandeling.openen', { incidentId: ids[PROVINCIE], org: GEMEENTE });
    assert.ok(!json(own).includes(MARK[PROVINCIE].slice(0, 20)) && !/Statenlid|statengriffier/i.test(cardText(own)));
    // a channel belongs to the organisation that linked it, whatever the card says
    const [inChannel] = await post(channelInvoke('griffier', CH.griffie, 'afhandeling.openen', { incidentId: ids[PROVINCIE], org: PROVINCIE }));
    assert.match(cardText(inChannel), /gekoppeld aan een andere organisatie/);
    // the provincie coordinator cannot reach a gemeente melding either
    const [rik] = await personalClick(P.rik, 'afhandeling.openen', { incidentId: ids[GEMEENTE], org: GEMEENTE });
    assert.match(cardText(rik), /organisatie waar u niet bij hoort/);
  });

  it('reminds and escalates each organisation of its own deadlines only, in its own people\'s chats', async () => {
    const far = new Date('2031-01-01T00:00:00Z');
    const timers = await openTimers(createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString }));
    const before = fake.posts().length;
    // every deadline passed: the schedulers of both organisations fire, the running worker sends
    for (const org of [GEMEENTE, PROVINCIE]) {
      const fired = await new TimerScheduler({ timers, queue: orgEffects(bot.jobs.queue, org), orgId: org, logger: createLogger('silent'), now: () => far }).runOnce();
      assert.ok(fired > 0, `${org} has deadlines`);
    }
    const sent = () => fake.posts().slice(before).map((c) => ({ to: c.conversationId, body: json(c.body) }));
    const about = (org: string) => sent().filter((c) => c.body.includes(ids[org]!));
    await fake.waitFor(() => about(GEMEENTE).some((c) => c.to === `personal-${PEOPLE.coordinator.id}`) && about(PROVINCIE).some((c) => c.to === `personal-${P.paula.id}`), 30_000);
    for (const org of [GEMEENTE, PROVINCIE]) {
      for (const c of about(org)) {
        assert.ok(!c.body.includes(ids[other(org)]!), 'one message names one organisation\'s melding');
        assert.ok(!c.body.includes(`"org":"${other(org)}"`), 'its buttons name its own organisation');
      }
    }
    assert.ok(!sent().some((c) => c.to === `personal-${P.paula.id}` && c.body.includes(ids[GEMEENTE]!)));
    assert.ok(!sent().some((c) => c.to === `personal-${PEOPLE.coordinator.id}` && c.body.includes(ids[PROVINCIE]!)));
  });

  it("serves each organisation's people their calendar feed on the one path", async () => {
    const [gemeente, provincie] = bot.organisations;
    const feeds = [gemeente?.agenda.icsUrlFor('sanne.jansen@gemeente-lokaal.example'), provincie?.agenda.icsUrlFor('paula.smeets@provincie.example')];
    for (const url of feeds) {
      assert.ok(url);
      const res = await fetch(`${base}${new URL(url).pathname}`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /BEGIN:VCALENDAR/);
    }
  });

  it('both consented: the gemeente coordinator sees that the provincie knows the pleger too, and nothing of its melding; the privacy statement says so', async () => {
    for (const org of [GEMEENTE, PROVINCIE]) {
      const stored = await bot.services.store.incidents.get(org, ids[org]!);
      assert.ok(stored);
      await bot.services.store.incidents.update({ ...stored.value, pleger: { bekend: true, naam: 'P. Pleger', contact: 'p.pleger@example.nl', eerderContact: false } }, stored.etag);
    }
    const card = await click('coordinator', 'afhandeling.vernieuwen', { incidentId: ids[GEMEENTE], org: GEMEENTE });
    assert.match(cardText(card), /ook bekend bij 1 andere organisatie in deze omgeving[\s\S]*Ook bekend bij: Provincie Utrecht\./);
    assert.ok(!json(card).includes(ids[PROVINCIE]!) && !json(card).includes(MARK[PROVINCIE].slice(0, 20)));
    const privacy = await (await fetch(`${base}/privacy`)).text();
    assert.match(privacy, /In deze omgeving delen Gemeente Nijmegen, Provincie Utrecht het signaal over plegers/);
  });
});

/** The data of the question card's button for `org`. */
function choiceData(card: Record<string, unknown> | undefined, org: string): Record<string, unknown> {
  const actions = Array.isArray(card?.['actions']) ? (card['actions'] as Record<string, unknown>[]) : [];
  const data = actions.map((a) => a['data'] as Record<string, unknown>).find((d) => d['org'] === org);
  if (!data) throw new Error(`no choice for ${org}`);
  return data;
}
