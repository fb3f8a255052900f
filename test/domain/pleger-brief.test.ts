import assert from 'node:assert/strict';
import { checkBrief, plegerBrief } from '../../src/domain/pleger-brief.js';
import { applyOverrides, getProfile, ProfileSchema } from '../../src/domain/profiles/index.js';
import { route } from '../../src/domain/route.js';
import { anIncident } from './fixtures.js';

const by = { aadObjectId: 'aad-griffier', name: 'Sanne Jansen' };
const decidedAt = '2026-11-25T09:00:00.000Z';
const endDate = '2027-02-28T22:59:59.999Z';

describe('the letter to the pleger, per profile', () => {
  const utrecht = getProfile('utrecht');
  const beperking = anIncident('maatregelen-vastgesteld', {
    profileId: 'utrecht',
    routing: route(utrecht, 'statenlid'),
    ambtsdrager: { aadObjectId: 'aad-x', role: 'statenlid' },
    pleger: { bekend: false, eerderContact: false },
    decision: { types: ['beperking-dienstverlening', 'incidentgesprek'], endDate, decidedBy: by, decidedAt },
  });

  it('is signed by the handler\'s role where no burgemeester decides, and sends bezwaar where the profile says', () => {
    const check = checkBrief({ feiten: 'F', gronden: 'G', ingang: '2026-12-01' }, beperking, utrecht, by, decidedAt);
    assert.ok(check.ok);
    const letter = plegerBrief(beperking, check.brief, { profile: utrecht, organisatie: 'Provincie Utrecht', now: decidedAt });
    const text = [...letter.kop, ...letter.blokken.flatMap((b) => [b.kop ?? '', ...b.alineas]), ...letter.ondertekening].join('\n');
    assert.match(text, /Aan: de betrokkene/, 'an unknown pleger by no name');
    assert.match(text, /Geachte heer, mevrouw,/);
    assert.match(text, /• Beperkende maatregelen of contactafspraken/);
    assert.match(text, /De maatregel geldt van 1 december 2026 tot en met 28 februari 2027\./);
    assert.match(text, /Stuur uw bezwaarschrift aan Gedeputeerde Staten van Utrecht\./);
    assert.doesNotMatch(text, /burgemeester|gebouwen/, 'no burgemeester\'s besluit, no breach of a toegangsontzegging');
    assert.match(text, /Namens Provincie Utrecht,\nde statengriffier$/);
    assert.doesNotMatch(text, /Uw kant van het verhaal/, 'not heard, no response: no such section');
    assert.equal(letter.bestandsnaam, 'brief-pleger-2026-0042.docx');
  });

  it('has no bezwaar clause for a measure the profile gives none, and follows a deployment\'s own bestuursorgaan', () => {
    const none = applyOverrides(utrecht, { plegerRechten: { bezwaarBij: { 'beperking-dienstverlening': 'het dagelijks bestuur van het waterschap' } } });
    const check = checkBrief({ feiten: 'F', gronden: 'G', ingang: '2026-12-01' }, beperking, none, by, decidedAt);
    assert.ok(check.ok);
    const text = plegerBrief(beperking, check.brief, { profile: none, organisatie: 'Waterschap', now: decidedAt }).blokken.flatMap((b) => b.alineas).join('\n');
    assert.match(text, /Stuur uw bezwaarschrift aan het dagelijks bestuur van het waterschap\./);
    const silent = ProfileSchema.parse({ ...utrecht, plegerRechten: { horenVoor: [], bezwaarBij: {} } });
    const letter = plegerBrief(beperking, check.brief, { profile: silent, organisatie: 'Waterschap', now: decidedAt });
    assert.ok(!letter.blokken.some((b) => b.kop === 'Bent u het niet eens met dit besluit?'));
  });

  it('refuses texts over the limit and a start that is no date, in Dutch', () => {
    const long = checkBrief({ feiten: 'x'.repeat(4001), gronden: 'G', ingang: '1 december' }, beperking, utrecht, by, decidedAt);
    assert.deepEqual(long, { ok: false, errors: ['Een tekst is te lang (hoogstens 4000 tekens).', 'Kies de ingangsdatum van de maatregel.'] });
  });
});
