import assert from 'node:assert/strict';
import { toTurnInput } from '../../src/bot/translate.js';
import { ConversationRefSchema } from '../../src/store/schemas.js';
import type { ConversationKind, TurnEvent, TurnInput } from '../../src/flows/types.js';
import { FAKE, fixture, fixtureNames, referenceOf } from '../support/teams-fixtures.js';

const now = new Date('2026-12-01T10:00:00Z');

function translate(name: string): TurnInput | undefined {
  const activity = fixture(name);
  return toTurnInput(activity, referenceOf(activity), now);
}

interface Expected {
  event: TurnEvent['kind'];
  kind: ConversationKind;
  /** Entra object id of the actor, or null when the turn has none */
  actor: string | null;
  teamId?: string;
  teamsChannelId?: string;
}

const personal = { kind: 'personal', actor: FAKE.userA.aad } as const;
const inChannel = (teamsChannelId: string, teamId: string = FAKE.team) => ({ kind: 'channel', teamId, teamsChannelId }) as const;

/** What each published activity must become; `undefined`: the bot ignores it. */
const EXPECTED: Record<string, Expected | undefined> = {
  'installation-update-add-personal': { event: 'installed', ...personal },
  'installation-update-add-team': { event: 'installed', actor: FAKE.userA.aad, ...inChannel(FAKE.channel) },
  'installation-update-remove-team': undefined,
  // Teams pairs it with the installationUpdate: the welcome is sent once, for that one.
  'conversation-update-bot-added-personal': undefined,
  // No channelData.channel: the channel is the conversation itself (the one chosen at install).
  'conversation-update-bot-added-team': { event: 'installed', actor: FAKE.userA.aad, ...inChannel(FAKE.channel) },
  'conversation-update-bot-added-shared-channel': { event: 'installed', actor: FAKE.userA.aad, ...inChannel(FAKE.sharedChannel) },
  // conversation.id is the team id, which is also the General channel's id.
  'conversation-update-member-added-team': { event: 'membersAdded', actor: FAKE.userA.aad, ...inChannel(FAKE.team) },
  'conversation-update-member-added-shared-channel': { event: 'membersAdded', actor: FAKE.userA.aad, ...inChannel(FAKE.sharedChannel) },
  'conversation-update-member-added-private-channel': { event: 'membersAdded', actor: FAKE.userA.aad, ...inChannel(FAKE.privateChannel) },
  'conversation-update-member-removed-team': undefined,
  'conversation-update-bot-removed-shared-channel': undefined,
  'conversation-update-channel-created': undefined,
  'conversation-update-channel-renamed': undefined,
  'conversation-update-channel-deleted': undefined,
  'conversation-update-team-renamed': undefined,
  'message-personal-desktop': { event: 'message', ...personal },
  'message-personal-mobile': { event: 'message', ...personal },
  'message-channel-mention-root': { event: 'message', actor: FAKE.userA.aad, ...inChannel(FAKE.channel) },
  'message-channel-mention-reply-web': { event: 'message', actor: FAKE.userA.aad, ...inChannel(FAKE.channel) },
  'message-submit-personal': { event: 'action', ...personal },
  // Published without conversationType and without an Entra id: a channel, and no trusted actor.
  'message-submit-channel': { event: 'action', actor: null, ...inChannel(FAKE.oldChannel, FAKE.oldTeam) },
  'invoke-action-personal-manual': { event: 'action', ...personal },
  'invoke-action-personal-refresh': { event: 'action', ...personal },
  'invoke-action-channel-manual': { event: 'action', actor: FAKE.userA.aad, ...inChannel(FAKE.channel) },
  'invoke-action-channel-refresh': { event: 'action', actor: FAKE.userA.aad, ...inChannel(FAKE.channel) },
  // "Melden bij Weerbaar" on a message: the conversation is the message's own (never replied to)
  'invoke-fetchtask-message-channel-reply': { event: 'messageAction', actor: FAKE.userA.aad, ...inChannel(FAKE.channel) },
  'invoke-fetchtask-message-groupchat': { event: 'messageAction', kind: 'groupChat', actor: FAKE.userA.aad },
  // the submit of the dialog that asked for which organisation: the same message, with the choice
  'invoke-submitaction-message-groupchat': { event: 'messageAction', kind: 'groupChat', actor: FAKE.userA.aad },
};

