import assert from 'node:assert/strict';
import { ActivitySchema } from '../../src/bot/activity.js';
import { fixture, fixtureNames } from '../support/teams-fixtures.js';

/**
 * The server refuses with 400 whatever does not match ActivitySchema, before the SDK sees it: every
 * activity Microsoft publishes for Teams must get through, or a real tenant's turns would be lost.
 */
describe('Teams payloads as Teams sends them: the server lets every published activity through', () => {
  for (const name of fixtureNames()) {
    it(name, () => {
      const parsed = ActivitySchema.safeParse(fixture(name));
      assert.ok(parsed.success, parsed.success ? '' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    });
  }
});
