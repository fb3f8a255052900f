import assert from 'node:assert/strict';
import { captureConversations } from '../../src/flows/handling/index.js';
import type { HandlingDeps } from '../../src/flows/handling/index.js';
import type { Services } from '../../src/flows/services.js';
import type { TurnInput } from '../../src/flows/types.js';
import { silentLogger } from '../support/bot.js';

/** Remembering a person's chat: once per process, whether the turn was only remembered or also handled. */

describe("capturing a person's conversation", () => {
  it('saves the chat once when the dispatcher remembers the turn and the organisation then handles it', async () => {
    const saved: string[] = [];
    const deps = {
      conversations: {
        savePerson: (orgId: string, p: { aadObjectId: string }) => Promise.resolve(void saved.push(`${orgId}:${p.aadObjectId}`)),
        saveTeamsUser: () => Promise.resolve(),
        saveChannel: () => Promise.resolve(),
      },
    } as unknown as HandlingDeps;
    const services = { orgId: 'org-a', logger: silentLogger } as unknown as Services;
    const handle = captureConversations(services, deps, () => Promise.resolve({ replies: [] }));
    const input: TurnInput = {
      event: { kind: 'message', text: 'hallo', attachments: [] },
      actor: { aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: 'x' },
      conversation: { kind: 'personal', ref: { channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: 'personal-a' } } },
      now: new Date(),
    };
    await handle.remember(input);
    await handle(input);
    assert.deepEqual(saved, ['org-a:00000000-0000-0000-0000-0000000000a1']);
    await handle({ ...input, conversation: { ...input.conversation, ref: { ...input.conversation.ref, conversation: { id: 'personal-a2' } } } });
    assert.equal(saved.length, 2, 'a new chat of hers is saved');
  });
});
