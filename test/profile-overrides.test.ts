import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { loadProfile } from '../src/initialize.js';

describe('a deployment overrides parts of its profile in a JSON file, validated at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weerbaar-profile-'));

  it('replaces the hulplijnen with the organisation\'s own list', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ hulplijnen: [{ naam: 'Alarmnummer', nummer: '112' }, { naam: 'Vertrouwenspersoon gemeente', nummer: '024 329 99 99' }] }));
    const profile = loadProfile(loadConfig({ WEERBAAR_PROFILE_OVERRIDES_FILE: file }));
    assert.deepEqual(profile.hulplijnen.map((h) => h.naam), ['Alarmnummer', 'Vertrouwenspersoon gemeente']);
    assert.equal(profile.id, 'nijmegen');
  });

  it('refuses a bad override naming the field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ hulplijnen: [{ naam: 'Nergens', nummer: 'bel me' }] }));
    assert.throws(() => loadProfile(loadConfig({ WEERBAAR_PROFILE_OVERRIDES_FILE: file })), /hulplijnen\.0\.nummer/);
  });
});
