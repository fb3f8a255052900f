import assert from 'node:assert/strict';
import { CredentialUnavailableError, type AccessToken, type TokenCredential } from '@azure/identity';
import { z } from 'zod';
import { GraphCalendar, type GraphCalendarOptions } from '../../src/calendar/graph.js';
import { transactionIdFor } from '../../src/calendar/graph-mapping.js';
import { CalendarError, type CalendarEvent } from '../../src/calendar/port.js';
import { FakeGraph, type RecordedRequest } from '../support/fake-graph.js';

const griffier = 'griffier@gemeente.example';
const melder = { email: 'raadslid@gemeente.example', name: 'A. Jansen' };

function nazorg(startIso: string, over: Partial<CalendarEvent> = {}): CalendarEvent {
  const start = new Date(startIso);
  return {
    subject: 'Nazorggesprek',
    bodyHtml: '<p>Eerste nazorggesprek: veiligheid en steun.</p>',
    start,
    end: new Date(start.getTime() + 3_600_000),
    attendees: [melder],
    online: true,
    ...over,
  };
}

const InnerRequests = z.object({
  requests: z.array(z.object({ id: z.string(), method: z.string(), url: z.string(), headers: z.record(z.string(), z.string()), body: z.record(z.string(), z.unknown()) })),
});
function innerRequests(r: RecordedRequest | undefined) {
  return InnerRequests.parse(r?.body).requests;
}
function bodyOf(r: RecordedRequest | undefined): Record<string, unknown> {
  return z.record(z.string(), z.unknown()).parse(r?.body);
}

