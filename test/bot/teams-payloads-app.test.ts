import assert from 'node:assert/strict';
import { pino } from 'pino';
import { messageCard, show } from '../../src/flows/common.js';
import { createRouter, type FlowModule } from '../../src/flows/router.js';
import type { Services } from '../../src/flows/services.js';
import type { TurnInput } from '../../src/flows/types.js';
import { cardText, repliedCard, send, testBot } from '../support/bot.js';
import { testServices, type TestStack } from '../support/services.js';
import { FAKE, fixture, withText } from '../support/teams-fixtures.js';

/** A flow that records what reaches it and answers the melding card's verbs with a marked card. */
function probe() {
  const actions: TurnInput[] = [];
  const membersAdded: TurnInput[] = [];
  const answer = (verb: string) => async (input: TurnInput) => {
    actions.push(input);
    return show(messageCard(`probe ${verb}`));
  };
  const module: FlowModule = {
    actions: { 'afhandeling.openen': answer('afhandeling.openen'), 'afhandeling.vernieuwen': answer('afhandeling.vernieuwen') },
    commands: {},
    onMembersAdded: async (input) => {
      membersAdded.push(input);
    },
  };
  return { module, actions, membersAdded };
}

const IGNORED = [
  'installation-update-remove-team',
  'conversation-update-member-removed-team',
  'conversation-update-bot-removed-shared-channel',
  'conversation-update-channel-created',
  'conversation-update-channel-renamed',
  'conversation-update-channel-deleted',
  'conversation-update-team-renamed',
];

const MEMBERS_ADDED: Record<string, { teamsChannelId: string }> = {
  'conversation-update-member-added-team': { teamsChannelId: FAKE.team },
  'conversation-update-member-added-shared-channel': { teamsChannelId: FAKE.sharedChannel },
  'conversation-update-member-added-private-channel': { teamsChannelId: FAKE.privateChannel },
};

