import type { CloudAdapter, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { RosterMemberSchema, type Roster, type RosterMember, type RosterRead } from '../flows/handling/ports.js';
import { PermanentError } from '../shared/jobs.js';
import type { ConversationRef } from '../store/schemas.js';
import { statusOf } from '../shared/http.js';
import { teamsJobError, toReference } from './proactive.js';

/** The part of botbuilder's ConnectorClient used here. */
interface Connector {
  conversations: {
    getConversationPagedMembers(conversationId: string, options?: { pageSize?: number; continuationToken?: string }): Promise<unknown>;
  };
}

const PageSchema = z.object({
  continuationToken: z.string().max(4000).nullish(),
  members: z.array(z.unknown()).max(1000),
});

/** Teams allows up to 500 per page. */
const PAGE_SIZE = 500;
/** A bound on a continuation token that never ends (a team has at most 25,000 members). */
const MAX_PAGES = 60;

/**
 * Reads who can read a conversation from the Bot Connector's roster
 * (`GET /v3/conversations/{id}/pagedmembers`): for a private or shared channel its own members,
 * for a standard channel the team's. Accounts the connector lists without a usable shape are
 * kept as members without an Entra id, so they count as not allowed rather than vanish.
 */
export class TeamsRoster implements Roster {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  channelMembers(ref: ConversationRef): Promise<RosterRead> {
    return this.read(ref, ref.teamsChannelId ?? ref.conversation.id.split(';')[0] ?? ref.conversation.id);
  }

  teamMembers(ref: ConversationRef): Promise<RosterRead> {
    if (!ref.teamId) return Promise.resolve({ members: [] });
    return this.read(ref, ref.teamId);
  }

  private async read(ref: ConversationRef, conversationId: string): Promise<RosterRead> {
    const members: RosterMember[] = [];
    try {
      await this.adapter.continueConversationAsync(this.botAppId, toReference(ref), async (ctx: TurnContext) => {
        const client = ctx.turnState.get<Connector | undefined>(this.adapter.ConnectorClientKey);
        if (!client) throw new PermanentError('teams-no-connector');
        const botId = ctx.activity.recipient?.id;
        let token: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const raw = await client.conversations.getConversationPagedMembers(conversationId, {
            pageSize: PAGE_SIZE,
            ...(token ? { continuationToken: token } : {}),
          });
          const parsed = PageSchema.safeParse(raw);
          if (!parsed.success) throw new PermanentError('roster-malformed');
          for (const m of parsed.data.members) {
            const member = RosterMemberSchema.safeParse(m);
            if (member.success) {
              if (member.data.id !== botId) members.push(member.data);
            } else {
              members.push({ id: 'onbekend', name: '' });
            }
          }
          token = parsed.data.continuationToken ?? undefined;
          if (!token) return;
        }
        throw new PermanentError('roster-too-many-pages');
      });
    } catch (err) {
      if (err instanceof PermanentError) throw err;
      const status = statusOf(err);
      if (status === 403 || status === 404) return { gone: true };
      throw teamsJobError(err);
    }
    return { members };
  }
}
