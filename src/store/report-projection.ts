import { createHash, randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { ERNST, HERHALINGSRISICO, type Incident } from '../domain/incident-schema.js';
import { yearCounts, YearCountsSchema, type YearCounts } from '../domain/report/counts.js';
import { reportRow, reportYearMonth, type ReportRow, type ReportTimes, type Tijd } from '../domain/report/row.js';
import { AmbtsdragerRoleSchema, CategorySchema, KanaalSchema, MaatregelTypeSchema, MeldplichtSchema } from '../domain/types.js';
import type { DocumentTable } from './document-table.js';
import { isAlreadyExists, isNotFound, isPreconditionFailed, RowParseError } from './errors.js';
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
/** one row per year: which change of its meldingen came last, and its counts as of a change */
const YEAR_ROW = (year: number): string => `${SIDE_ROWS_FROM}rapport-jaar_${year}`;
/** Raise when a row's fields change meaning: every organisation's projection is rebuilt once. */
export const PROJECTION_VERSION = 1;
const MAX_ACTIONS = 100;
/** a string property holds 64 KiB; the counts of a year are a few KB */
const MAX_COUNTS_CHARS = 30_000;

const rowKey = (year: number, incidentId: string): string => `${PREFIX}${year}_${incidentId}`;

/**
 * The pleger as the report may know him: a pseudonym that only says "the same pleger" within one
 * organisation and year, so the projection cannot be joined with the melding's own pleger key.
 */
function plegerPseudonym(orgId: string, year: number, incident: Incident): string {
  const key = plegerKeyOf(incident.pleger);
  return key === undefined ? '' : createHash('sha256').update(`rapport:${orgId}:${year}:${key}`).digest('hex').slice(0, 20);
}

const tijdText = (t: Tijd | undefined): string => (t === undefined ? '|' : `${t.uren.toFixed(2)}|${t.binnen ? 1 : 0}`);
/** The times part of a row, one string `t`: nazorg hours|in time|gesprek hours|in time (hours empty: not booked). */
const timesText = (times: ReportTimes): string => `${tijdText(times.nazorg)}|${tijdText(times.gesprek)}`;

/**
 * The melding's part of its row, one string `r` (one property reads several times faster than a
 * dozen): year|month|category|role|kanaal|meldplicht|open|maatregelen|pleger|ernst|risico.
 */
export function reportEntity(incident: Incident, times?: ReportTimes): TableEntity {
  const row = reportRow(incident, undefined);
  const fields = [
    row.year, row.month, row.category, row.role, row.kanaal, row.meldplicht, row.open ? 1 : 0,
    row.maatregelen.join(','), plegerPseudonym(incident.organisationId, row.year, incident), row.ernst, row.herhalingsrisico,
  ];
  const entity = { partitionKey: incident.organisationId, rowKey: rowKey(row.year, incident.id), r: fields.join('|') };
  return times ? { ...entity, t: timesText(times) } : entity;
}

/** A change of the year's meldingen: its counts kept beside them are out of date from here. */
const yearChanged = (orgId: string, year: number): TransactionAction => ['upsert', { partitionKey: orgId, rowKey: YEAR_ROW(year), wijziging: randomUUID() }, 'Merge'];

/**
 * What keeps the projection in step with these meldingen (of one organisation), for the
 * transaction that writes them: each one's row (Merge: its times stay) and each year's change mark.
 */
export function reportActions(incidents: readonly Incident[]): TransactionAction[] {
  const years = new Set(incidents.map((i) => reportYearMonth(i).year));
  const orgId = incidents[0]?.organisationId ?? '';
  return [...incidents.map((i): TransactionAction => ['upsert', reportEntity(i), 'Merge']), ...[...years].map((y) => yearChanged(orgId, y))];
}


const bit = z.enum(['0', '1']).transform((b) => b === '1');
const RowSchema = z.tuple([
  z.coerce.number().int(),
  z.coerce.number().int().min(1).max(12),
  CategorySchema,
  AmbtsdragerRoleSchema,
  KanaalSchema,
  MeldplichtSchema,
  bit,
  z.string().transform((s) => (s === '' ? [] : s.split(','))).pipe(z.array(MaatregelTypeSchema)),
  z.string().max(64),
  z.enum([...ERNST, 'geen']),
  z.enum([...HERHALINGSRISICO, 'geen']),
]);
const TijdSchema = z.tuple([z.string(), z.string(), z.string(), z.string()]).transform(([nu, nb, gu, gb]) => ({
  nazorg: nu === '' ? undefined : { uren: Number(nu), binnen: nb === '1' },
  gesprek: gu === '' ? undefined : { uren: Number(gu), binnen: gb === '1' },
}));
const EntitySchema = z.object({ r: z.string().max(1000), t: z.string().max(100).optional() });

function parseEntity(table: string, entity: Record<string, unknown>): ReportRow {
  const { r, t } = parseRow(EntitySchema, table, entity);
  const fields = RowSchema.safeParse(r.split('|'));
  const times = TijdSchema.safeParse((t ?? '|||').split('|'));
  if (!fields.success || !times.success) throw new RowParseError(table, String(entity['partitionKey']), String(entity['rowKey']), ['r or t: invalid']);
  const [year, month, category, role, kanaal, meldplicht, open, maatregelen, pleger, ernst, herhalingsrisico] = fields.data;
  return { year, month, category, role, kanaal, meldplicht, open, maatregelen, pleger: pleger === '' ? undefined : pleger, ernst, herhalingsrisico, ...times.data };
}

const StatusSchema = z.object({ meldingen: z.number().int().optional(), boekingen: z.number().int().optional() });
export type ProjectionPart = keyof z.infer<typeof StatusSchema>;
const YearRowSchema = z.object({ wijziging: z.string().max(100).optional(), somVan: z.string().max(100).optional(), som: z.string().max(MAX_COUNTS_CHARS).optional() });

export class ReportProjection {
  constructor(
    private readonly client: TableClient,
    private readonly incidents: DocumentTable<Incident>,
  ) {}

  /** The rows of the meldingen reported in `year` (Amsterdam), one key range. */
  async list(orgId: string, year: number): Promise<ReportRow[]> {
    const filter = odata`PartitionKey eq ${orgId} and RowKey ge ${`${PREFIX}${year}_`} and RowKey lt ${`${PREFIX}${year}\``}`;
    const rows: ReportRow[] = [];
    for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: ['r', 't'] } })) {
      rows.push(parseEntity(this.client.tableName, entity));
    }
    return rows;
  }

  /**
   * The counts of a year: kept beside its rows as of its last change, so a year nobody changed
   * since is one read; else its rows are counted, and the counts kept, unless a melding of the
   * year changed meanwhile (the ETag of the year's row says so).
   */
  async counts(orgId: string, year: number): Promise<YearCounts> {
    let kept: { value: z.infer<typeof YearRowSchema>; etag: string } | undefined;
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(orgId, YEAR_ROW(year));
      kept = { value: parseRow(YearRowSchema, this.client.tableName, entity), etag: entity.etag };
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (kept?.value.som !== undefined && kept.value.somVan === kept.value.wijziging) {
      const parsed = YearCountsSchema.safeParse(JSON.parse(kept.value.som));
      if (parsed.success) return parsed.data;
    }
    const counts = yearCounts(await this.list(orgId, year), year);
    const som = JSON.stringify(counts);
    if (som.length > MAX_COUNTS_CHARS) return counts;
    try {
      if (kept) await this.client.updateEntity({ partitionKey: orgId, rowKey: YEAR_ROW(year), som, somVan: kept.value.wijziging ?? '' }, 'Merge', { etag: kept.etag });
      else await this.client.createEntity({ partitionKey: orgId, rowKey: YEAR_ROW(year), wijziging: '', som, somVan: '' });
    } catch (e) {
      // a melding of the year changed meanwhile: these counts may miss it, so they are not kept
      if (!isPreconditionFailed(e) && !isAlreadyExists(e) && !isNotFound(e)) throw e;
    }
    return counts;
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
      const row = { partitionKey: orgId, rowKey: rk, t: timesText(times), boekingenVan: stamp };
      const etag = typeof current['etag'] === 'string' ? current['etag'] : '*';
      try {
        await this.client.submitTransaction([['update', row, 'Merge', { etag }], yearChanged(orgId, reportYearMonth(incident).year)]);
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
      await this.writeAll(batch.map((d) => d.value));
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

  /** In transactions of the partition, one year at a time: 99 rows and the year's change mark a request. */
  private async writeAll(incidents: readonly Incident[]): Promise<void> {
    const byYear = new Map<number, Incident[]>();
    for (const i of incidents) byYear.set(reportYearMonth(i).year, [...(byYear.get(reportYearMonth(i).year) ?? []), i]);
    for (const group of byYear.values()) {
      for (let i = 0; i < group.length; i += MAX_ACTIONS - 1) await this.client.submitTransaction(reportActions(group.slice(i, i + MAX_ACTIONS - 1)));
    }
  }
}
