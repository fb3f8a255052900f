import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { loadProfile } from '../src/initialize.js';
import { route } from '../src/domain/route.js';

describe('a deployment overrides parts of its profile in a JSON file, validated at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weerbaar-profile-'));

  it('replaces the hulplijnen with the organisation\'s own list', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ hulplijnen: [{ naam: 'Alarmnummer', nummer: '112' }, { naam: 'Vertrouwenspersoon gemeente', nummer: '024 329 99 99' }] }));
    const profile = loadProfile(loadConfig({ WEERBAAR_PROFILE_OVERRIDES_FILE: file }));
    assert.deepEqual(profile.hulplijnen.map((h) => h.naam), ['Alarmnummer', 'Vertrouwenspersoon gemeente']);
    assert.equal(profile.id, 'nijmegen');
  });

  it('sets the nazorg giver per role: the raadslid\'s nazorg by the griffier only, the other roles as in the profile', () => {
    const file = join(dir, 'nazorg.json');
    writeFileSync(file, JSON.stringify({ nazorgGivers: { raadslid: ['griffier'] } }));
    const base = loadProfile(loadConfig({}));
    const profile = loadProfile(loadConfig({ WEERBAAR_PROFILE_OVERRIDES_FILE: file }));
    assert.deepEqual(route(profile, 'raadslid').nazorgGivers, ['griffier']);
    assert.notDeepEqual(route(base, 'raadslid').nazorgGivers, ['griffier'], 'the file changed something');
    assert.deepEqual(route(profile, 'wethouder').nazorgGivers, route(base, 'wethouder').nazorgGivers);
  });

  it('refuses a bad override naming the field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ hulplijnen: [{ naam: 'Nergens', nummer: 'bel me' }] }));
    assert.throws(() => loadProfile(loadConfig({ WEERBAAR_PROFILE_OVERRIDES_FILE: file })), /hulplijnen\.0\.nummer/);
  });
});
