import assert from 'node:assert/strict';
import { IncidentSchema, type Incident } from '../../src/domain/incident-schema.js';
import { getProfile, ProfileSchema } from '../../src/domain/profiles/index.js';
import { route } from '../../src/domain/route.js';
import { meldingTaken, recordTaak, reopenTaak, setStrafbaarVermoed, strafbaarVermoeden, type Taak } from '../../src/domain/tasks.js';
import type { AmbtsdragerRole } from '../../src/domain/types.js';
import { anIncident } from './fixtures.js';

const nijmegen = getProfile('nijmegen');
const utrecht = getProfile('utrecht');
const model = getProfile('modelprotocol');
const by = { aadObjectId: 'aad-griffier', name: 'Sanne Jansen' };
const now = '2026-11-25T09:00:00.000Z';

function melding(changes: Partial<Incident> = {}, role: AmbtsdragerRole = 'raadslid', profile = nijmegen): Incident {
  return anIncident('gemeld', { routing: route(profile, role), ambtsdrager: { aadObjectId: 'aad-x', role }, profileId: profile.id, ...changes });
}

const ids = (tasks: Taak[]): string[] => tasks.map((t) => t.id);
const task = (tasks: Taak[], id: string): Taak | undefined => tasks.find((t) => t.id === id);
const impact = { letsel: false, ziekenhuis: false, steunNodig: false, toestemmingAangifte: true, toestemmingInformeren: false, nazorgGewenst: true };

