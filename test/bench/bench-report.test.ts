import assert from 'node:assert/strict';
import type { OpsReport } from '../../scripts/bench-probe.js';
import { formatTimes, opsByVerb } from '../../scripts/bench-report.js';

const turn = (label: string, serverMs: number, storageMs: number, writes = 1) => ({
  label,
  reads: 0,
  writes,
  serverMs,
  storageMs,
  // the write starts halfway through the time outside storage, the answer follows the other half; without one, the probe counts the whole turn as before
  beforeStorageMs: writes > 0 ? (serverMs - storageMs) / 2 : serverMs,
  afterStorageMs: writes > 0 ? (serverMs - storageMs) / 2 : 0,
  gcMs: 0.5,
  writeBytes: 800,
  cpuMs: 2,
});

describe('bench: where a turn\'s time goes', () => {
  it('prints per verb the medians as the client saw them, inside the bot, waiting for storage, and the bot\'s own part', () => {
    const reports: OpsReport[] = [
      { type: 'bench:ops', background: { reads: 3, writes: 1 }, turns: [turn('melding.stap', 4, 1), turn('melding.stap', 6, 1.5), turn('melding.stap', 5, 1)] },
      { type: 'bench:ops', background: { reads: 1, writes: 0 }, turns: [turn('melding.stap', 7, 2), turn('overig', 1.2, 0, 0)] },
    ];
    const { verbs, background } = opsByVerb(reports);
    assert.deepEqual(background, { reads: 4, writes: 1 });
    const lines = formatTimes(verbs, () => [9, 10, 11]).split('\n');
    const row = (label: string) => lines.find((l) => l.startsWith(label))?.trim().split(/\s+/);
    // lower medians: in the bot of 4 5 6 7; storage of 1 1 1.5 2; before and after it of 1.5 2 2.25 2.5; own (bot minus storage, per turn) of 3 4 4.5 5
    assert.deepEqual(row('melding.stap'), ['melding.stap', '10.00', '5.00', '1.00', '2.00', '2.00', '0.50', '4.00', '2.00']);
    // a turn without storage: all of it comes before, nothing after
    assert.deepEqual(row('overig'), ['overig', '10.00', '1.20', '0.00', '1.20', '-', '0.50', '1.20', '2.00']);
  });
});
