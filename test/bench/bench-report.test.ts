import assert from 'node:assert/strict';
import type { OpsReport } from '../../scripts/bench-probe.js';
import { formatTimes, opsByVerb } from '../../scripts/bench-report.js';

const turn = (label: string, serverMs: number, storageMs: number) => ({ label, reads: 0, writes: 1, serverMs, storageMs, gcMs: 0.5, writeBytes: 800, cpuMs: 2 });

describe('bench: where a turn\'s time goes', () => {
  it('prints per verb the medians as the client saw them, inside the bot, waiting for storage, and the bot\'s own part', () => {
    const reports: OpsReport[] = [
      { type: 'bench:ops', background: { reads: 3, writes: 1 }, turns: [turn('melding.stap', 4, 1), turn('melding.stap', 6, 1.5), turn('melding.stap', 5, 1)] },
      { type: 'bench:ops', background: { reads: 1, writes: 0 }, turns: [turn('melding.stap', 7, 2)] },
    ];
    const { verbs, background } = opsByVerb(reports);
    assert.deepEqual(background, { reads: 4, writes: 1 });
    const lines = formatTimes(verbs, () => [9, 10, 11]).split('\n');
    const row = lines.find((l) => l.startsWith('melding.stap'))?.trim().split(/\s+/);
    // lower medians: in the bot of 4 5 6 7; storage of 1 1 1.5 2; own (bot minus storage, per turn) of 3 4 4.5 5
    assert.deepEqual(row, ['melding.stap', '10.00', '5.00', '1.00', '0.50', '4.00', '2.00']);
  });
});
