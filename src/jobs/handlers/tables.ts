import { createHash } from 'node:crypto';
import { odata } from '@azure/data-tables';
import { AlreadyExistsError } from '../../store/errors.js';
import { DocumentTable } from '../../store/document-table.js';
import { tableKeyOf } from '../../store/table-key.js';
import { ensureTables, type TableClientFactory } from '../../store/tables.js';
import {
  PersonConversationSchema,
  PostRecordSchema,
  SeenChannelSchema,
  TeamsUserSchema,
  targetKey,
  type ConversationDirectory,
  type HandlingAgenda,
  type HandlingDeps,
  type PersonConversation,
  type PostRecord,
  type PostRepository,
  type Roster,
  type SeenChannel,
  type Target,
  type TeamsUser,
} from '../../flows/handling/ports.js';

export const HANDLING_TABLES = { posts: 'afhandelingposts', conversations: 'gesprekken' } as const;

/**
 * PartitionKey = organisation, RowKey = `<incidentId>_<target>`: one posted card per target. A copy
 * (a second card the same target received) is the same key plus `~kopie_<hash of its activity id>`,
 * indexed by `copyOf` instead of `incidentId`, so `list` names each target once.
 */
class TablePostRepository implements PostRepository {
  constructor(
    private readonly docs: DocumentTable<PostRecord>,
    private readonly copies: DocumentTable<PostRecord>,
  ) {}

  async save(record: PostRecord): Promise<'first' | 'copy' | 'known'> {
    const key = recordKey(record.incidentId, record.target);
    try {
      await this.docs.create(record.orgId, key, record);
      return 'first';
    } catch (e) {
      if (!(e instanceof AlreadyExistsError)) throw e;
    }
    const first = await this.docs.get(record.orgId, key);
    if (first && sameCard(first.value, record)) return 'known';
    await this.copies.upsert(record.orgId, `${key}${COPY}${shortHash(record.activityId)}`, record);
    return 'copy';
  }

  async get(orgId: string, incidentId: string, target: Target): Promise<PostRecord | undefined> {
    return (await this.docs.get(orgId, recordKey(incidentId, target)))?.value;
  }

  async allOf(orgId: string, incidentId: string, target: Target): Promise<PostRecord[]> {
    const key = recordKey(incidentId, target);
    const first = await this.docs.get(orgId, key);
    if (!first) return [];
    const copies = await this.copies.list(orgId, odata`RowKey ge ${key + COPY} and RowKey lt ${key + COPY_END}`);
    return [first.value, ...copies.map((r) => r.value)];
  }

  async list(orgId: string, incidentId: string): Promise<PostRecord[]> {
    return (await this.docs.list(orgId, odata`incidentId eq ${incidentId}`)).map((r) => r.value);
  }
}

const COPY = '~kopie_';
/** the character after `_`: the end of a record's copies */
const COPY_END = '~kopie`';
const recordKey = (incidentId: string, target: Target): string => tableKeyOf(`${incidentId}_${targetKey(target)}`);
const shortHash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 24);
const sameCard = (a: PostRecord, b: PostRecord): boolean =>
  a.activityId === b.activityId && a.conversationRef.conversation.id === b.conversationRef.conversation.id;

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
      // indexed apart, so listing a melding's posts names each target once
      new DocumentTable(posts, PostRecordSchema, (r) => ({ copyOf: r.incidentId })),
    ),
    conversations: new TableConversationDirectory(
      new DocumentTable(conversations, PersonConversationSchema, () => ({ kind: 'persoon' })),
      new DocumentTable(conversations, SeenChannelSchema, () => ({ kind: 'kanaal' })),
      new DocumentTable(conversations, TeamsUserSchema, () => ({ kind: 'teamsid' })),
    ),
    ...(agenda ? { agenda } : {}),
  };
}
