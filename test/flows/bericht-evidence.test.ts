import assert from 'node:assert/strict';
import { messageActionEvent } from '../../src/bot/message-action.js';
import { EvidenceSchema } from '../../src/domain/evidence-schema.js';
import { toEvidence } from '../../src/flows/bericht/evidence.js';
import { htmlToPlainText } from '../../src/shared/html.js';
import { evidenceLines } from '../../src/flows/bericht/view.js';
import type { ChosenMessage } from '../../src/flows/types.js';
import { fixture } from '../support/teams-fixtures.js';

const now = new Date('2026-12-01T10:00:00Z');

function message(changes: Partial<ChosenMessage> = {}): ChosenMessage {
  return { id: '1', senderName: 'Test User B', deleted: false, body: { contentType: 'html', content: '' }, omittedChars: 0, attachments: [], ...changes };
}

function chosen(value: unknown): ChosenMessage | undefined {
  const event = messageActionEvent(value);
  assert.equal(event.kind, 'messageAction');
  return event.kind === 'messageAction' ? event.message : undefined;
}

describe('Melden bij Weerbaar: the chosen message as Teams sends it (src/bot/message-action.ts)', () => {
  it('reads the published payload: sender, sent time, link, HTML body; the mentions and reactions are not kept', () => {
    const m = chosen(fixture('invoke-fetchtask-message-channel-reply').value);
    assert.deepEqual(m, {
      id: '1700000000700',
      senderName: 'Test User B',
      sentAt: '2021-01-19T12:52:24.833Z',
      deleted: false,
      link: 'https://teams.microsoft.com/l/message/19:fake-channel-1@thread.tacv2/1700000000700',
      body: { contentType: 'html', content: '<div><div><at id="0">Fake Webhook</at> - Hi</div>\n</div>' },
      omittedChars: 0,
      attachments: [],
    });
  });

  it('reads the Agents Playground shape too: an empty link, a message of the bot itself', () => {
    const m = chosen({
      commandId: 'meldenBijWeerbaar',
      commandContext: 'message',
      context: { theme: 'default' },
      messagePayload: {
        id: 'p-1', createdDateTime: '2026-12-01T09:00:00.000Z', deleted: false, importance: 'normal', locale: 'en-us',
        from: { application: { applicationIdentityType: 'bot', id: 'bot', displayName: 'Weerbaar' } },
        body: { contentType: 'html', content: 'hallo' }, attachments: [], mentions: [], reactions: [], linkToMessage: '',
      },
    });
    assert.equal(m?.senderName, 'Weerbaar');
    assert.equal(m?.link, undefined);
  });

  it("marks an edited message, and a deleted one by Graph's deletionTime or the Bot Framework's deleted", () => {
    const base = { id: 'x', createdDateTime: '2026-11-30T10:00:00Z', body: { contentType: 'text', content: 'x' } };
    const payload = (p: Record<string, unknown>) => ({ commandId: 'c', commandContext: 'message', messagePayload: { ...base, ...p } });
    assert.equal(chosen(payload({ lastModifiedDateTime: '2026-11-30T10:05:00Z' }))?.editedAt, '2026-11-30T10:05:00.000Z');
    assert.equal(chosen(payload({ lastModifiedDateTime: '2026-11-30T10:00:00Z' }))?.editedAt, undefined, 'same as sent: not edited');
    assert.equal(chosen(payload({ deletionTime: '2026-11-30T11:00:00Z' }))?.deleted, true);
    assert.equal(chosen(payload({ deleted: true }))?.deleted, true);
    assert.equal(chosen(payload({ createdDateTime: 'gisteren' }))?.sentAt, undefined, 'a time that is no time is left out');
  });

  it('reads no message from an invoke without one, of another context, or of the wrong shape', () => {
    for (const value of [undefined, 'x', { commandId: 1 }, { commandId: 'c', commandContext: 'compose' }, { commandId: 'c', commandContext: 'message', messagePayload: { id: 7 } }]) {
      assert.equal(chosen(value), undefined, JSON.stringify(value));
    }
  });

  it('reads at most 50 000 characters of a body and counts the rest', () => {
    const m = chosen({ commandId: 'c', commandContext: 'message', messagePayload: { id: 'x', body: { contentType: 'text', content: 'a'.repeat(50_010) } } });
    assert.equal(m?.body.content.length, 50_000);
    assert.equal(m?.omittedChars, 10);
  });
});

