import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import {
  chooseOption,
  clickAction,
  fillInput,
  openChannel,
  selectOption,
  setToggle,
  startStack,
  thread,
  type Stack,
} from './support/stack.js';

/**
 * The helpers the flow tests use, against every input type our cards use: what a person fills in
 * is what the bot receives. The cards are posted through the Playground's connector, as the bot's
 * proactive posts are; the bot's own HTTP server is tapped to read the invoke it gets.
 */
const FORM = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Proefkaart' },
    { type: 'Input.Text', id: 'wat', label: 'Wat is er gebeurd?', isMultiline: true, placeholder: 'Vertel het hier' },
    { type: 'Input.Date', id: 'datum', label: 'Datum' },
    { type: 'Input.Time', id: 'tijd', label: 'Tijd' },
    { type: 'Input.Number', id: 'aantal', label: 'Aantal' },
    { type: 'Input.Toggle', id: 'bellen', label: 'Contact', title: 'Ik wil gebeld worden', valueOn: 'ja', valueOff: 'nee' },
    { type: 'Input.ChoiceSet', id: 'waar', label: 'Waar?', style: 'expanded', choices: [{ title: 'Online', value: 'online' }, { title: 'Op straat', value: 'straat' }] },
    { type: 'Input.ChoiceSet', id: 'wie', label: 'Wie?', style: 'expanded', isMultiSelect: true, choices: [{ title: 'Ik', value: 'ik' }, { title: 'Mijn gezin', value: 'gezin' }] },
    { type: 'Input.ChoiceSet', id: 'rol', label: 'Rol', choices: [{ title: 'Raadslid', value: 'raadslid' }, { title: 'Wethouder', value: 'wethouder' }] },
  ],
  actions: [{ type: 'Action.Execute', title: 'Volgende', verb: 'proef.volgende', data: { stap: 1 } }],
};

const asCard = (content: unknown) => ({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }] });

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(res.status < 300, `connector answered ${res.status}`);
}

describe('browser: card inputs through the Agents Playground', function () {
  this.timeout(60_000);
  let stack: Stack | undefined;
  const invokes: { conversation: { id: string; conversationType?: string }; value: { action: { verb: string; data: Record<string, unknown> } } }[] = [];

  before(async function () {
    this.timeout(240_000);
    stack = await startStack({ people: ['raadslid', 'griffier'] });
    stack.weerbaar.server.server.prependListener('request', (req: IncomingMessage) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const activity = JSON.parse(body || '{}') as { type?: string } & (typeof invokes)[number];
        if (activity.type === 'invoke') invokes.push(activity);
      });
    });
  });

  after(async () => {
    await stack?.stop();
  });

  it('submits what was filled in: text, date, time, number, toggle, radios, checkboxes, dropdown', async () => {
    const fleur = stack!.page('raadslid');
    await post(`${stack!.playgroundUrl('raadslid')}/_connector/v3/conversations/personal-chat-raadslid/activities`, asCard(FORM));
    await fleur.getByText('Proefkaart').waitFor();

    await fillInput(fleur, 'Wat is er gebeurd?', 'Een boze man bij de ingang');
    await fillInput(fleur, 'Datum', '2026-11-03');
    await fillInput(fleur, 'Tijd', '14:30');
    await fillInput(fleur, 'Aantal', '3');
    await setToggle(fleur, 'Ik wil gebeld worden');
    await chooseOption(fleur, 'Op straat');
    await chooseOption(fleur, 'Mijn gezin', 'Wie?');
    await chooseOption(fleur, 'Ik');
    await selectOption(fleur, 'Rol', 'Wethouder');
    invokes.length = 0;
    await clickAction(fleur, 'Volgende');

    assert.equal(invokes.length, 1);
    const action = invokes[0]!.value.action;
    assert.equal(action.verb, 'proef.volgende');
    assert.deepEqual(action.data, {
      stap: 1,
      wat: 'Een boze man bij de ingang',
      datum: '2026-11-03',
      tijd: '14:30',
      aantal: '3',
      bellen: 'ja',
      waar: 'straat',
      // a multi-select submits in the order of clicking
      wie: 'gezin,ik',
      rol: 'wethouder',
    });
  });

  it('stops at the card when a required input is empty: nothing reaches the bot', async () => {
    const fleur = stack!.page('raadslid');
    const required = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Verplichte kaart' },
        { type: 'Input.Text', id: 'wat', label: 'Omschrijving', isRequired: true, errorMessage: 'Vul een omschrijving in' },
      ],
      actions: [{ type: 'Action.Execute', title: 'Volgende', verb: 'proef.verplicht' }],
    };
    await post(`${stack!.playgroundUrl('raadslid')}/_connector/v3/conversations/personal-chat-raadslid/activities`, asCard(required));
    await fleur.getByText('Verplichte kaart').waitFor();
    invokes.length = 0;
    await assert.rejects(clickAction(fleur, 'Volgende'), /Vul een omschrijving in/);
    assert.equal(invokes.length, 0);

    await fillInput(fleur, 'Omschrijving', 'Nu wel');
    await clickAction(fleur, 'Volgende');
    assert.deepEqual(invokes.map((i) => i.value.action.data), [{ wat: 'Nu wel' }]);
  });

  it('finds a card in a channel thread and acts on it as the griffier', async () => {
    const sanne = stack!.page('griffier');
    await openChannel(sanne, 'Griffie');
    const root = `${stack!.playgroundUrl('griffier')}/_connector/v3/conversations`;
    const card = (title: string) => ({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: title }],
      actions: [{ type: 'Action.Execute', title: 'Goedkeuren', verb: 'proef.goedkeuren' }],
    });
    for (const title of ['Melding A', 'Melding B']) {
      await post(root, { isGroup: true, channelData: { channel: { id: 'channel-griffie' } }, activity: asCard(card(title)) });
    }
    await sanne.getByText('Melding B').waitFor();
    invokes.length = 0;
    // the older thread is below the newer one: thread() finds it by its text, not by position
    await clickAction(thread(sanne, 'Melding A'), 'Goedkeuren');

    assert.equal(invokes.length, 1);
    assert.equal(invokes[0]!.conversation.conversationType, 'channel');
    assert.match(invokes[0]!.conversation.id, /^channel-griffie;messageid=/);
  });
});
