import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { mayReadChannel } from '../../src/domain/channel-readers.js';
import { getProfile } from '../../src/domain/profiles/index.js';
import type { FunctionarisRole } from '../../src/domain/types.js';
import { PeopleDirectory } from '../../src/people/directory.js';

const UserSchema = z.object({ id: z.string(), name: z.string(), aadObjectId: z.string() });
const CastSchema = z.object({ currentUser: UserSchema, users: z.array(UserSchema).length(5) });

/** The window that links a channel, and the role it links it to (README: the local story). */
const LINKING: Record<string, FunctionarisRole> = { griffier: 'griffier', coordinator: 'coordinator' };

describe('the Agents Playground casts', () => {
  const people = PeopleDirectory.fromFile('config/people.local.json');
  const casts = readdirSync('playground').filter((f) => f.endsWith('.yml'));

  it('use the people of config/people.local.json, by the same Entra object id and name', () => {
    assert.ok(casts.length >= 3);
    for (const file of casts) {
      const cast = CastSchema.parse(parse(readFileSync(`playground/${file}`, 'utf8')));
      for (const u of [cast.currentUser, ...cast.users]) {
        assert.equal(people.get(u.aadObjectId)?.name, u.name, `${file}: ${u.name}`);
      }
    }
  });

  it('put only people who may read its meldingen in the team of a window that links a channel', () => {
    const profile = getProfile('nijmegen');
    for (const [name, role] of Object.entries(LINKING)) {
      const cast = CastSchema.parse(parse(readFileSync(`playground/${name}.yml`, 'utf8')));
      for (const u of [cast.currentUser, ...cast.users]) {
        assert.ok(mayReadChannel(profile, role, people.get(u.aadObjectId)), `${name}.yml: ${u.name} may not read the ${role} channel`);
      }
    }
  });
});
