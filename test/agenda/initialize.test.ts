import assert from 'node:assert/strict';
import { bookNazorg } from '../../src/agenda/jobs.js';
import { startAzurite, type AzuriteHandle } from '../support/azurite.js';
import { startHttpBot, type HttpBot } from '../support/http-teams.js';
import { events, parseIcs, value } from '../calendar/ics-parser.js';
import { EMAIL, makeIncident } from './support.js';

describe('agenda in the assembled bot (initialize)', function () {
  this.timeout(30_000);
  let az: AzuriteHandle;
  let bot: HttpBot;
  before(async () => {
    az = await startAzurite();
    bot = await startHttpBot(az.connectionString);
  });
  after(async () => {
    await bot.stop();
    await az.stop();
  });

  async function feed(email: string): Promise<string> {
    const url = bot.weerbaar.agenda.icsUrlFor(email);
    assert.ok(url);
    const res = await fetch(`${bot.url}${new URL(url).pathname}`);
    assert.equal(res.status, 200);
    return res.text();
  }

  it('the running worker books the nazorg and the bot serves it on /calendar/<token>.ics', async () => {
    const services = bot.weerbaar.services;
    const now = Date.now();
    const incident = makeIncident(services, { occurredAt: new Date(now - 3_600_000) });
    await services.store.incidents.create(incident);
    await services.effects.enqueue(bookNazorg(incident));
    const until = Date.now() + 15_000;
    let booked = false;
    while (!booked && Date.now() < until) {
      booked = (await bot.weerbaar.agenda.bookingsFor(incident.id))?.items.filter((i) => i.status === 'geboekt').length === 3;
      if (!booked) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(booked, 'booked by the worker that initialize started');
    for (const who of [EMAIL.raadslid, EMAIL.burgemeester]) {
      const evs = events(parseIcs(await feed(who)));
      assert.equal(evs.length, 3);
      assert.ok(evs.every((e) => value(e, 'SUMMARY') === 'Nazorggesprek'));
    }
    assert.equal((await fetch(`${bot.url}/calendar/${'f'.repeat(64)}.ics`)).status, 404);
  });
});
