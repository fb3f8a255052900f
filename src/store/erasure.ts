import { AuditPseudonymiser } from './audit-repository.js';
import { TimerRepository, TIMERS_TABLE } from './timer-repository.js';
import { TABLES, type TableClientFactory } from './tables.js';

/**
 * What erasing a melding's personal data does beside its own document, each step safe to repeat:
 * a rerun after a crash finds less to do, never something done twice. The repositories own their
 * key layouts; this only names the two steps.
 */
export class ErasureStore {
  private readonly audit: AuditPseudonymiser;
  private readonly timers: TimerRepository;

  constructor(tables: TableClientFactory) {
    this.audit = new AuditPseudonymiser(tables(TABLES.audit));
    this.timers = new TimerRepository(tables(TIMERS_TABLE));
  }

  /** Deletes the melding's deadline timers; returns how many went. */
  deleteTimers(orgId: string, incidentId: string): Promise<number> {
    return this.timers.deleteAll(orgId, incidentId);
  }

  /** The entries the melding's data subjects made lose their id (AuditPseudonymiser.pseudonymise). */
  pseudonymiseAudit(orgId: string, incidentId: string, subjects: readonly string[]): Promise<number> {
    return this.audit.pseudonymise(orgId, incidentId, subjects);
  }
}
