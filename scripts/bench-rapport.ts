/**
 * The yearly report of a province-wide year: 10,000 meldingen in the report's projection, seeded
 * straight into the store (one year: Azurite's writes and queries slow down with the size of the
 * table, so seeding twice as many takes many minutes here), then `rapport` computed as the command
 * does after its checks (the projection's two years read, the figures, the card). Run by
 * `npm run bench` (scripts/bench.ts) as one of its checks; alone: `tsx scripts/bench-rapport.ts`.
 * Over 1 s is a failure.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import type { Incident } from '../src/domain/incident-schema.js';
import { getProfile } from '../src/domain/profiles/index.js';
import { reportTimes } from '../src/domain/report/row.js';
import { CATEGORIES, KANALEN, MAATREGEL_TYPES, MELDPLICHTEN } from '../src/domain/types.js';
import { yearlyReport } from '../src/flows/rapport/index.js';
import type { Services } from '../src/flows/services.js';
import { createLogger } from '../src/logger.js';
import { PeopleDirectory } from '../src/people/directory.js';
import { reportActions, reportEntity } from '../src/store/report-projection.js';
import { createDownloads } from '../src/store/downloads.js';
import { createTableStore } from '../src/store/table-store.js';
import { createTableClientFactory, ensureTables, TABLES } from '../src/store/tables.js';
import { anIncident } from '../test/domain/fixtures.js';
import { startAzurite } from '../test/support/azurite.js';
import { prng } from '../test/support/fuzz.js';
import type { Verdict } from './bench-report.js';

export const RAPPORT_MELDINGEN = 10_000;
const LIMIT_MS = 1000;
const YEAR = 2026;
const ORG = 'bench-provincie';

interface TimedRun {
  ms: number;
  counted: number;
}

/** A melding of `year` with counts spread like a busy province: every category, channel, several maatregelen, booked conversations. */
function melding(random: () => number, year: number): { incident: Incident; times: ReturnType<typeof reportTimes> } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const reportedAt = new Date(Date.UTC(year, Math.floor(random() * 12), 1 + Math.floor(random() * 27), 9)).toISOString();
  const incident = anIncident(random() < 0.7 ? 'afgesloten' : 'gemeld', {
    id: randomUUID(),
    organisationId: ORG,
    reportedAt,
    occurredAt: reportedAt,
    chosenCategory: pick(CATEGORIES),
    kanaal: pick(KANALEN),
    meldplicht: pick(MELDPLICHTEN),
    pleger: { bekend: true, naam: `pleger ${Math.floor(random() * 6000)}`, eerderContact: false },
  });
  const decided = random() < 0.6 ? { types: [pick(MAATREGEL_TYPES), 'incidentgesprek' as const], decidedBy: { aadObjectId: 'x' }, decidedAt: reportedAt } : undefined;
  const hours = (h: number): string => new Date(Date.parse(reportedAt) + h * 3_600_000).toISOString();
  const times = reportTimes(incident, [
    { kind: 'nazorg-1', start: hours(6 + random() * 40), status: 'geboekt' },
    ...(decided ? [{ kind: 'incidentgesprek', start: hours(24 + random() * 80), status: 'geboekt' as const }] : []),
  ]);
  return { incident: decided ? { ...incident, decision: decided } : incident, times };
}

/**
 * Seeds the projection, times included, sixteen rows at a time (Azurite's transactions slow down
 * as a partition grows; single writes do not); marks it built so nothing is rebuilt.
 */
async function seed(services: Services, tables: ReturnType<typeof createTableClientFactory>): Promise<void> {
  const client = tables(TABLES.incidents);
  const random = prng(20261202);
  const rows = Array.from({ length: RAPPORT_MELDINGEN }, () => melding(random, YEAR));
  for (let i = 0; i < rows.length; i += 16) await Promise.all(rows.slice(i, i + 16).map((m) => client.createEntity(reportEntity(m.incident, m.times))));
  await services.store.reports.markBuilt(ORG, 'meldingen');
  await services.store.reports.markBuilt(ORG, 'boekingen');
}

/**
 * Seeds, reports once with nothing counted, then three times each after a change of a melding of
 * the year (the usual request: this year's rows read, last year's counts kept), then unchanged.
 * The verdict is the slowest after a change.
 */
export async function benchRapport(): Promise<Verdict> {
  const az = await startAzurite();
  try {
    const tables = createTableClientFactory({ kind: 'connectionString', connectionString: az.connectionString });
    await ensureTables(tables);
    const services: Services = {
      config: loadConfig({ STORAGE_CONNECTION_STRING: az.connectionString }),
      profile: getProfile('utrecht'),
      people: new PeopleDirectory([]),
      logger: createLogger('silent'),
      store: createTableStore(tables),
      effects: { enqueue: () => Promise.resolve() },
      downloads: createDownloads(tables, 'bench', 'http://localhost:3978'),
      orgId: ORG,
    };
    await seed(services, tables);
    const report = async (): Promise<{ ms: number; counted: number }> => {
      const started = performance.now();
      const counted = (await yearlyReport(services, YEAR)).meldingen;
      return { ms: performance.now() - started, counted };
    };
    // nothing counted yet: both years' rows read
    const cold = await report();
    // a melding of this year changed (its write marks the year): this year's rows are read again, last year's counts are kept
    const changed: TimedRun[] = [];
    for (let run = 0; run < 3; run++) {
      await tables(TABLES.incidents).submitTransaction(reportActions([melding(prng(run), YEAR).incident]));
      changed.push(await report());
    }
    const unchanged = await report();
    const ms = Math.max(...changed.map((r) => r.ms));
    const counted = changed.at(-1)?.counted ?? 0;
    const f = (r: TimedRun): string => `${r.ms.toFixed(0)} ms`;
    console.info(`\nrapport ${YEAR} (${RAPPORT_MELDINGEN} meldingen in de projectie): niets geteld ${f(cold)}; na een wijziging in ${YEAR} ${changed.map(f).join(', ')}; ongewijzigd ${f(unchanged)}`);
    return { what: `rapport na een wijziging, ${RAPPORT_MELDINGEN} meldingen`, value: `${ms.toFixed(0)} ms`, goal: `< ${LIMIT_MS} ms`, ok: ms < LIMIT_MS && counted >= RAPPORT_MELDINGEN, fatal: true };
  } finally {
    await az.stop();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  benchRapport().then(
    (v) => {
      console.info(`${v.what}: ${v.value} (doel ${v.goal})`);
      process.exit(v.ok ? 0 : 1);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
