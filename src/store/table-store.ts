import type { z } from 'zod';
import { TableAuditRepository } from './audit-repository.js';
import { TableChannelLinkRepository } from './channel-link-repository.js';
import { TableCounterRepository } from './counter-repository.js';
import { TableDraftRepository } from './draft-repository.js';
import { incidentDocuments, TableIncidentRepository } from './incident-repository.js';
import type { DraftRepository, Store } from './ports.js';
import { PlegerIndex } from './pleger-index.js';
import { ReportProjection } from './report-projection.js';
import { TABLES } from './tables.js';
import type { TableClientFactory } from './tables.js';

/** All repositories on Table Storage. Call ensureTables(factory) once at start before using it. */
export function createTableStore(factory: TableClientFactory): Store {
  return {
    incidents: new TableIncidentRepository(factory(TABLES.incidents)),
    audit: new TableAuditRepository(factory(TABLES.audit)),
    channelLinks: new TableChannelLinkRepository(factory(TABLES.channelLinks)),
    counters: new TableCounterRepository(factory(TABLES.incidents), factory(TABLES.counters)),
    reports: new ReportProjection(factory(TABLES.incidents), incidentDocuments(factory(TABLES.incidents))),
    plegers: new PlegerIndex(factory(TABLES.incidents), incidentDocuments(factory(TABLES.incidents))),
    drafts<T>(schema: z.ZodType<T>): DraftRepository<T> {
      return new TableDraftRepository(factory(TABLES.drafts), schema);
    },
  };
}
