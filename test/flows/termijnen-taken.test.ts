import assert from 'node:assert/strict';
import { getProfile } from '../../src/domain/profiles/index.js';
import { deadlineDueSource } from '../../src/flows/handling/termijnen.js';
import type { Services } from '../../src/flows/services.js';
import { PeopleDirectory } from '../../src/people/directory.js';
import { anIncident } from '../domain/fixtures.js';

/** The scheduler asks "is it still open": for a task's deadline, the task's own state answers. */
describe('termijnen: a task\'s deadline is open while its task is', () => {
  const services = { profile: getProfile('nijmegen'), people: PeopleDirectory.fromFile('config/people.local.json') } as Pick<Services, 'profile' | 'people'> as Services;
  const police = { kind: 'politie-afspraak' as const, dueBy: '2026-11-26T16:00:00.000Z' };
  const source = deadlineDueSource(services, {});
  const policeItem = async (changes: Parameters<typeof anIncident>[1]) =>
    (await source.dueFor(anIncident('in-behandeling', { chosenCategory: 'bedreiging-intimidatie', deadlines: [police], ...changes }))).find((d) => d.kind === 'politie-afspraak');

  it('keeps the police appointment open until the handler ticks it off', async () => {
    assert.equal((await policeItem({}))?.open, true);
    const by = { aadObjectId: '00000000-0000-0000-0000-000000000022', name: 'Sanne Jansen' };
    assert.equal((await policeItem({ taken: [{ id: 'politie-afspraak', kind: 'politie-afspraak', state: 'gedaan', by, at: '2026-11-25T10:00:00.000Z' }] }))?.open, false);
  });

  it('treats the deadline as met when no strafbaar feit is suspected any more', async () => {
    const by = { aadObjectId: '00000000-0000-0000-0000-000000000022', name: 'Sanne Jansen' };
    assert.equal((await policeItem({ strafbaarVermoed: { value: false, by, at: '2026-11-25T10:00:00.000Z' } }))?.open, false);
  });
});
