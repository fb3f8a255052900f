import { odata } from '@azure/data-tables';
import { AlreadyExistsError } from '../../store/errors.js';
import { DocumentTable } from '../../store/document-table.js';
import { tableKeyOf } from '../../store/table-key.js';
import { ensureTables, type TableClientFactory } from '../../store/tables.js';
import {
  PersonConversationSchema,
  PostAttemptSchema,
  PostRecordSchema,
  SeenChannelSchema,
  TeamsUserSchema,
  targetKey,
  type ConversationDirectory,
  type HandlingAgenda,
  type HandlingDeps,
  type PersonConversation,
  type PostAttempt,
  type PostRecord,
  type PostRepository,
  type Roster,
  type SeenChannel,
  type Target,
  type TeamsUser,
} from '../../flows/handling/ports.js';

export const HANDLING_TABLES = { posts: 'afhandelingposts', conversations: 'gesprekken' } as const;

/** PartitionKey = organisation, RowKey = `<incidentId>_<target>`: one posted card per target. */
class TablePostRepository implements PostRepository {
  constructor(
    private readonly docs: DocumentTable<PostRecord>,
    private readonly attempts: DocumentTable<PostAttempt>,
  ) {}

  /** RowKey `poging_<incidentId>_<target>`, no incidentId column: `list` never sees it. */
  async beginAttempt(orgId: string, attempt: PostAttempt): Promise<PostAttempt | undefined> {
    const rk = tableKeyOf(`poging_${attempt.incidentId}_${targetKey(attempt.target)}`);
    try {
      await this.attempts.create(orgId, rk, attempt);
      return undefined;
    } catch (e) {
      if (!(e instanceof AlreadyExistsError)) throw e;
      return (await this.attempts.get(orgId, rk))?.value;
    }
  }

  async save(record: PostRecord): Promise<void> {
    try {
      await this.docs.create(record.orgId, tableKeyOf(`${record.incidentId}_${targetKey(record.target)}`), record);
    } catch (e) {
      if (!(e instanceof AlreadyExistsError)) throw e;
    }
  }

  async get(orgId: string, incidentId: string, target: Target): Promise<PostRecord | undefined> {
    return (await this.docs.get(orgId, tableKeyOf(`${incidentId}_${targetKey(target)}`)))?.value;
  }

  async list(orgId: string, incidentId: string): Promise<PostRecord[]> {
    return (await this.docs.list(orgId, odata`incidentId eq ${incidentId}`)).map((r) => r.value);
  }
}

/** RowKey `persoon_<aad id>`, `kanaal_<conversation id>` or `teamsid_<aad id>`: the latest wins. */
class TableConversationDirectory implements ConversationDirectory {
  constructor(
    private readonly people: DocumentTable<PersonConversation>,
    private readonly channels: DocumentTable<SeenChannel>,
    private readonly teamsUsers: DocumentTable<TeamsUser>,
  ) {}

  async saveTeamsUser(orgId: string, user: TeamsUser): Promise<void> {
    await this.teamsUsers.upsert(orgId, tableKeyOf(`teamsid_${user.aadObjectId.toLowerCase()}`), user);
  }

  async getTeamsUserId(orgId: string, aadObjectId: string): Promise<string | undefined> {
    return (await this.teamsUsers.get(orgId, tableKeyOf(`teamsid_${aadObjectId.toLowerCase()}`)))?.value.teamsUserId;
  }

  async savePerson(orgId: string, person: PersonConversation): Promise<void> {
    await this.people.upsert(orgId, tableKeyOf(`persoon_${person.aadObjectId.toLowerCase()}`), person);
  }

  async getPerson(orgId: string, aadObjectId: string): Promise<PersonConversation | undefined> {
    return (await this.people.get(orgId, tableKeyOf(`persoon_${aadObjectId.toLowerCase()}`)))?.value;
  }

  async saveChannel(orgId: string, channel: SeenChannel): Promise<void> {
    await this.channels.upsert(orgId, tableKeyOf(`kanaal_${channel.ref.conversation.id}`), channel);
  }

  async listChannels(orgId: string): Promise<SeenChannel[]> {
    return (await this.channels.list(orgId, odata`kind eq ${'kanaal'}`)).map((r) => r.value);
  }
}

/** The agenda is left out where a deployment (or a test) runs without one: the cards then show no bookings. */
export async function createHandlingDeps(tables: TableClientFactory, roster: Roster, agenda?: HandlingAgenda): Promise<HandlingDeps> {
  await ensureTables(tables, Object.values(HANDLING_TABLES));
  const conversations = tables(HANDLING_TABLES.conversations);
  const posts = tables(HANDLING_TABLES.posts);
  return {
    roster,
    posts: new TablePostRepository(
      new DocumentTable(posts, PostRecordSchema, (r) => ({ incidentId: r.incidentId })),
      new DocumentTable(posts, PostAttemptSchema, () => ({ kind: 'poging' })),
    ),
    conversations: new TableConversationDirectory(
      new DocumentTable(conversations, PersonConversationSchema, () => ({ kind: 'persoon' })),
      new DocumentTable(conversations, SeenChannelSchema, () => ({ kind: 'kanaal' })),
      new DocumentTable(conversations, TeamsUserSchema, () => ({ kind: 'teamsid' })),
    ),
    ...(agenda ? { agenda } : {}),
  };
}