describe('Teams payloads as Microsoft publishes them -> TurnInput (src/bot/translate.ts)', () => {
  it('has an expectation for every fixture, and every fixture names its source', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), fixtureNames());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected ? `${expected.event} in a ${expected.kind} conversation` : 'ignored'}`, () => {
      const input = translate(name);
      if (!expected) {
        assert.equal(input, undefined);
        return;
      }
      assert.ok(input);
      assert.equal(input.event.kind, expected.event);
      assert.equal(input.conversation.kind, expected.kind);
      assert.equal(input.actor?.aadObjectId ?? null, expected.actor);
      const ref = input.conversation.ref;
      assert.equal(ref.teamId, expected.teamId);
      assert.equal(ref.teamsChannelId, expected.teamsChannelId);
      assert.equal(ref.tenantId, FAKE.tenant);
      assert.equal(ref.bot?.id, FAKE.botId);
      assert.equal(ref.conversation.id, fixture(name).conversation?.id, 'replies go to the conversation the activity came from');
      assert.ok(ConversationRefSchema.safeParse(ref).success, 'the reference can be stored (a channel link, a person)');
    });
  }

  describe('the actor is the Entra object id in from.aadObjectId, and nothing else', () => {
    it('takes name and Teams user id from `from` beside it', () => {
      const input = translate('message-personal-desktop');
      assert.deepEqual(input?.actor, { aadObjectId: FAKE.userA.aad, name: FAKE.userA.name, teamsUserId: FAKE.userA.teamsId });
    });

    it('is not the person added: the one who added them is the sender', () => {
      const input = translate('conversation-update-member-added-team');
      assert.notEqual(input?.actor?.aadObjectId, FAKE.userA2.aad);
    });

    for (const name of ['invoke-action-channel-manual', 'message-channel-mention-reply-web', 'conversation-update-member-added-shared-channel']) {
      it(`${name} without from.aadObjectId has no actor, whatever else it carries`, () => {
        const activity = fixture(name);
        activity.from = { id: activity.from?.id ?? '', name: activity.from?.name ?? '' };
        const input = toTurnInput(activity, referenceOf(activity), now);
        assert.ok(input);
        assert.equal(input.actor, undefined);
      });
    }
  });

  describe('the @mention of the bot is not part of the command', () => {
    for (const name of ['message-channel-mention-root', 'message-channel-mention-reply-web']) {
      it(name, () => {
        const input = translate(name);
        assert.equal(input?.event.kind, 'message');
        assert.equal(input.event.kind === 'message' ? input.event.text : undefined, 'reply to thread');
      });
    }

    it('keeps the text of a 1:1 message, where Teams adds no mention', () => {
      const input = translate('message-personal-desktop');
      assert.equal(input?.event.kind === 'message' ? input.event.text : undefined, 'Hello Weerbaar Test');
    });

    it('takes no attachment from the text/html copy Teams adds to a channel message', () => {
      const input = translate('message-channel-mention-reply-web');
      assert.deepEqual(input?.event.kind === 'message' ? input.event.attachments : undefined, []);
    });
  });

  describe('a thread is addressed by its root', () => {
    it('a reply keeps the thread id of the root message in its conversation id', () => {
      const ref = translate('message-channel-mention-reply-web')?.conversation.ref;
      assert.equal(ref?.conversation.id, `${FAKE.channel};messageid=1700000000100`);
      assert.equal(ref?.teamsChannelId, FAKE.channel);
    });
  });

  describe('a message action', () => {
    it('its first invoke has no submitted data; the submit of its dialog carries the same message and the data', () => {
      const fetched = translate('invoke-fetchtask-message-groupchat')?.event;
      const submitted = translate('invoke-submitaction-message-groupchat')?.event;
      assert.ok(fetched?.kind === 'messageAction' && submitted?.kind === 'messageAction');
      assert.equal(fetched.submitted, undefined);
      assert.deepEqual(submitted.submitted, { data: { organisatie: 'fake-organisation-b' } });
      assert.deepEqual(submitted.message, fetched.message);
      assert.equal(submitted.commandId, 'meldenBijWeerbaar');
    });
  });

  describe('card actions', () => {
    it('an Action.Execute in 1:1 (manual, replyToId) carries the verb and data of the card', () => {
      const input = translate('invoke-action-personal-manual');
      assert.deepEqual(input?.event, { kind: 'action', verb: 'hulplijnen', data: {}, via: 'execute' });
    });

    it("a card's automatic refresh arrives as the same action, in 1:1 and in a channel", () => {
      for (const name of ['invoke-action-personal-refresh', 'invoke-action-channel-refresh']) {
        const input = translate(name);
        assert.deepEqual(input?.event, { kind: 'action', verb: 'afhandeling.vernieuwen', data: { incidentId: 'fake-incident-1' }, via: 'execute' }, name);
      }
    });

    it('an Action.Submit fallback (a message with value) is the same action, via submit', () => {
      for (const name of ['message-submit-personal', 'message-submit-channel']) {
        const input = translate(name);
        assert.deepEqual(input?.event, { kind: 'action', verb: 'hulplijnen', data: { verb: 'hulplijnen' }, via: 'submit' }, name);
      }
    });
  });
});
