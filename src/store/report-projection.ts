import { createHash } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { ERNST, HERHALINGSRISICO, type Incident } from '../domain/incident-schema.js';
import { reportRow, reportYearMonth, type ReportRow, type ReportTimes, type Tijd } from '../domain/report/row.js';
import { AmbtsdragerRoleSchema, CategorySchema, KanaalSchema, MaatregelTypeSchema, MeldplichtSchema } from '../domain/types.js';
import type { DocumentTable } from './document-table.js';
import { isNotFound, isPreconditionFailed } from './errors.js';
import { incidentRowsOnly, SIDE_ROWS_FROM } from './incident-outbox.js';
import { plegerKeyOf } from './pleger-key.js';
import { parseRow } from './row.js';

/**
 * The report's projection: one compact row per melding, beside it in the incidents table and the
 * organisation's partition (RowKey `~rapport_<year>_<id>`, among the side rows after every
 * incident id), holding only what the yearly report counts: no free text, no names, no moments
 * but the year and month. Being in the melding's partition, its melding part is written in the
 * same transaction as the melding (incident-repository.ts, counter-repository.ts): it is never
 * behind, nor ahead, of the melding it describes. A report reads the rows of its two years, one
 * key range, and never a melding's document.
 *
 * The times of its conversations come from the bookings, another table: the agenda's change
 * writes them (setTimes), ordered by the bookings' own version so an older change never
 * overwrites a newer one. Meldingen stored before the projection existed are added once by a
 * rebuild (rebuildMeldingen, and the bookings' part by its caller), noted in a status row.
 */
const PREFIX = `${SIDE_ROWS_FROM}rapport_`;
const STATUS_ROW = `${SIDE_ROWS_FROM}rapport-stand`;
/** Raise when a row's fields change meaning: every organisation's projection is rebuilt once. */
export const PROJECTION_VERSION = 1;
const NONE = -1;
const MAX_ACTIONS = 100;

const rowKey = (year: number, incidentId: string): string => `${PREFIX}${year}_${incidentId}`;

/**
 * The pleger as the report may know him: a pseudonym that only says "the same pleger" within one
 * organisation and year, so the projection cannot be joined with the melding's own pleger key.
 */
function plegerPseudonym(orgId: string, year: number, incident: Incident): string {
  const key = plegerKeyOf(incident.pleger);
  return key === undefined ? '' : createHash('sha256').update(`rapport:${orgId}:${year}:${key}`).digest('hex').slice(0, 20);
}

/** The melding's part of its row, for the transaction that writes the melding (Merge: its times stay). */
export function reportEntity(incident: Incident): TableEntity {
  const row = reportRow(incident, undefined);
  return {
    partitionKey: incident.organisationId,
    rowKey: rowKey(row.year, incident.id),
    jaar: row.year,
    maand: row.month,
    categorie: row.category,
    rol: row.role,
    kanaal: row.kanaal,
    meldplicht: row.meldplicht,
    open: row.open,
    maatregelen: row.maatregelen.join(','),
    pleger: plegerPseudonym(incident.organisationId, row.year, incident),
    ernst: row.ernst,
    herhalingsrisico: row.herhalingsrisico,
  };
}

/** The action that keeps the melding's row of the projection in step, inside the melding's own transaction. */
export const reportAction = (incident: Incident): TransactionAction => ['upsert', reportEntity(incident), 'Merge'];

const tijdProps = (name: 'nazorg' | 'gesprek', t: Tijd | undefined): Record<string, number | boolean> => ({
  [`${name}Uren`]: t === undefined ? NONE : t.uren,
  [`${name}Binnen`]: t?.binnen ?? false,
});

const RowSchema = z.object({
  jaar: z.number().int(),
  maand: z.number().int().min(1).max(12),
  categorie: CategorySchema,
  rol: AmbtsdragerRoleSchema,
  kanaal: KanaalSchema,
  meldplicht: MeldplichtSchema,
  open: z.boolean(),
  maatregelen: z.string().transform((s, ctx) => {
    const parsed = z.array(MaatregelTypeSchema).safeParse(s === '' ? [] : s.split(','));
    if (!parsed.success) ctx.addIssue({ code: 'custom', message: 'maatregelen' });
    return parsed.data ?? [];
  }),
  pleger: z.string().max(64),
  ernst: z.enum([...ERNST, 'geen']),
  herhalingsrisico: z.enum([...HERHALINGSRISICO, 'geen']),
  nazorgUren: z.number().optional(),
  nazorgBinnen: z.boolean().optional(),
  gesprekUren: z.number().optional(),
  gesprekBinnen: z.boolean().optional(),
});
const COLUMNS = Object.keys(RowSchema.shape);

const tijd = (uren: number | undefined, binnen: boolean | undefined): Tijd | undefined =>
  uren === undefined || uren < 0 ? undefined : { uren, binnen: binnen === true };

const StatusSchema = z.object({ meldingen: z.number().int().optional(), boekingen: z.number().int().optional() });
export type ProjectionPart = keyof z.infer<typeof StatusSchema>;

