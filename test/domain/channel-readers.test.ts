import assert from 'node:assert/strict';
import { mayReadChannel, readerRoles, rosterCheckDue, ROSTER_CHECK_MAX_AGE_MS } from '../../src/domain/channel-readers.js';
import { getProfile } from '../../src/domain/profiles/index.js';

describe('domain: who may read the channel linked to a role', () => {
  const nijmegen = getProfile('nijmegen');
  const utrecht = getProfile('utrecht');
  const none = { roles: [], kanalen: [] } as const;

  it('lets the handlers of every melding posted there, and the coordinator, read a handler channel', () => {
    assert.deepEqual(new Set(readerRoles(nijmegen, 'griffier')), new Set(['griffier', 'plaatsvervangend-griffier', 'coordinator']));
    // Nijmegen: the gemeentesecretaris handles the burgemeester's meldingen alone and the wethouder's with the
    // burgemeester; the burgemeester would read meldingen about himself, so only the gemeentesecretaris reads that channel
    assert.deepEqual(new Set(readerRoles(nijmegen, 'gemeentesecretaris')), new Set(['gemeentesecretaris', 'coordinator']));
    assert.deepEqual(new Set(readerRoles(nijmegen, 'burgemeester')), new Set(['burgemeester', 'gemeentesecretaris', 'coordinator']));
  });

  it('keeps the coordinator channel to coordinators and the people named for it', () => {
    assert.deepEqual(readerRoles(nijmegen, 'coordinator'), ['coordinator']);
    assert.equal(mayReadChannel(nijmegen, 'coordinator', { roles: ['griffier'], kanalen: [] }), false);
    assert.equal(mayReadChannel(nijmegen, 'coordinator', { roles: [], kanalen: ['coordinator'] }), true);
  });

  it('never lets an ambtsdrager without a handler role read, nor someone unknown', () => {
    for (const role of ['raadslid', 'wethouder', 'fractiemedewerker'] as const) {
      assert.equal(mayReadChannel(nijmegen, 'griffier', { roles: [role], kanalen: [] }), false, role);
    }
    assert.equal(mayReadChannel(nijmegen, 'griffier', undefined), false);
    assert.equal(mayReadChannel(nijmegen, 'griffier', none), false);
  });

  it('lets the administrator name readers per channel, and only for that channel', () => {
    const medewerker = { roles: [], kanalen: ['griffier'] } as const;
    assert.equal(mayReadChannel(nijmegen, 'griffier', medewerker), true);
    assert.equal(mayReadChannel(nijmegen, 'gemeentesecretaris', medewerker), false);
  });

  it('follows the profile: in Utrecht the provinciesecretaris channel is for its own handlers', () => {
    const roles = readerRoles(utrecht, 'provinciesecretaris');
    assert.ok(roles.includes('provinciesecretaris'));
    assert.ok(!roles.includes('griffier'));
  });

  it('keeps a coordinator who advises on request (Utrecht) out of the handlers\' channels, not out of their own', () => {
    assert.deepEqual(readerRoles(utrecht, 'griffier'), ['griffier']);
    assert.equal(mayReadChannel(utrecht, 'griffier', { roles: ['coordinator'], kanalen: [] }), false);
    assert.deepEqual(readerRoles(utrecht, 'coordinator'), ['coordinator']);
  });

  it('checks the roster again before a post once the last check is a day old', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    assert.equal(rosterCheckDue(undefined, now), true);
    assert.equal(rosterCheckDue('not a date', now), true);
    assert.equal(rosterCheckDue(new Date(now.getTime() - ROSTER_CHECK_MAX_AGE_MS + 1000).toISOString(), now), false);
    assert.equal(rosterCheckDue(new Date(now.getTime() - ROSTER_CHECK_MAX_AGE_MS).toISOString(), now), true);
  });
});
