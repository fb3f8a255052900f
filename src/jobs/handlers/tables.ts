import { odata } from '@azure/data-tables';
import { AlreadyExistsError } from '../../store/errors.js';
import { DocumentTable } from '../../store/document-table.js';
import { tableKeyOf } from '../../store/table-key.js';
import { ensureTables, type TableClientFactory } from '../../store/tables.js';
import {
  PersonConversationSchema,
  PostRecordSchema,
  SeenChannelSchema,
  targetKey,
  type ConversationDirectory,
  type HandlingDeps,
  type PersonConversation,
  type PostRecord,
  type PostRepository,
  type SeenChannel,
  type Target,
} from '../../flows/handling/ports.js';

export const HANDLING_TABLES = { posts: 'afhandelingposts', conversations: 'gesprekken' } as const;

/** PartitionKey = organisation, RowKey = `<incidentId>_<target>`: one posted card per target. */
class TablePostRepository implements PostRepository {
  constructor(private readonly docs: DocumentTable<PostRecord>) {}

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

/** RowKey `persoon_<aad id>` or `kanaal_<conversation id>`: the latest reference wins. */
class TableConversationDirectory implements ConversationDirectory {
  constructor(
    private readonly people: DocumentTable<PersonConversation>,
    private readonly channels: DocumentTable<SeenChannel>,
  ) {}

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

export async function createHandlingDeps(tables: TableClientFactory): Promise<HandlingDeps> {
  await ensureTables(tables, Object.values(HANDLING_TABLES));
  const conversations = tables(HANDLING_TABLES.conversations);
  return {
    posts: new TablePostRepository(
      new DocumentTable(tables(HANDLING_TABLES.posts), PostRecordSchema, (r) => ({ incidentId: r.incidentId })),
    ),
    conversations: new TableConversationDirectory(
      new DocumentTable(conversations, PersonConversationSchema, () => ({ kind: 'persoon' })),
      new DocumentTable(conversations, SeenChannelSchema, () => ({ kind: 'kanaal' })),
    ),
  };
}
