/**
 * What the bench holds the bot to after its runs, read from where it lands: the incidents table
 * (every melding stored once, numbered once, gapless per year) and the fake Teams connector
 * (every melding's channel card posted exactly once in each channel, no post twice).
 */
import { createTableStore } from '../src/store/table-store.js';
import { createTableClientFactory } from '../src/store/tables.js';
import { BENCH_CHANNELS, channelCardsByNumber, duplicatePosts } from '../test/support/connector-cards.js';
import type { FakeConnector } from '../test/support/fake-connector.js';
import type { Outcome } from './bench-melders.js';

export interface Stored {
  number: string;
  melder: string;
}

export async function readStored(connectionString: string, orgId: string): Promise<Stored[]> {
  const store = createTableStore(createTableClientFactory({ kind: 'connectionString', connectionString }));
  return (await store.incidents.listByOrganisation(orgId)).map((x) => ({ number: x.value.number, melder: x.value.melder.aadObjectId }));
}

/** Numbers `YYYY-n`: per year, exactly 1..count, each once. */
export function numberProblems(numbers: readonly string[]): string[] {
  const problems: string[] = [];
  const byYear = new Map<string, number[]>();
  for (const n of numbers) {
    const m = /^(\d{4})-(\d+)$/.exec(n);
    if (!m?.[1] || !m[2]) {
      problems.push(`meldingsnummer "${n}" is ongeldig of ontbreekt`);
      continue;
    }
    const list = byYear.get(m[1]) ?? [];
    list.push(Number(m[2]));
    byYear.set(m[1], list);
  }
  for (const [year, seqs] of byYear) {
    const sorted = [...seqs].sort((a, b) => a - b);
    const dups = sorted.filter((s, i) => i > 0 && sorted[i - 1] === s);
    if (dups.length > 0) problems.push(`${year}: ${dups.length} nummer(s) dubbel uitgegeven, bijv. ${year}-${String(dups[0]).padStart(4, '0')}`);
    const unique = new Set(sorted);
    const max = sorted[sorted.length - 1] ?? 0;
    const missing: number[] = [];
    for (let i = 1; i <= max; i++) if (!unique.has(i)) missing.push(i);
    if (missing.length > 0) problems.push(`${year}: ${missing.length} nummer(s) overgeslagen tussen 1 en ${max}, bijv. ${year}-${String(missing[0]).padStart(4, '0')}`);
  }
  return problems;
}

/** Every melder whose confirmation showed a number has exactly that melding stored, once; nothing else is stored. */
export function storageProblems(outcomes: readonly Outcome[], stored: readonly Stored[]): string[] {
  const problems: string[] = [];
  const byMelder = new Map<string, Stored[]>();
  for (const s of stored) byMelder.set(s.melder, [...(byMelder.get(s.melder) ?? []), s]);
  const submitted = new Set(outcomes.map((o) => o.user.aadObjectId));
  for (const o of outcomes) {
    const mine = byMelder.get(o.user.aadObjectId) ?? [];
    if (o.error !== undefined) problems.push(`${o.user.name}: geen bevestigde melding (${o.error}); opgeslagen: ${mine.length}`);
    else if (mine.length !== 1) problems.push(`${o.user.name}: ${mine.length} meldingen opgeslagen in plaats van 1`);
    else if (mine[0]?.number !== o.number) problems.push(`${o.user.name}: bevestigd als ${o.number ?? '?'}, opgeslagen als ${mine[0]?.number ?? '?'}`);
  }
  const strays = stored.filter((s) => !submitted.has(s.melder));
  if (strays.length > 0) problems.push(`${strays.length} melding(en) opgeslagen van niemand die meldde`);
  return problems;
}

/**
 * Waits until every stored melding's card is in both channels (or the deadline), then until the
 * connector is quiet. Returns how long the cards took, or undefined when the deadline came first.
 */
export async function settle(connector: FakeConnector, numbers: readonly string[], timeoutMs: number, quietMs = 3000): Promise<number | undefined> {
  const started = Date.now();
  const until = started + timeoutMs;
  const posted = (): boolean => {
    const griffie = channelCardsByNumber(connector, BENCH_CHANNELS.griffie);
    const coordinator = channelCardsByNumber(connector, BENCH_CHANNELS.coordinator);
    return numbers.every((n) => griffie.has(n) && coordinator.has(n));
  };
  while (!posted()) {
    if (Date.now() > until) return undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
  const tookMs = Date.now() - started;
  let count = connector.calls.length;
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    if (connector.calls.length !== count) {
      count = connector.calls.length;
      quietSince = Date.now();
    }
  }
  return tookMs;
}

/** Each melding's card exactly once in each channel; no post with the same content twice to the same place. */
export function sideEffectProblems(connector: FakeConnector, numbers: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [role, channel] of Object.entries(BENCH_CHANNELS)) {
    const counts = channelCardsByNumber(connector, channel);
    const missing = numbers.filter((n) => !counts.has(n));
    const twice = [...counts].filter(([, c]) => c > 1);
    if (missing.length > 0) problems.push(`kanaal ${role}: ${missing.length} melding(en) niet geplaatst, bijv. ${missing[0] ?? ''}`);
    if (twice.length > 0) problems.push(`kanaal ${role}: ${twice.length} melding(en) meer dan eens geplaatst, bijv. ${twice[0]?.[0] ?? ''} ${twice[0]?.[1] ?? 0}x`);
  }
  for (const d of duplicatePosts(connector).slice(0, 10)) problems.push(`${d.times}x hetzelfde bericht naar ${d.destination}: "${d.text.slice(0, 60)}"`);
  return problems;
}