describe('GraphCalendar against a local fake of Microsoft Graph', () => {
  let fake: FakeGraph;
  let scopes: string[];
  let timeline: string[];
  let sleeps: number[];

  /** `realSleep`: the calendar's own sleep, in real time */
  function calendar(over: Partial<GraphCalendarOptions> & { realSleep?: true } = {}): GraphCalendar {
    const credential: TokenCredential = {
      getToken(scope: string | string[]): Promise<AccessToken> {
        scopes.push(...[scope].flat());
        return Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 });
      },
    };
    const { realSleep, ...rest } = over;
    const options: GraphCalendarOptions = {
      credential,
      baseUrl: fake.baseUrl,
      sleep: (ms) => {
        sleeps.push(ms);
        timeline.push(`sleep ${ms} after request ${fake.requests.length}`);
        return Promise.resolve();
      },
      ...rest,
    };
    if (realSleep) delete options.sleep;
    return new GraphCalendar(options);
  }

  beforeEach(async () => {
    fake = await FakeGraph.start();
    scopes = [];
    timeline = [];
    sleeps = [];
  });
  afterEach(async () => {
    await fake.stop();
  });

  describe('createEvent', () => {
    it('posts a private Teams meeting with a transactionId, Dutch time and a bearer token', async () => {
      const { eventId } = await calendar().createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'melding-1/nazorg-1');
      assert.equal(fake.requests.length, 1);
      const req = fake.requests[0];
      assert.equal(req?.method, 'POST');
      assert.equal(req?.path, `/users/${griffier}/events`);
      assert.equal(req?.headers.authorization, 'Bearer test-token');
      assert.deepEqual(scopes, ['https://graph.microsoft.com/.default']);
      const body = bodyOf(req);
      assert.equal(body['subject'], 'Nazorggesprek');
      assert.equal(body['sensitivity'], 'private');
      assert.equal(body['isOnlineMeeting'], true);
      assert.equal(body['onlineMeetingProvider'], 'teamsForBusiness');
      assert.equal(body['transactionId'], transactionIdFor('melding-1/nazorg-1'));
      assert.match(String(body['transactionId']), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.deepEqual(body['start'], { dateTime: '2026-11-04T09:00:00', timeZone: 'W. Europe Standard Time' });
      assert.deepEqual(body['end'], { dateTime: '2026-11-04T10:00:00', timeZone: 'W. Europe Standard Time' });
      assert.deepEqual(body['body'], { contentType: 'HTML', content: '<p>Eerste nazorggesprek: veiligheid en steun.</p>' });
      assert.deepEqual(body['attendees'], [{ emailAddress: { address: melder.email, name: melder.name }, type: 'required' }]);
      assert.equal('location' in body, false);
      assert.deepEqual(fake.events(griffier).map((e) => e.id), [eventId]);
    });

    it('sends an in-person appointment with its location and without a Teams meeting', async () => {
      await calendar().createEvent(griffier, nazorg('2026-11-04T08:00:00Z', { subject: 'Gesprek', online: false, location: 'Stadhuis, kamer 2' }), 'k');
      const body = bodyOf(fake.requests[0]);
      assert.equal(body['subject'], 'Gesprek');
      assert.equal(body['isOnlineMeeting'], false);
      assert.equal('onlineMeetingProvider' in body, false);
      assert.deepEqual(body['location'], { displayName: 'Stadhuis, kamer 2' });
    });

    it('gives the same event for the same key: a retry after a lost response makes no second event', async () => {
      fake.fail({ method: 'POST', path: /\/events$/, status: 503, afterWork: true });
      const cal = calendar({ backoffMs: 5 });
      const first = await cal.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'melding-1/nazorg-1');
      const again = await cal.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'melding-1/nazorg-1');
      const [a, b] = await Promise.all([
        cal.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'melding-1/nazorg-1'),
        cal.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'melding-1/nazorg-1'),
      ]);
      assert.equal(fake.requests.length, 5);
      assert.deepEqual(sleeps, [5]);
      assert.deepEqual([again.eventId, a.eventId, b.eventId], [first.eventId, first.eventId, first.eventId]);
      assert.equal(fake.events(griffier).length, 1);
    });

    it('retries a top-level 429 after its Retry-After', async () => {
      fake.fail({ method: 'POST', path: /\/events$/, status: 429, retryAfterSeconds: 3 });
      await calendar().createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k');
      assert.deepEqual(timeline, ['sleep 3000 after request 1']);
      assert.deepEqual(fake.operations.map((o) => o.status), [429, 201]);
      assert.equal(fake.events(griffier).length, 1);
    });

    it('retries 503 with a growing backoff', async () => {
      fake.fail({ status: 503, times: 2 });
      await calendar({ backoffMs: 100 }).createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k');
      assert.deepEqual(sleeps, [100, 200]);
      assert.deepEqual(fake.operations.map((o) => o.status), [503, 503, 201]);
    });

    it('throws CalendarError(unavailable) when the attempts run out', async () => {
      fake.fail({ status: 503, times: 100 });
      await assert.rejects(calendar({ maxAttempts: 3, backoffMs: 10 }).createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k'),
        (e: unknown) => e instanceof CalendarError && e.code === 'unavailable' && e.retryable && e.status === 503);
      assert.equal(fake.requests.length, 3);
      assert.deepEqual(sleeps, [10, 20]);
      assert.equal(fake.events().length, 0);
    });

    it('throws CalendarError(throttled) with the Retry-After for the queue when throttling lasts', async () => {
      fake.fail({ status: 429, retryAfterSeconds: 2, times: 100 });
      await assert.rejects(calendar({ maxAttempts: 2 }).createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k'),
        (e: unknown) => e instanceof CalendarError && e.code === 'throttled' && e.retryAfterMs === 2000);
      assert.equal(fake.requests.length, 2);
    });

    it('does not wait out a Retry-After longer than maxWaitMs', async () => {
      fake.fail({ status: 429, retryAfterSeconds: 600 });
      await assert.rejects(calendar({ maxWaitMs: 60_000 }).createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k'),
        (e: unknown) => e instanceof CalendarError && e.code === 'throttled' && e.retryAfterMs === 600_000);
      assert.deepEqual(sleeps, []);
      assert.equal(fake.requests.length, 1);
    });

    it('does not retry a refusal: 403 is forbidden', async () => {
      fake.fail({ status: 403 });
      await assert.rejects(calendar().createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k'),
        (e: unknown) => e instanceof CalendarError && e.code === 'forbidden' && !e.retryable);
      assert.equal(fake.requests.length, 1);
    });
  });

  it('reports a credential that cannot work here as forbidden, without calling Graph', async () => {
    const credential: TokenCredential = { getToken: () => Promise.reject(new CredentialUnavailableError('no managed identity')) };
    await assert.rejects(new GraphCalendar({ credential, baseUrl: fake.baseUrl, sleep: () => Promise.resolve() }).createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k'),
      (e: unknown) => e instanceof CalendarError && e.code === 'forbidden');
    assert.equal(fake.requests.length, 0);
  });

  describe('createEvents ($batch)', () => {
    const items = ['nazorg-1', 'nazorg-2', 'nazorg-3', 'incidentgesprek'].map((k, i) => ({
      idempotencyKey: `melding-7/${k}`,
      event: nazorg(`2026-11-0${4 + i}T08:00:00Z`),
    }));

    it('sends four creates in one request and matches the answers by id', async () => {
      const created = await calendar().createEvents(griffier, items);
      assert.equal(fake.requests.length, 1);
      const [req] = fake.requests;
      assert.equal(req?.path, '/$batch');
      const inner = innerRequests(req);
      assert.equal(inner.length, 4);
      for (const [i, r] of inner.entries()) {
        assert.equal(r.method, 'POST');
        assert.equal(r.url, `/users/${encodeURIComponent(griffier)}/events`);
        assert.equal(r.headers['Content-Type'], 'application/json');
        assert.equal(r.body['transactionId'], transactionIdFor(items[i]?.idempotencyKey ?? ''));
        assert.equal(r.body['sensitivity'], 'private');
      }
      // The fake answers in reverse order; the results still follow the items.
      const byTransaction = new Map(fake.events(griffier).map((e) => [e.json['transactionId'], e.id]));
      assert.deepEqual(created, items.map((it) => ({ idempotencyKey: it.idempotencyKey, eventId: byTransaction.get(transactionIdFor(it.idempotencyKey)) })));
    });

    it('retries only the throttled item, after its Retry-After', async () => {
      fake.fail({ inBatch: true, status: 429, retryAfterSeconds: 7 });
      const created = await calendar().createEvents(griffier, items);
      assert.equal(fake.requests.length, 2);
      assert.deepEqual(timeline, ['sleep 7000 after request 1']);
      const first = innerRequests(fake.requests[0]);
      const second = innerRequests(fake.requests[1]);
      assert.equal(first.length, 4);
      assert.deepEqual(second.map((r) => r.id), [first[0]?.id]);
      assert.equal(fake.events(griffier).length, 4);
      assert.equal(new Set(created.map((c) => c.eventId)).size, 4);
    });

    it('waits at least the Retry-After in real time by default', async function () {
      this.timeout(10_000);
      fake.fail({ inBatch: true, status: 429, retryAfterSeconds: 1 });
      await calendar({ realSleep: true }).createEvents(griffier, items.slice(0, 2));
      const [a, b] = fake.requests;
      assert.ok(a && b);
      assert.ok(b.at - a.at >= 1000, `waited ${b.at - a.at} ms`);
      assert.equal(fake.events(griffier).length, 2);
    });

    it('retries a 503 of one item and a 429 of the whole batch', async () => {
      fake.fail({ path: /^\/\$batch$/, status: 429, retryAfterSeconds: 2 });
      fake.fail({ inBatch: true, status: 503 });
      await calendar({ backoffMs: 50 }).createEvents(griffier, items);
      assert.deepEqual(sleeps, [2000, 50]);
      assert.deepEqual(fake.requests.map((r) => innerRequests(r).length), [4, 4, 1]);
      assert.equal(fake.events(griffier).length, 4);
    });

    it('throws CalendarError(throttled) when an item stays throttled, and a rerun makes no duplicates', async () => {
      const stubborn = transactionIdFor(items[2]?.idempotencyKey ?? '');
      fake.fail({ inBatch: true, bodyContains: stubborn, status: 429, retryAfterSeconds: 1, times: 3 });
      await assert.rejects(calendar({ maxAttempts: 3 }).createEvents(griffier, items),
        (e: unknown) => e instanceof CalendarError && e.code === 'throttled' && e.retryAfterMs === 1000);
      assert.deepEqual(fake.requests.map((r) => innerRequests(r).length), [4, 1, 1]);
      assert.equal(fake.events(griffier).length, 3);
      assert.equal(fake.events(griffier).some((e) => e.json['transactionId'] === stubborn), false);
      // The queue worker runs the whole job again later.
      const created = await calendar().createEvents(griffier, items);
      assert.equal(fake.events(griffier).length, 4);
      assert.equal(new Set(created.map((c) => c.eventId)).size, 4);
    });

    it('splits more than 20 creates over several batches', async () => {
      const many = Array.from({ length: 23 }, (_, i) => ({ idempotencyKey: `k${i}`, event: nazorg('2026-11-04T08:00:00Z') }));
      const created = await calendar().createEvents(griffier, many);
      assert.deepEqual(fake.requests.map((r) => innerRequests(r).length), [20, 3]);
      assert.equal(created.length, 23);
      assert.equal(fake.events(griffier).length, 23);
    });
  });

  describe('updateEvent and cancelEvent', () => {
    it('patches the same event: new time, no second event, no transactionId', async () => {
      const cal = calendar();
      const { eventId } = await cal.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k');
      await cal.updateEvent(griffier, eventId, { start: new Date('2026-11-05T13:00:00Z'), end: new Date('2026-11-05T14:00:00Z') });
      const patch = fake.requests[1];
      assert.equal(patch?.method, 'PATCH');
      assert.equal(patch?.path, `/users/${griffier}/events/${eventId}`);
      assert.deepEqual(bodyOf(patch), {
        start: { dateTime: '2026-11-05T14:00:00', timeZone: 'W. Europe Standard Time' },
        end: { dateTime: '2026-11-05T15:00:00', timeZone: 'W. Europe Standard Time' },
      });
      const events = fake.events(griffier);
      assert.equal(events.length, 1);
      assert.deepEqual(events[0]?.json['start'], { dateTime: '2026-11-05T14:00:00', timeZone: 'W. Europe Standard Time' });
    });

    it('reports an unknown event as not-found without retrying', async () => {
      await assert.rejects(calendar().updateEvent(griffier, 'AAMkAGnope', { online: false }),
        (e: unknown) => e instanceof CalendarError && e.code === 'not-found' && /ErrorItemNotFound/.test(e.message) && !e.message.includes(griffier));
      assert.equal(fake.requests.length, 1);
    });

    it('cancels with a comment, and a repeated cancel succeeds', async () => {
      const cal = calendar();
      const { eventId } = await cal.createEvent(griffier, nazorg('2026-11-04T08:00:00Z'), 'k');
      await cal.cancelEvent(griffier, eventId, 'Het gesprek is verplaatst naar een later moment.');
      await cal.cancelEvent(griffier, eventId);
      assert.equal(fake.requests[1]?.path, `/users/${griffier}/events/${eventId}/cancel`);
      assert.deepEqual(bodyOf(fake.requests[1]), { comment: 'Het gesprek is verplaatst naar een later moment.' });
      assert.deepEqual(fake.operations.map((o) => o.status), [201, 202, 404]);
      assert.equal(fake.events(griffier)[0]?.cancelled, true);
    });
  });

  describe('getBusy (getSchedule)', () => {
    it('asks free/busy of all mailboxes in UTC and returns busy intervals per mailbox', async () => {
      const cal = calendar();
      await cal.createEvent('burgemeester@gemeente.example', nazorg('2026-11-04T08:00:00Z'), 'k');
      fake.addBusy(griffier, new Date('2026-11-04T10:00:00Z'), new Date('2026-11-04T11:30:00Z'));
      fake.addBusy(griffier, new Date('2026-11-04T12:00:00Z'), new Date('2026-11-04T13:00:00Z'), 'free');
      fake.addBusy(griffier, new Date('2026-11-04T14:00:00Z'), new Date('2026-11-04T15:00:00Z'), 'tentative');
      const window = { start: new Date('2026-11-04T00:00:00Z'), end: new Date('2026-11-05T00:00:00Z') };
      const busy = await cal.getBusy([griffier, 'Raadslid@gemeente.example'], window);
      const req = fake.requests[1];
      assert.equal(req?.path, `/users/${griffier}/calendar/getSchedule`);
      assert.equal(req?.headers.prefer, 'outlook.timezone="UTC"');
      assert.deepEqual(bodyOf(req), {
        schedules: [griffier, 'Raadslid@gemeente.example'],
        startTime: { dateTime: '2026-11-04T00:00:00.000', timeZone: 'UTC' },
        endTime: { dateTime: '2026-11-05T00:00:00.000', timeZone: 'UTC' },
        availabilityViewInterval: 15,
      });
      const iso = (m: string) => (busy.get(m) ?? []).map((i) => `${i.start.toISOString()}/${i.end.toISOString()}`);
      assert.deepEqual(iso(griffier), ['2026-11-04T10:00:00.000Z/2026-11-04T11:30:00.000Z', '2026-11-04T14:00:00.000Z/2026-11-04T15:00:00.000Z']);
      assert.deepEqual(iso('Raadslid@gemeente.example'), ['2026-11-04T08:00:00.000Z/2026-11-04T09:00:00.000Z']);
    });

    it('asks 62 days in one call and splits a longer window (Graph refuses more than 62 days)', async () => {
      fake.addBusy(griffier, new Date('2026-12-20T10:00:00Z'), new Date('2026-12-20T11:00:00Z'));
      fake.addBusy(griffier, new Date('2027-01-10T10:00:00Z'), new Date('2027-01-10T11:00:00Z'));
      const start = new Date('2026-11-04T00:00:00Z');
      const sixtyTwo = await calendar().getBusy([griffier, melder.email], { start, end: new Date('2027-01-05T00:00:00Z') });
      assert.equal(fake.requests.length, 1, 'both mailboxes and 62 days in one getSchedule');
      assert.deepEqual(sixtyTwo.get(griffier)?.map((i) => i.start.toISOString()), ['2026-12-20T10:00:00.000Z']);
      const busy = await calendar().getBusy([griffier], { start, end: new Date('2027-01-24T00:00:00Z') });
      assert.equal(fake.requests.length, 3);
      assert.deepEqual(busy.get(griffier)?.map((i) => i.start.toISOString()), ['2026-12-20T10:00:00.000Z', '2027-01-10T10:00:00.000Z']);
    });

    it('retries a throttled getSchedule', async () => {
      fake.fail({ path: /getSchedule$/, status: 429, retryAfterSeconds: 1 });
      const busy = await calendar().getBusy([griffier], { start: new Date('2026-11-04T00:00:00Z'), end: new Date('2026-11-05T00:00:00Z') });
      assert.deepEqual(sleeps, [1000]);
      assert.deepEqual(busy.get(griffier), []);
    });
  });
});