describe('Teams payloads through the whole bot (createApplication + router, TestAdapter)', () => {
  let stack: TestStack;
  let services: Services;
  let p: ReturnType<typeof probe>;
  let adapter: ReturnType<typeof testBot>;
  before(async () => {
    stack = await testServices();
    services = stack.services;
  });
  after(() => stack.stop());
  beforeEach(() => {
    p = probe();
    adapter = testBot(createRouter(services, [p.module]));
  });

  describe('installation', () => {
    it('greets once in a personal chat: on the installationUpdate, not on the conversationUpdate beside it', async () => {
      const install = await send(adapter, fixture('installation-update-add-personal'));
      assert.equal(install.replies.length, 1);
      assert.match(cardText(repliedCard(install.replies[0])), /Welkom bij Weerbaar/);
      const update = await send(adapter, fixture('conversation-update-bot-added-personal'));
      assert.deepEqual(update.replies, []);
    });

    for (const name of ['installation-update-add-team', 'conversation-update-bot-added-team', 'conversation-update-bot-added-shared-channel']) {
      it(`${name}: nothing posted in the channel, and no members-added check`, async () => {
        const r = await send(adapter, fixture(name));
        assert.deepEqual(r.replies, []);
        assert.equal(r.status, undefined);
        assert.deepEqual(p.membersAdded, []);
      });
    }
  });

  describe('people joining a team or channel', () => {
    for (const [name, expected] of Object.entries(MEMBERS_ADDED)) {
      it(`${name}: every flow's hook gets the channel, nothing is posted`, async () => {
        const r = await send(adapter, fixture(name));
        assert.deepEqual(r.replies, []);
        assert.equal(p.membersAdded.length, 1);
        const input = p.membersAdded[0]!;
        assert.equal(input.event.kind, 'membersAdded');
        assert.equal(input.conversation.kind, 'channel');
        assert.equal(input.conversation.ref.teamId, FAKE.team);
        assert.equal(input.conversation.ref.teamsChannelId, expected.teamsChannelId);
      });
    }

    it('calls the hook without an Entra id on the event', async () => {
      const activity = fixture('conversation-update-member-added-shared-channel');
      activity.from = { id: activity.from?.id ?? '', name: '' };
      const r = await send(adapter, activity);
      assert.deepEqual(r.replies, []);
      assert.equal(p.membersAdded.length, 1);
      assert.equal(p.membersAdded[0]?.actor, undefined);
    });

    it('a failing hook is logged by type, never thrown, and the other flows still get the event', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
      const failing: FlowModule = {
        actions: {},
        commands: {},
        onMembersAdded: async () => {
          throw new Error('roster of Test User A unavailable');
        },
      };
      const bot = testBot(createRouter({ ...services, logger }, [failing, p.module]));
      const r = await send(bot, fixture('conversation-update-member-added-team'));
      assert.deepEqual(r.replies, []);
      assert.equal(p.membersAdded.length, 1);
      const failure = lines.find((l) => l.includes('members-added hook failed'));
      assert.ok(failure, 'the failure is logged');
      assert.match(failure, /"type":"Error"/);
      assert.doesNotMatch(failure, /Test User A/);
    });
  });

  describe('events the bot ignores: no reply, no error, no hook', () => {
    for (const name of IGNORED) {
      it(name, async () => {
        const r = await send(adapter, fixture(name));
        assert.deepEqual(r.replies, []);
        assert.equal(r.status, undefined);
        assert.deepEqual(p.membersAdded, []);
        assert.deepEqual(p.actions, []);
      });
    }
  });

  describe('messages from desktop, web and mobile', () => {
    for (const name of ['message-personal-desktop', 'message-personal-mobile']) {
      it(`${name}: free text in 1:1 gets the welcome card`, async () => {
        const r = await send(adapter, fixture(name));
        assert.match(cardText(repliedCard(r.replies[0])), /Welkom bij Weerbaar/);
      });
    }

    for (const name of ['message-channel-mention-root', 'message-channel-mention-reply-web']) {
      it(`${name}: the command after the @mention is recognised`, async () => {
        const r = await send(adapter, withText(name, 'hulplijnen'));
        assert.equal(r.replies.length, 1);
        assert.match(cardText(repliedCard(r.replies[0])), /\[0900 0101\]\(tel:09000101\)/);
      });
    }
  });

  describe('card actions', () => {
    it('an Action.Execute in 1:1 is answered with an invokeResponse holding the new card', async () => {
      const r = await send(adapter, fixture('invoke-action-personal-manual'));
      assert.equal(r.status, 200);
      assert.match(cardText(r.invokeCard), /\[0900 0101\]\(tel:09000101\)/);
      assert.deepEqual(r.replies, []);
    });

    for (const [name, verb] of [
      ['invoke-action-personal-refresh', 'afhandeling.vernieuwen'],
      ['invoke-action-channel-manual', 'afhandeling.openen'],
      ['invoke-action-channel-refresh', 'afhandeling.vernieuwen'],
    ] as const) {
      it(`${name}: the flow gets the verb, the card comes back in the invokeResponse`, async () => {
        const r = await send(adapter, fixture(name));
        assert.equal(r.status, 200);
        assert.match(cardText(r.invokeCard), new RegExp(`probe ${verb}`));
        assert.deepEqual(r.replies, []);
        const input = p.actions[0];
        assert.equal(input?.actor?.aadObjectId, FAKE.userA.aad);
        assert.equal(input.conversation.kind, name.includes('channel') ? 'channel' : 'personal');
      });
    }

    it('an Action.Submit fallback in 1:1 is answered with a new card in the chat', async () => {
      const r = await send(adapter, fixture('message-submit-personal'));
      assert.equal(r.status, undefined);
      assert.match(cardText(repliedCard(r.replies[0])), /\[0900 0101\]\(tel:09000101\)/);
    });

    it('an Action.Submit without an Entra id is refused with a Dutch card', async () => {
      const r = await send(adapter, fixture('message-submit-channel'));
      assert.match(cardText(repliedCard(r.replies[0])), /niet vaststellen wie u bent/);
    });
  });
});
