import assert from 'node:assert/strict';
import { ProfileOverrideError, UnknownProfileError } from '../../src/domain/errors.js';
import { applyOverrides, getProfile, PROFILE_IDS, ProfileSchema, type Profile } from '../../src/domain/profiles/index.js';
import { route } from '../../src/domain/route.js';

function numbers(profile: Profile): string[][] {
  return profile.hulplijnen.map((h) => [h.naam, h.nummer]);
}

function overrideError(profile: Profile, override: unknown): ProfileOverrideError {
  try {
    applyOverrides(profile, override);
  } catch (err) {
    if (err instanceof ProfileOverrideError) return err;
    throw err;
  }
  assert.fail('override was accepted');
}

describe('profiles', () => {
  it('validates every built-in profile with the schema', () => {
    for (const id of PROFILE_IDS) assert.equal(ProfileSchema.safeParse(getProfile(id)).success, true, id);
  });

  it('refuses an unknown profile id with a typed error', () => {
    assert.throws(() => getProfile('amsterdam'), (err: unknown) => err instanceof UnknownProfileError && err.profileId === 'amsterdam');
  });

  it('hands out copies: changing one does not change the next', () => {
    getProfile('nijmegen').hulplijnen.pop();
    assert.equal(getProfile('nijmegen').hulplijnen.length, 6);
  });

  it('carries the hulplijnen each source prints, numbers exactly as printed', () => {
    assert.deepEqual(numbers(getProfile('nijmegen')), [
      ['Alarmnummer', '112'],
      ['Slachtofferhulp', '0900 0101'],
      ['Instituut voor Psychotrauma', '020 840 76 20'],
      ['Instituut voor Psychotrauma (alarmnummer)', '088 33 05 112'],
      ['Vertrouwenslijn politieke ambtsdragers', '0800 2800 200'],
      ['Vertrouwenslijn (kantoorlijn)', '088 5543 218'],
    ]);
    assert.deepEqual(numbers(getProfile('modelprotocol')), [['Alarmnummer', '112']]);
    assert.deepEqual(numbers(getProfile('utrecht')), [
      ['Alarmnummer', '112'],
      ['Vertrouwenslijn', '088 5543 288'],
      ['Crisislijn NGB', '070 373 8080'],
      ['Slachtofferloket Utrecht (arrondissementsparket Midden-Nederland)', '088 633 1580'],
    ]);
  });

  it('has Utrecht report always and the municipal profiles by the schema', () => {
    assert.equal(getProfile('utrecht').reportingRule, 'altijd');
    assert.equal(getProfile('nijmegen').reportingRule, 'schema');
    assert.equal(getProfile('modelprotocol').reportingRule, 'tenzij-aanhoudend');
  });

  it('flags restrictive measures, the burgemeester decision and aangifte consent', () => {
    const byType = new Map(getProfile('nijmegen').maatregelen.map((m) => [m.type, m]));
    assert.equal(byType.get('toegangsontzegging')?.restrictive, true);
    assert.equal(byType.get('toegangsontzegging')?.burgemeesterBesluit, true);
    assert.equal(byType.get('beperking-dienstverlening')?.restrictive, true);
    assert.equal(byType.get('aangifte')?.requiresAangifteConsent, true);
    assert.equal(byType.get('waarschuwing-schriftelijk')?.restrictive, false);
    assert.equal(byType.get('registratie-politie')?.label, 'Afspraak op locatie of persoon bij de politie (voorrang bij een melding)');
    assert.equal(getProfile('modelprotocol').maatregelen.some((m) => m.type === 'registratie-politie'), false);
  });

  describe('applyOverrides', () => {
    it('replaces the hulplijnen list and keeps the rest', () => {
      const base = getProfile('modelprotocol');
      const result = applyOverrides(base, {
        hulplijnen: [
          { naam: 'Alarmnummer', nummer: '112' },
          { naam: 'Vertrouwenspersoon gemeente', nummer: '024 329 99 99', toelichting: 'Op werkdagen.' },
        ],
      });
      assert.deepEqual(numbers(result), [['Alarmnummer', '112'], ['Vertrouwenspersoon gemeente', '024 329 99 99']]);
      assert.deepEqual(result.routing, base.routing);
      assert.equal(base.hulplijnen.length, 1, 'the input profile is not changed');
    });

    it('merges nazorg givers per role from JSON text', () => {
      const result = applyOverrides(getProfile('nijmegen'), '{"nazorgGivers": {"burgemeester": ["gemeentesecretaris", "griffier"]}}');
      assert.deepEqual(route(result, 'burgemeester').nazorgGivers, ['gemeentesecretaris', 'griffier']);
      assert.deepEqual(route(result, 'wethouder').nazorgGivers, ['burgemeester', 'gemeentesecretaris']);
    });

    it('names the bad field', () => {
      const err = overrideError(getProfile('nijmegen'), { hulplijnen: [{ naam: 'Slachtofferhulp', nummer: 'bel ons' }] });
      assert.equal(err.field, 'hulplijnen.0.nummer');
      assert.match(err.message, /hulplijnen\.0\.nummer/);
    });

    it('names an unknown key', () => {
      assert.equal(overrideError(getProfile('nijmegen'), { hulplijn: [] }).field, 'hulplijn');
      assert.equal(overrideError(getProfile('nijmegen'), { routing: { raadslid: { handler: ['griffier'] } } }).field, 'routing.raadslid.handler');
    });

    it('refuses a role the profile does not know, and an unknown handler role', () => {
      assert.equal(overrideError(getProfile('nijmegen'), { routing: { dijkgraaf: { handlers: ['secretaris'], informed: [] } } }).field, 'routing.dijkgraaf');
      assert.equal(overrideError(getProfile('nijmegen'), { routing: { wethouder: { handlers: ['wethouder'] } } }).field, 'routing.wethouder.handlers.0');
    });

    it('refuses invalid JSON, a non-object and a changed id', () => {
      assert.equal(overrideError(getProfile('nijmegen'), '{hulplijnen').field, '(root)');
      assert.equal(overrideError(getProfile('nijmegen'), [1, 2]).field, '(root)');
      assert.equal(overrideError(getProfile('nijmegen'), { id: 'utrecht' }).field, 'id');
    });

    it('refuses a routing without a label for a new handler role', () => {
      const err = overrideError(getProfile('nijmegen'), { routing: { raadslid: { handlers: ['statengriffier'] } } });
      assert.equal(err.field, 'roleLabels.statengriffier');
    });
  });
});
