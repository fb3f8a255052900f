import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, organisationConfigs } from '../src/config.js';

/** WEERBAAR_ORGANISATIONS_FILE: one deployment for several organisations. */
describe('config: the organisations file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weerbaar-orgcfg-'));
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const org = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `Organisatie ${id}`, profile: 'utrecht', peopleFile: `${id}.json`, ...extra });
  const refused = (path: string, pattern: RegExp): void => {
    assert.throws(() => loadConfig({ WEERBAAR_ORGANISATIONS_FILE: path }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.variable, 'WEERBAAR_ORGANISATIONS_FILE');
      assert.ok(err.message.includes(path), 'names the file');
      assert.match(err.message, pattern);
      return true;
    });
  };

  it('without it: exactly the one organisation of the environment', () => {
    const config = loadConfig({ WEERBAAR_PROFILE: 'utrecht', WEERBAAR_ORGANISATION: 'provincie-utrecht' });
    assert.equal(config.organisations, undefined);
    assert.deepEqual(organisationConfigs(config), [config]);
  });

  it('gives each organisation its own id, name, profile, people file (beside the organisations file) and agenda settings; the rest is shared', () => {
    const path = file('ok.json', {
      organisations: [
        org('gemeente-nijmegen', { profile: 'nijmegen', name: 'Gemeente Nijmegen' }),
        org('provincie-utrecht', { profileOverridesFile: 'utrecht-hulplijnen.json', agenda: { WEERBAAR_SAFE_LOCATION: 'Provinciehuis' } }),
      ],
    });
    const config = loadConfig({ WEERBAAR_ORGANISATIONS_FILE: path, WEERBAAR_PROFILE: 'modelprotocol', LOG_LEVEL: 'warn' });
    const [gemeente, provincie] = organisationConfigs(config);
    assert.deepEqual(gemeente?.organisation, { id: 'gemeente-nijmegen', name: 'Gemeente Nijmegen' });
    assert.equal(gemeente?.profileId, 'nijmegen');
    assert.equal(gemeente?.peopleFile, join(dir, 'gemeente-nijmegen.json'));
    assert.equal(gemeente?.agendaSettings, undefined);
    assert.equal(provincie?.profileId, 'utrecht');
    assert.equal(provincie?.profileOverridesFile, join(dir, 'utrecht-hulplijnen.json'));
    assert.deepEqual(provincie?.agendaSettings, { WEERBAAR_SAFE_LOCATION: 'Provinciehuis' });
    assert.equal(provincie?.logLevel, 'warn');
    assert.equal(provincie?.organisations, undefined);
  });

  it('shares the pleger signal across organisations only where an organisation consented (default: not)', () => {
    const path = file('delen.json', { organisations: [org('gemeente-a', { plegerSignaalDelen: true }), org('gemeente-b'), org('gemeente-c', { plegerSignaalDelen: false })] });
    assert.deepEqual(loadConfig({ WEERBAAR_ORGANISATIONS_FILE: path }).organisations?.map((o) => o.plegerSignaalDelen), [true, false, false]);
    refused(file('delen-ja.json', { organisations: [org('gemeente-a', { plegerSignaalDelen: 'ja' })] }), /organisations\.0\.plegerSignaalDelen/);
  });

  it('refuses a missing or broken file, or a wrong field, in Dutch, naming the file and the field', () => {
    refused(join(dir, 'er-niet.json'), /kan niet gelezen worden/);
    refused(file('kapot.json', '{ "organisations": ['), /geen geldige JSON/);
    refused(file('leeg.json', { organisations: [] }), /organisations/);
    refused(file('profiel.json', { organisations: [org('gemeente-a', { profile: 'amsterdam' })] }), /organisations\.0\.profile/);
    refused(file('id.json', { organisations: [org('Gemeente A')] }), /organisations\.0\.id: kleine letters/);
    refused(file('dubbel.json', { organisations: [org('gemeente-a'), org('gemeente-a')] }), /elke id maar één keer/);
    refused(file('agenda.json', { organisations: [org('gemeente-a', { agenda: { WEERBAAR_ONBEKEND: 'x' } })] }), /organisations\.0\.agenda/);
    refused(file('extra.json', { organisations: [org('gemeente-a', { tenant: 'x' })] }), /organisations\.0/);
  });
});