export class ReportProjection {
  constructor(
    private readonly client: TableClient,
    private readonly incidents: DocumentTable<Incident>,
  ) {}

  /** The rows of the meldingen reported in these years (Amsterdam), one key range. */
  async list(orgId: string, fromYear: number, toYear: number): Promise<ReportRow[]> {
    const filter = odata`PartitionKey eq ${orgId} and RowKey ge ${`${PREFIX}${fromYear}_`} and RowKey lt ${`${PREFIX}${toYear}\``}`;
    const rows: ReportRow[] = [];
    for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: COLUMNS } })) {
      const r = parseRow(RowSchema, this.client.tableName, entity);
      rows.push({
        year: r.jaar,
        month: r.maand,
        category: r.categorie,
        role: r.rol,
        kanaal: r.kanaal,
        meldplicht: r.meldplicht,
        open: r.open,
        maatregelen: r.maatregelen,
        pleger: r.pleger === '' ? undefined : r.pleger,
        ernst: r.ernst,
        herhalingsrisico: r.herhalingsrisico,
        nazorg: tijd(r.nazorgUren, r.nazorgBinnen),
        gesprek: tijd(r.gesprekUren, r.gesprekBinnen),
      });
    }
    return rows;
  }

  /**
   * Sets the times of a melding's conversations, as of the bookings' version `stamp` (their
   * updatedAt): a stamp older than the row's is ignored, so two changes written out of order
   * leave the newer. A melding without its row yet is left to the rebuild.
   */
  async setTimes(orgId: string, incident: Incident, times: ReportTimes, stamp: string): Promise<void> {
    const rk = rowKey(reportYearMonth(incident).year, incident.id);
    for (let attempt = 0; attempt < 10; attempt++) {
      let current: Record<string, unknown>;
      try {
        current = await this.client.getEntity<Record<string, unknown>>(orgId, rk, { queryOptions: { select: ['boekingenVan'] } });
      } catch (e) {
        if (isNotFound(e)) return;
        throw e;
      }
      const seen = current['boekingenVan'];
      if (typeof seen === 'string' && seen >= stamp) return;
      const entity = { partitionKey: orgId, rowKey: rk, ...tijdProps('nazorg', times.nazorg), ...tijdProps('gesprek', times.gesprek), boekingenVan: stamp };
      try {
        await this.client.updateEntity(entity, 'Merge', { etag: typeof current['etag'] === 'string' ? current['etag'] : '*' });
        return;
      } catch (e) {
        if (!isPreconditionFailed(e) && !isNotFound(e)) throw e;
      }
    }
  }

  /** Which parts of the projection were built for this version (the rows of older meldingen added). */
  async built(orgId: string): Promise<Record<ProjectionPart, boolean>> {
    try {
      const status = parseRow(StatusSchema, this.client.tableName, await this.client.getEntity<Record<string, unknown>>(orgId, STATUS_ROW));
      return { meldingen: status.meldingen === PROJECTION_VERSION, boekingen: status.boekingen === PROJECTION_VERSION };
    } catch (e) {
      if (isNotFound(e)) return { meldingen: false, boekingen: false };
      throw e;
    }
  }

  async markBuilt(orgId: string, part: ProjectionPart): Promise<void> {
    await this.client.upsertEntity({ partitionKey: orgId, rowKey: STATUS_ROW, [part]: PROJECTION_VERSION }, 'Merge');
  }

  /**
   * Writes the melding part of every melding's row from the stored meldingen. A melding written
   * meanwhile wrote its own row in its transaction, possibly before this one overwrote it with
   * what was read: so the meldingen's ETags are listed again afterwards and every changed one is
   * read and written again, until nothing changed in between. Returns the meldingen, as last read.
   */
  async rebuildMeldingen(orgId: string): Promise<Incident[]> {
    const all = new Map<string, { value: Incident; etag: string }>();
    let batch = await this.incidents.list(orgId, incidentRowsOnly);
    for (let round = 0; round < 10 && batch.length > 0; round++) {
      for (const doc of batch) all.set(doc.value.id, doc);
      await this.writeAll(batch.map((d) => reportAction(d.value)));
      const changed: string[] = [];
      const entities = this.client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${orgId} and RowKey lt ${SIDE_ROWS_FROM}`, select: ['RowKey'] } });
      for await (const entity of entities) {
        if (entity.rowKey !== undefined && all.get(entity.rowKey)?.etag !== entity.etag) changed.push(entity.rowKey);
      }
      const fresh = await Promise.all(changed.map((id) => this.incidents.get(orgId, id)));
      batch = fresh.filter((d) => d !== undefined);
    }
    await this.markBuilt(orgId, 'meldingen');
    return [...all.values()].map((d) => d.value);
  }

  /** In transactions of the partition: a hundred rows a request. */
  private async writeAll(actions: TransactionAction[]): Promise<void> {
    for (let i = 0; i < actions.length; i += MAX_ACTIONS) await this.client.submitTransaction(actions.slice(i, i + MAX_ACTIONS));
  }
}
