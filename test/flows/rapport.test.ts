import assert from 'node:assert/strict';
import { getProfile } from '../../src/domain/profiles/index.js';
import { reportRow, yearFigures } from '../../src/domain/report/yearly.js';
import { meldingen } from './rapport-fixtures.js';
import { cardText, message, send, type Who } from '../support/bot.js';
import { channelMessage, CHANNELS, type HandlingStack, handlingSuite, link } from './handling-harness.js';

describe('rapport: the yearly report in counts, small counts hidden', function () {
  this.timeout(40_000);

  describe('the figures', () => {
    const nijmegen = getProfile('nijmegen');
    const rows = [
      ...meldingen(8, '2026-03-10T10:00:00.000Z', { chosenCategory: 'verbale-agressie' }),
      ...meldingen(4, '2026-03-12T10:00:00.000Z', { chosenCategory: 'bedreiging-intimidatie' }),
      ...meldingen(1, '2026-07-01T10:00:00.000Z', { chosenCategory: 'fysiek-geweld', ambtsdrager: { aadObjectId: 'w', role: 'wethouder' } }),
      // 00:30 on 1 January in Amsterdam, still 2026 in UTC: it counts in 2027
      ...meldingen(1, '2026-12-31T23:30:00.000Z'),
    ].map((i) => reportRow(i, undefined));

    it('counts a year\'s meldingen by the Amsterdam calendar', () => {
      assert.equal(yearFigures(rows, 2026, nijmegen.roles, 5).total, 13);
      assert.equal(yearFigures(rows, 2027, nijmegen.roles, 5).total, undefined, 'one melding: hidden, it names someone');
    });

    it('hides the small cells and one more, so none can be worked back from the total', () => {
      const f = yearFigures(rows, 2026, nijmegen.roles, 5);
      const value = (key: string) => f.partitions.categorie.find((c) => c.key === key)?.value;
      assert.equal(value('bedreiging-intimidatie'), undefined);
      assert.equal(value('fysiek-geweld'), undefined);
      assert.equal(value('verbale-agressie'), 8, 'the two hidden ones add up to 5: both are protected, 8 stays');
      // with a higher threshold the hidden ones (5) are not enough: the 8 goes too
      assert.equal(yearFigures(rows, 2026, nijmegen.roles, 6).partitions.categorie.find((c) => c.key === 'verbale-agressie')?.value, undefined);
      assert.equal(value('emotioneel-kritiek'), 0);
      const rol = new Map(f.partitions.rol.map((c) => [c.key, c.value]));
      assert.equal(rol.get('wethouder'), undefined, 'the one wethouder is not shown');
      assert.equal(rol.get('raadslid'), undefined, 'nor the raadsleden, or 13 - 12 would show her');
    });
  });

  describe('the command', () => {
    const suite = handlingSuite();
    let s: HandlingStack;
    const reply = async (who: Who, text: string, channel?: string): Promise<string> => {
      const r = await send(s.adapter, channel ? channelMessage(who, channel, text) : message(who, text));
      // a slow turn sends a typing indicator first
      return cardText(r.replies.find((a) => a.attachments?.length)?.attachments?.[0]?.content);
    };

    beforeEach(async () => {
      s = await suite.stack();
      const all = [
        ...meldingen(6, '2026-02-03T09:00:00.000Z', { description: 'GEHEIM-INHOUD' }),
        ...meldingen(2, '2026-05-03T09:00:00.000Z', { kanaal: 'e-mail' }),
        ...meldingen(5, '2025-05-03T09:00:00.000Z'),
      ];
      for (const i of all) await s.services.store.incidents.create({ ...i, organisationId: s.services.orgId });
    });

    it('gives the coordinator this year beside last year, in counts, with what "–" means', async () => {
      const text = await reply('coordinator', 'rapport 2026');
      assert.match(text, /Jaarrapport 2026/);
      assert.match(text, /Meldingen in totaal\n8\n5/);
      assert.match(text, /Raads- of commissievergadering|Persoonlijk, oog in oog/);
      assert.match(text, /E-mail\n–/, 'two e-mails: hidden');
      assert.match(text, /– betekent: minder dan 5/);
      assert.doesNotMatch(text, /GEHEIM-INHOUD/);
    });

    it('answers a year that is no year with an example, and a future one too', async () => {
      for (const bad of ['rapport twintig', 'rapport 1999', 'rapport 2999']) assert.match(await reply('coordinator', bad), /Geef een jaar van 2000 tot en met \d{4}/, bad);
    });

    it('gives it to the report roles the profile names, and refuses anyone else, the coordinator in another channel too', async () => {
      assert.match(await reply('griffier', 'rapport 2026'), /Meldingen in totaal\n8\n5/, 'Nijmegen names the griffier');
      for (const who of ['burgemeester', 'raadslid', 'onbekend'] as const) {
        const text = await reply(who, 'rapport');
        assert.match(text, /Het jaarrapport is er voor de aangewezen ambtenaar Veiligheid, griffier of gemeentesecretaris\./, who);
        assert.doesNotMatch(text, /\d+\n\d+/);
      }
      await link(s, CHANNELS.griffie, 'griffier');
      assert.match(await reply('coordinator', 'rapport', CHANNELS.griffie), /in uw persoonlijke chat/);
      await link(s, CHANNELS.coordinator, 'coordinator');
      assert.match(await reply('coordinator', 'rapport 2026', CHANNELS.coordinator), /Jaarrapport 2026/);
    });
  });
});