describe('Melden bij Weerbaar: the copy kept as evidence (src/flows/bericht)', () => {
  it('turns Teams HTML into the plain text the sender wrote: breaks, lists, emoji, entities; no markup, no script', () => {
    const html =
      '<div><p>Eerste <b>regel</b></p><p>Tweede&nbsp;regel<br>derde &amp; &lt;vierde&gt; &#128512; &#x1F600; &bogus;</p>' +
      '<ul><li>een</li><li>twee</li></ul><img alt="😡" itemtype="http://schema.skype.com/Emoji" src="x"><style>p{}</style><script>alert(1)</script>' +
      '<at id="0">Fleur</at> 1 < 2</div>';
    assert.equal(htmlToPlainText(html), 'Eerste regel\nTweede regel\nderde & <vierde> 😀 😀 &bogus;\n• een\n• twee\n😡 Fleur 1 < 2');
  });

  it('costs a hostile message its length, not its square', () => {
    for (const evil of ['<img'.repeat(12_500), '<script'.repeat(7_000), '<'.repeat(50_000), `<img alt="${'alt="'.repeat(10_000)}`]) {
      const started = Date.now();
      htmlToPlainText(evil);
      assert.ok(Date.now() - started < 1000, `${evil.slice(0, 10)}… took ${Date.now() - started} ms`);
    }
  });

  it('keeps the first 4000 characters (an emoji counts as one and is never split) and says how much was left out', () => {
    const e = toEvidence(message({ body: { contentType: 'text', content: `${'😀'.repeat(4000)}rest` }, omittedChars: 3 }), now);
    assert.equal(Array.from(e.text).length, 4000);
    assert.equal(e.text, '😀'.repeat(4000));
    assert.equal(e.omittedChars, 7);
    assert.ok(EvidenceSchema.safeParse(e).success);
    const lines = evidenceLines(e).map((l) => l.text);
    assert.ok(lines.includes('Ingekort: alleen de eerste 4000 tekens van het bericht zijn bewaard.'));
  });

  it('lists attachments by name and type only, a card by its words, a quoted message as such; the HTML copy of the body is no attachment', () => {
    const e = toEvidence(
      message({
        body: { contentType: 'html', content: '<p>kijk <attachment id="a"></attachment></p>' },
        attachments: [
          { contentType: 'reference', name: 'foto.jpg', content: undefined },
          { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Pas op', text: '**jij**', buttons: [{ type: 'openUrl', title: 'Klik', value: 'https://x.example' }] } },
          { contentType: 'application/vnd.microsoft.card.adaptive', content: '{niet: json' },
          { contentType: 'messageReference', content: '{"messagePreview":"geciteerd"}' },
          { contentType: 'text/html', content: '<p>kijk</p>' },
        ],
      }),
      now,
    );
    assert.equal(e.text, 'kijk');
    assert.deepEqual(e.attachments, [
      { kind: 'bestand', name: 'foto.jpg', contentType: 'reference' },
      { kind: 'kaart', name: '', contentType: 'application/vnd.microsoft.card.hero', text: 'Pas op\n**jij**\nKlik\nhttps://x.example' },
      { kind: 'kaart', name: '', contentType: 'application/vnd.microsoft.card.adaptive' },
      { kind: 'citaat', name: '', contentType: 'messageReference' },
    ]);
    assert.deepEqual(
      evidenceLines(e).slice(-5).map((l) => [l.text, l.quoted]),
      [
        ['Bijlage: foto.jpg (reference). Het bestand zelf is niet bewaard.', false],
        ['Kaart in het bericht (application/vnd.microsoft.card.hero). Alleen de tekst ervan is bewaard:', false],
        ['Pas op\n**jij**\nKlik\nhttps://x.example', true],
        ['Kaart in het bericht (application/vnd.microsoft.card.adaptive). De inhoud ervan is niet bewaard.', false],
        ['Het bericht citeert een ander bericht (messageReference). Dat citaat is niet bewaard.', false],
      ],
    );
  });

  it('keeps at most 10 attachments and says how many more there were', () => {
    const attachments = Array.from({ length: 13 }, (_, i) => ({ contentType: 'reference', name: `f${i}.pdf` }));
    const e = toEvidence(message({ attachments }), now);
    assert.equal(e.attachments.length, 10);
    assert.equal(e.omittedAttachments, 3);
    assert.equal(evidenceLines(e).at(-1)?.text, 'Nog 3 bijlagen of onderdelen; niet bewaard.');
  });

  it('keeps only an https link, and says so when there was no text at all', () => {
    assert.equal(toEvidence(message({ link: 'javascript:alert(1)' }), now).link, undefined);
    assert.equal(toEvidence(message({ link: 'https://teams.microsoft.com/l/message/1/2' }), now).link, 'https://teams.microsoft.com/l/message/1/2');
    assert.ok(evidenceLines(toEvidence(message(), now)).some((l) => l.text === '(Het bericht had geen tekst.)'));
  });

  it('breaks Adaptive Card date functions in what it shows, and keeps the text itself unchanged', () => {
    const e = toEvidence(message({ body: { contentType: 'text', content: '{{DATE(2026-01-01T00:00:00Z)}} ${x}' } }), now);
    assert.equal(e.text, '{{DATE(2026-01-01T00:00:00Z)}} ${x}');
    assert.ok(evidenceLines(e).some((l) => l.text === '{\u200b{DATE(2026-01-01T00:00:00Z)}} ${x}' && l.quoted));
  });
});
