import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './bot/process.js';

/** A part of src/: a folder ('bot/') or a file at the top ('index.ts'). */
type Part = string;

interface Source {
  /** the path under src/, with forward slashes */
  path: string;
  text: string;
}

/** The layers of docs/ARCHITECTURE.md's `layers` block, from the bottom (0) up. */
function layersOf(doc: string): Map<Part, number> {
  const block = /^```layers\n([\s\S]*?)^```$/m.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/ARCHITECTURE.md has no ```layers block');
  const lines = block.split('\n').map((l) => l.trim()).filter((l) => l !== '').reverse();
  return new Map(lines.flatMap((line, rank) => line.split(/\s+/).map((part): [Part, number] => [part, rank])));
}

function partOf(path: string): Part {
  const slash = path.indexOf('/');
  return slash === -1 ? path : path.slice(0, slash + 1);
}

const TEAMS_SDKS = ['botbuilder', '@microsoft/teams-ai'];

/**
 * Every import that breaks the rules of docs/ARCHITECTURE.md, one line each: an import of a part
 * on a higher layer or of another part of the same layer, an import that leaves src/, a Teams SDK
 * outside bot/, and a file of a part the order does not place.
 */
function violations(sources: Source[], layers: Map<Part, number>): string[] {
  const found: string[] = [];
  for (const { path, text } of sources) {
    const from = partOf(path);
    const rank = layers.get(from);
    if (rank === undefined) {
      found.push(`${path}: ${from} has no layer in docs/ARCHITECTURE.md`);
      continue;
    }
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      if (!fileName.startsWith('.')) {
        if (from !== 'bot/' && TEAMS_SDKS.some((sdk) => fileName === sdk || fileName.startsWith(`${sdk}/`))) {
          found.push(`${path} -> ${fileName}: the Teams SDKs belong to bot/`);
        }
        continue;
      }
      // './x.js' names the source './x.ts' (nodenext resolution)
      const target = posix.normalize(posix.join(posix.dirname(path), fileName)).replace(/\.js$/, '.ts');
      if (target.startsWith('../')) {
        found.push(`${path} -> ${fileName}: outside src/`);
        continue;
      }
      const to = partOf(target);
      if (to === from) continue;
      const toRank = layers.get(to);
      if (toRank === undefined || toRank > rank) found.push(`${path} -> ${target}: up from ${from} to ${to}`);
      else if (toRank === rank) found.push(`${path} -> ${target}: sideways from ${from} to ${to}`);
    }
  }
  return found;
}

function sourcesUnder(dir: string): Source[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .map((file) => ({ path: relative(dir, file).split('\\').join('/'), text: readFileSync(file, 'utf8') }));
}

describe('architecture: layers that only look down (docs/ARCHITECTURE.md)', () => {
  const layers = layersOf(readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8'));
  const src = sourcesUnder(join(ROOT, 'src'));

  it('places every part of src/ on a layer', () => {
    const parts = new Set(src.map((s) => partOf(s.path)));
    assert.ok(parts.size > 10, 'src/ read');
    assert.deepEqual([...parts].filter((p) => !layers.has(p)), []);
  });

  it('has no import of src/ that goes up, sideways or out, and botbuilder only in bot/', () => {
    assert.deepEqual(violations(src, layers), []);
  });

  it('tells each kind of breach apart (the check itself can fail)', () => {
    const planted: Source[] = [
      { path: 'agenda/feed.ts', text: "import type { HttpRoute } from '../bot/server.js';\nimport { book } from './booker.js';" },
      { path: 'calendar/local.ts', text: "export { CardJson } from '../cards/render.js';\nconst later = await import('../agenda/index.js');" },
      { path: 'flows/handling/view.ts', text: "import { TurnContext } from 'botbuilder';\nimport { fixture } from '../../../test/x.js';" },
      { path: 'bot/app.ts', text: "import { Application } from '@microsoft/teams-ai';\nimport type { Services } from '../flows/services.js';" },
      { path: 'reports/weekly.ts', text: '' },
    ];
    assert.deepEqual(violations(planted, layers), [
      'agenda/feed.ts -> bot/server.ts: up from agenda/ to bot/',
      'calendar/local.ts -> cards/render.ts: sideways from calendar/ to cards/',
      'calendar/local.ts -> agenda/index.ts: up from calendar/ to agenda/',
      'flows/handling/view.ts -> botbuilder: the Teams SDKs belong to bot/',
      'flows/handling/view.ts -> ../../../test/x.js: outside src/',
      'reports/weekly.ts: reports/ has no layer in docs/ARCHITECTURE.md',
    ]);
  });
});