describe('the protocol\'s tasks per melding', () => {
  describe('disorder in a council meeting: the voorzitter decides on the aangifte of the ordeverstoring', () => {
    const inMeeting = (role: AmbtsdragerRole, profile = nijmegen, changes: Partial<Incident> = {}): Incident =>
      melding({ kanaal: 'vergadering', routing: route(profile, role, 'vergadering'), chosenCategory: 'verbale-agressie', ...changes }, role, profile);
    it('gives the burgemeester the task for a raadslid and for a wethouder, also without the victim\'s consent to an aangifte', () => {
      for (const role of ['raadslid', 'wethouder'] as const) {
        const tasks = meldingTaken(inMeeting(role, nijmegen, { impact: { ...impact, toestemmingAangifte: false } }), nijmegen);
        assert.equal(task(tasks, 'aangifte-ordeverstoring')?.owner, 'burgemeester', role);
        assert.equal(task(tasks, 'aangifte'), undefined, 'the victim\'s own aangifte still waits for consent');
      }
    });
    it('gives it to the handler when the burgemeester is the one it happened to', () => {
      assert.equal(task(meldingTaken(inMeeting('burgemeester'), nijmegen), 'aangifte-ordeverstoring')?.owner, 'gemeentesecretaris');
    });
    it('follows the model protocol, and not Utrecht, whose handreiking has no such rule; nor a melding from elsewhere', () => {
      assert.ok(task(meldingTaken(inMeeting('raadslid', model), model), 'aangifte-ordeverstoring'));
      assert.equal(task(meldingTaken(inMeeting('raadslid', utrecht), utrecht), 'aangifte-ordeverstoring'), undefined);
      assert.equal(task(meldingTaken(melding({ kanaal: 'e-mail' }), nijmegen), 'aangifte-ordeverstoring'), undefined);
    });
  });

  it('reopens a ticked task, and only a ticked one', () => {
    const m = melding({ chosenCategory: 'bedreiging-intimidatie' });
    const done = recordTaak(m, nijmegen, { id: 'aangifte', state: 'gedaan' }, by, now);
    assert.ok(done.ok);
    const reopened = reopenTaak(done.incident, 'aangifte');
    assert.ok(reopened.ok);
    assert.equal(task(meldingTaken(reopened.incident, nijmegen), 'aangifte')?.state, 'open');
    assert.deepEqual(reopenTaak(reopened.incident, 'aangifte'), { ok: false, message: 'Deze taak staat al open.' });
    assert.equal(reopenTaak(m, 'bestaat-niet').ok, false);
  });

  it('gives emotional behaviour no police appointment and no aangifte, and says why', () => {
    for (const chosenCategory of ['emotioneel-eigen-situatie', 'emotioneel-kritiek'] as const) {
      const m = melding({ chosenCategory });
      assert.deepEqual(ids(meldingTaken(m, nijmegen)), []);
      assert.deepEqual(strafbaarVermoeden(m), { value: false, reden: 'categorie-emotioneel' });
    }
  });

  it('gives a threat the police appointment within 2 working days (17:00) by the handler, and the aangifte with consent', () => {
    const tasks = meldingTaken(melding({ chosenCategory: 'bedreiging-intimidatie' }), nijmegen);
    assert.deepEqual(ids(tasks), ['politie-afspraak', 'aangifte', 'terugkoppeling-vervolging']);
    // Tuesday 13:00 in Amsterdam: Thursday 17:00
    assert.deepEqual(task(tasks, 'politie-afspraak'), { id: 'politie-afspraak', kind: 'politie-afspraak', owner: 'griffier', dueBy: '2026-11-26T16:00:00.000Z', state: 'open' });
    assert.equal(task(tasks, 'aangifte')?.owner, 'griffier');
  });

  it('says nothing about an aangifte without the melder\'s consent', () => {
    const m = melding({ chosenCategory: 'fysiek-geweld', impact: { ...impact, toestemmingAangifte: false } });
    assert.deepEqual(ids(meldingTaken(m, nijmegen)), ['politie-afspraak']);
  });

  it('lets the handler decide on verbal aggression; the stored police deadline follows, a ticked task stays', () => {
    const m = melding({ chosenCategory: 'verbale-agressie' });
    assert.deepEqual(ids(meldingTaken(m, nijmegen)), []);
    const on = setStrafbaarVermoed(m, nijmegen, true, by, now);
    assert.ok(on.ok);
    assert.deepEqual(ids(meldingTaken(on.incident, nijmegen)), ['politie-afspraak', 'aangifte', 'terugkoppeling-vervolging']);
    assert.deepEqual(on.incident.deadlines.map((d) => d.kind), ['politie-afspraak']);
    assert.equal(strafbaarVermoeden(on.incident).keuze?.by.name, 'Sanne Jansen');
    const done = recordTaak(on.incident, nijmegen, { id: 'politie-afspraak', state: 'gedaan' }, by, now);
    assert.ok(done.ok);
    const off = setStrafbaarVermoed(done.incident, nijmegen, false, by, now);
    assert.ok(off.ok);
    assert.deepEqual(off.incident.deadlines, []);
    const left = meldingTaken(off.incident, nijmegen);
    assert.deepEqual(left.map((t) => [t.id, t.state]), [['politie-afspraak', 'gedaan']], 'what was done is kept; the open aangifte goes');
    assert.equal(setStrafbaarVermoed(off.incident, nijmegen, false, by, now).ok, false, 'no change, no record');
  });

  it('has the Inspectie SZW warned within 24 hours on injury: by the employer\'s representative, in Utrecht by the handler', () => {
    const injured = { chosenCategory: 'emotioneel-kritiek' as const, impact: { ...impact, ziekenhuis: true } };
    const nij = task(meldingTaken(melding(injured), nijmegen), 'inspectie-szw');
    assert.equal(nij?.owner, 'gemeentesecretaris');
    assert.equal(nij?.dueBy, '2026-11-25T12:00:00.000Z');
    assert.equal(task(meldingTaken(melding(injured, 'raadslid', model), model), 'inspectie-szw')?.owner, 'gemeentesecretaris');
    assert.equal(task(meldingTaken(melding(injured, 'dijkgraaf', utrecht), utrecht), 'inspectie-szw')?.owner, 'secretaris-directeur');
    assert.equal(task(meldingTaken(melding(injured, 'raadslid', utrecht), utrecht), 'inspectie-szw')?.owner, 'griffier');
    assert.equal(task(meldingTaken(melding({ chosenCategory: 'emotioneel-kritiek' }), nijmegen), 'inspectie-szw'), undefined);
  });

  it('has the handler inform the parties outside the organisation the profile names', () => {
    const informed = (role: AmbtsdragerRole, profile = nijmegen) =>
      meldingTaken(melding({ chosenCategory: 'emotioneel-kritiek' }, role, profile), profile)
        .filter((t) => t.kind === 'informeren')
        .map((t) => [t.partij, t.owner]);
    assert.deepEqual(informed('burgemeester'), [['commissaris-van-de-koning', 'gemeentesecretaris']], 'Nijmegen 6.4');
    assert.deepEqual(informed('raadslid'), []);
    assert.deepEqual(informed('burgemeester', model), []);
    assert.deepEqual(informed('commissaris-van-de-koning', utrecht), [['minister-bzk', 'provinciesecretaris']]);
    assert.deepEqual(informed('dijkgraaf', utrecht), [['commissaris-van-de-koning', 'secretaris-directeur']]);
    assert.deepEqual(informed('burgemeester', utrecht), [['commissaris-van-de-koning', 'gemeentesecretaris']]);
    assert.deepEqual(informed('statenlid', utrecht), [], 'the CdK is inside the province');
  });

  it('asks to report online behaviour to the platform unless the melder did, and to tell the victim how the prosecution went', () => {
    const online = { platform: 'X', gemeldBijPlatform: false };
    assert.ok(task(meldingTaken(melding({ chosenCategory: 'verbale-agressie', online }), nijmegen), 'platform-melden'));
    assert.equal(task(meldingTaken(melding({ chosenCategory: 'verbale-agressie', online: { ...online, gemeldBijPlatform: true } }), nijmegen), 'platform-melden'), undefined);
    assert.equal(task(meldingTaken(melding({ chosenCategory: 'verbale-agressie' }), nijmegen), 'platform-melden'), undefined, 'not online');
    const withoutConsent = melding({ chosenCategory: 'bedreiging-intimidatie', impact: { ...impact, toestemmingAangifte: false } });
    assert.equal(task(meldingTaken(withoutConsent, nijmegen), 'terugkoppeling-vervolging'), undefined, 'no aangifte, nothing to hear back');
  });

  it('recovers damage to property from the pleger, not for a threat against it', () => {
    const violence = melding({ chosenCategory: 'fysiek-geweld', doelwitten: ['ambtsdrager', 'eigendommen'] });
    assert.ok(task(meldingTaken(violence, utrecht), 'schadeverhaal'));
    const threat = melding({ chosenCategory: 'bedreiging-intimidatie', doelwitten: ['eigendommen'] });
    assert.equal(task(meldingTaken(threat, nijmegen), 'schadeverhaal'), undefined);
  });

  it('asks for the letter to the pleger after an incidentgesprek, and a herstelgesprek when a restrictive measure ends', () => {
    const decidedBy = by;
    const gesprek = melding({ decision: { types: ['incidentgesprek'], decidedBy, decidedAt: now } });
    assert.deepEqual(ids(meldingTaken(gesprek, nijmegen)), ['brief-pleger']);
    const endDate = '2027-01-15T22:59:59.999Z';
    const ban = melding({ decision: { types: ['toegangsontzegging'], endDate, decidedBy, decidedAt: now } });
    const tasks = meldingTaken(ban, nijmegen);
    assert.deepEqual(ids(tasks), ['hoor-en-wederhoor', 'brief-pleger', 'herstelgesprek']);
    assert.equal(task(tasks, 'herstelgesprek')?.dueBy, endDate);
    assert.equal(task(tasks, 'herstelgesprek')?.notBefore, '2027-01-08T22:59:59.999Z', '5 working days before');
    const warning = melding({ decision: { types: ['waarschuwing-schriftelijk'], decidedBy, decidedAt: now } });
    assert.deepEqual(ids(meldingTaken(warning, nijmegen)), []);
  });

  it('asks to hear the pleger before a measure the profile names, due when the letter says the measure takes effect', () => {
    const decision = { types: ['beperking-dienstverlening' as const], endDate: '2027-03-01T22:59:59.999Z', decidedBy: by, decidedAt: now };
    for (const profile of [nijmegen, model, utrecht]) {
      const tasks = meldingTaken(melding({ decision }, 'raadslid', profile), profile);
      assert.deepEqual(task(tasks, 'hoor-en-wederhoor'), { id: 'hoor-en-wederhoor', kind: 'hoor-en-wederhoor', owner: 'griffier', state: 'open' }, profile.id);
    }
    const ingang = '2026-12-09T23:00:00.000Z';
    const plegerBrief = { feiten: 'f', gronden: 'g', ingang, by, at: now };
    assert.equal(task(meldingTaken(melding({ decision, plegerBrief }), nijmegen), 'hoor-en-wederhoor')?.dueBy, ingang);
    const none = ProfileSchema.parse({ ...nijmegen, plegerRechten: { horenVoor: [], bezwaarBij: {} } });
    assert.equal(task(meldingTaken(melding({ decision }), none), 'hoor-en-wederhoor'), undefined, 'a profile that names no measure');
  });

  it('records gedaan and niet nodig with by whom and when; refuses a missing reason, a second tick and an unknown task', () => {
    const m = melding({ chosenCategory: 'bedreiging-intimidatie' });
    assert.equal(recordTaak(m, nijmegen, { id: 'aangifte', state: 'niet-nodig', reason: '  ' }, by, now).ok, false);
    const r = recordTaak(m, nijmegen, { id: 'aangifte', state: 'niet-nodig', reason: 'De melder doet zelf aangifte.' }, by, now);
    assert.ok(r.ok);
    assert.deepEqual(task(meldingTaken(r.incident, nijmegen), 'aangifte'), {
      id: 'aangifte', kind: 'aangifte', owner: 'griffier', state: 'niet-nodig', reason: 'De melder doet zelf aangifte.', by, at: now,
    });
    const again = recordTaak(r.incident, nijmegen, { id: 'aangifte', state: 'gedaan' }, by, now);
    assert.deepEqual(again, { ok: false, message: 'Deze taak is al afgehandeld.' });
    assert.equal(recordTaak(m, nijmegen, { id: 'schadeverhaal', state: 'gedaan' }, by, now).ok, false);
    assert.equal(m.taken, undefined, 'the melding passed in is not changed');
  });

  it('parses a melding stored before tasks existed, with all its tasks open', () => {
    const { taken: _t, strafbaarVermoed: _s, ...old } = melding({ chosenCategory: 'fysiek-geweld' });
    const parsed = IncidentSchema.parse(JSON.parse(JSON.stringify(old)));
    assert.ok(meldingTaken(parsed, nijmegen).every((t) => t.state === 'open'));
  });

  it('refuses a profile whose task parties have no label', () => {
    const taken = { inspectieSzw: 'behandelaar' as const, extern: [{ partij: 'minister-bzk' as const, bij: ['burgemeester' as const] }] };
    const result = ProfileSchema.safeParse({ ...nijmegen, taken });
    assert.equal(result.success, false);
    assert.match(JSON.stringify(result.error?.issues), /geen label voor rol \\"minister-bzk\\"/);
    assert.ok(ProfileSchema.safeParse(nijmegen).success);
  });
});
