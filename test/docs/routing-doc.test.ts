import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routingDoc } from '../../scripts/routing-doc.js';
import { channelRoles } from '../../src/domain/route.js';
import { getProfile, PROFILE_IDS } from '../../src/domain/profiles/index.js';
import { ROOT } from '../bot/process.js';

describe('docs/ROUTING.md, the administrator\'s routing table', () => {
  it('is what the code routes (regenerate with npm run docs:routing)', () => {
    assert.equal(readFileSync(join(ROOT, 'docs/ROUTING.md'), 'utf8'), routingDoc());
  });

  it('lists every role of every profile and every channel role to link', () => {
    const doc = routingDoc();
    for (const id of PROFILE_IDS) {
      const p = getProfile(id);
      for (const role of p.roles) assert.ok(doc.includes(`| \`${role}\` (`), `${id}: ${role}`);
      for (const r of channelRoles(p)) assert.ok(doc.includes(`koppel ${r}\``), `${id}: koppel ${r}`);
    }
  });
});
