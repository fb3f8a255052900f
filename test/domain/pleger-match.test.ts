import assert from 'node:assert/strict';
import { accountsIn, accountsInText, emailsIn, kentekensIn, matchValues } from '../../src/domain/pleger-match.js';
import { ambtsdragersIn, plegerCount, plegersBijMeerdereAmbtsdragers, type PlegerMatch } from '../../src/domain/pleger-signal.js';
import { proposeMaatregelen } from '../../src/domain/measures.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import { plegerMatchKeys } from '../../src/store/pleger-key.js';

const accounts = (platform: string | undefined, account?: string, url?: string): string[] =>
  accountsIn({ ...(platform ? { platform } : {}), ...(account ? { account } : {}), ...(url ? { url } : {}) }).map((v) => v.value);

function match(incidentId: string, ambtsdragerId: string, reportedAt = '2026-11-01T10:00:00.000Z'): PlegerMatch {
  return { incidentId, number: `2026-${incidentId}`, reportedAt, state: 'gemeld', ambtsdragerId, handlerIds: [], rollen: ['griffier'], coordinator: true };
}

describe('one pleger, several ambtsdragers: recognising the pleger (src/domain/pleger-match.ts)', () => {
  it('finds e-mail addresses in a contact detail, in lowercase, whatever surrounds them', () => {
    assert.deepEqual(emailsIn('Mail: Piet.Pleger@Example.NL, tel 06-12345678'), ['piet.pleger@example.nl']);
    assert.deepEqual(emailsIn('piet@example'), [], 'no domain, no address');
    assert.deepEqual(emailsIn(undefined), []);
  });

  it('reads an account typed as @handle and as a link to the profile or a post as the same account', () => {
    const same = [
      accounts('X', '@Piet_Pleger'),
      accounts('Twitter', 'piet_pleger'),
      accounts('X (Twitter)', ' @piet_pleger '),
      accounts(undefined, undefined, 'https://x.com/Piet_Pleger/status/1234567890'),
      accounts(undefined, undefined, 'https://twitter.com/piet_pleger'),
      accounts('Facebook', 'https://www.x.com/piet_pleger'),
    ];
    for (const found of same) assert.deepEqual(found, ['x:piet_pleger']);
    assert.deepEqual(accounts('Instagram', '@piet_pleger'), ['instagram:piet_pleger'], 'another platform is another account');
    assert.deepEqual(accounts(undefined, '@piet_pleger'), ['onbekend:piet_pleger'], 'no platform: kept apart');
    assert.deepEqual(accounts(undefined, undefined, 'https://www.tiktok.com/@piet.pleger/video/1'), ['tiktok:piet.pleger']);
    assert.deepEqual(accounts(undefined, undefined, 'https://www.linkedin.com/in/piet-pleger/'), ['linkedin:piet-pleger']);
    assert.deepEqual(accounts(undefined, undefined, 'https://www.facebook.com/profile.php?id=100012345'), ['facebook:100012345']);
    assert.deepEqual(accounts(undefined, undefined, 'https://nieuws.example/artikel/1'), [], 'a link elsewhere names no account');
    assert.deepEqual(accounts(undefined, undefined, 'https://x.com/search?q=piet'), [], 'a page of the platform is no account');
    assert.deepEqual(accounts('e-mail', 'piet@example.nl'), [], 'an e-mail address is no account');
  });

  it('reads accounts in a free text only where written as @handle or as a link, never from an e-mail address', () => {
    const values = (text: string) => accountsInText(text).map((v) => v.value);
    assert.deepEqual(values('Man, volgt mij als @Piet_Pleger.'), ['onbekend:piet_pleger']);
    assert.deepEqual(values('zie https://www.instagram.com/piet_pleger/ en mail piet@example.nl'), ['instagram:piet_pleger']);
    assert.deepEqual(values('Man, ongeveer 50, grijze jas'), []);
  });

  it('takes from the short path\'s one line about the pleger what identifies him', () => {
    const values = matchValues({ bekend: false, omschrijving: 'Jongen op scooter 12-ABC-3, mailde vanaf Piet@example.nl', eerderContact: false }, undefined);
    assert.deepEqual(values.map((v) => `${v.kind}:${v.value}`), ['email:piet@example.nl', 'kenteken:12ABC3']);
  });

  it('reads a Dutch licence plate with dashes, spaces or neither as one, and no ordinary words as one', () => {
    for (const text of ['12-ABC-3', '12 abc 3', 'grijze Golf, kenteken 12abc3.', 'Golf (12-abc-3)']) assert.deepEqual(kentekensIn(text), ['12ABC3'], text);
    assert.deepEqual(kentekensIn('AB-12-CD en XX-99-XX'), ['AB12CD', 'XX99XX']);
    for (const text of ['rode bestelbus', 'VW Golf 7', 'Audi A4', '123456', 'ABCDEF', 'scooter 50cc']) assert.deepEqual(kentekensIn(text), [], text);
  });

  it('hashes every identifier into a key that never holds it in clear, and gives the same key for the same pleger typed differently', () => {
    const a = plegerMatchKeys({
      pleger: { bekend: true, naam: 'Piet Pleger', contact: 'PIET@example.nl', voertuig: 'auto 12-ABC-3', eerderContact: false },
      online: { platform: 'X', account: '@piet', gemeldBijPlatform: false },
    });
    const b = plegerMatchKeys({
      pleger: { bekend: false, omschrijving: 'man', contact: 'mail piet@example.nl', voertuig: '12 abc 3', eerderContact: false },
      online: { url: 'https://x.com/piet/status/9', gemeldBijPlatform: false },
    });
    assert.equal(a.length, 4, 'name, e-mail, account, plate');
    assert.equal(b.length, 3, 'e-mail, account, plate (no name: the contact detail is the pleger key)');
    assert.equal(a.filter((k) => b.includes(k)).length, 3);
    for (const k of a) assert.match(k, /^[0-9a-f]{40}$/);
    assert.deepEqual(matchValues({ bekend: false, eerderContact: false }, undefined), [], 'an unknown pleger without details has no key');
  });

  it('counts other meldingen and other ambtsdragers, not the ambtsdrager of this melding', () => {
    assert.deepEqual(plegerCount('AAD-1', [match('1', 'aad-1'), match('2', 'aad-2'), match('3', 'aad-2'), match('4', 'aad-3')]), { andereMeldingen: 4, andereAmbtsdragers: 2 });
    assert.deepEqual(plegerCount('aad-1', [match('1', 'aad-1')]), { andereMeldingen: 1, andereAmbtsdragers: 0 });
  });

  it('groups meldingen joined by any shared key into one pleger, and keeps only plegers of more than one ambtsdrager', () => {
    const groups = plegersBijMeerdereAmbtsdragers([
      { key: 'naam', match: match('a', 'aad-1', '2026-01-01T00:00:00.000Z') },
      { key: 'naam', match: match('b', 'aad-2', '2026-02-01T00:00:00.000Z') },
      { key: 'mail', match: match('b', 'aad-2', '2026-02-01T00:00:00.000Z') },
      { key: 'mail', match: match('c', 'aad-3', '2026-03-01T00:00:00.000Z') },
      { key: 'kenteken', match: match('d', 'aad-4', '2026-04-01T00:00:00.000Z') },
      { key: 'kenteken', match: match('e', 'aad-4', '2026-05-01T00:00:00.000Z') },
    ]);
    assert.deepEqual(groups.map((g) => g.map((m) => m.incidentId)), [['c', 'b', 'a']], 'd and e are about one ambtsdrager');
  });

  it('counts no ambtsdrager for an index row without one: such a row makes no pleger of several ambtsdragers, nor adds one to a group', () => {
    const rows = [
      { key: 'mail', match: match('a', 'aad-1') },
      { key: 'mail', match: match('b', '') },
    ];
    assert.deepEqual(plegersBijMeerdereAmbtsdragers(rows), []);
    const groups = plegersBijMeerdereAmbtsdragers([...rows, { key: 'mail', match: match('c', 'aad-2') }]);
    assert.deepEqual(groups.map((g) => [g.length, ambtsdragersIn(g)]), [[3, 2]]);
  });

  it('proposes the maatregelen of a repeated incident when the pleger targeted another ambtsdrager before (6.2)', () => {
    const profile = getProfile('nijmegen');
    const base = { category: 'verbale-agressie' as const, meldplicht: 'verplicht' as const, repeated: false, profile };
    assert.deepEqual(proposeMaatregelen(base).map((p) => p.type), ['waarschuwing-schriftelijk']);
    const several = proposeMaatregelen({ ...base, andereAmbtsdragers: 1 });
    assert.deepEqual(several.map((p) => [p.type, p.reason]), proposeMaatregelen({ ...base, repeated: true }).map((p) => [p.type, p.reason]));
    assert.ok(several.some((p) => p.type === 'incidentgesprek' && p.reason === 'verbaal-herhaald'));
  });
});
