import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import { CardTemplate } from '../../src/cards/expand.js';
import { CARDS_DIR, renderCard, templateNames } from '../../src/cards/render.js';
import { nl } from '../../src/shared/i18n/nl.js';

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every name a template's expressions read, in any scope. */
function namesOf(json: string): string[] {
  const names = new Set<string>();
  for (const [, expr] of json.matchAll(/\$\{([^}]*)\}/g)) for (const [name] of (expr ?? '').matchAll(/[A-Za-z_][\w]*/g)) names.add(name);
  for (const word of ['count', 'if', 'true', 'false']) names.delete(word);
  return [...names];
}

/** Data in every shape a card's data may take, and some it should not: absent, empty, null, wrong type, lists of such. */
function dataFor(names: readonly string[], next: () => number, depth: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const value = (): unknown => {
    const r = next();
    if (r < 0.15) return undefined;
    if (r < 0.3) return '';
    if (r < 0.45) return pick(['tekst', 'Raadzaal', 'typed ${draftId} and {{DATE(x)}}', 'Ëën', 'text']);
    if (r < 0.6) return pick([true, false]);
    if (r < 0.65) return pick([0, 3, -1]);
    if (r < 0.67) return null;
    if (depth <= 0) return pick(['x', true]);
    if (r < 0.9) return Array.from({ length: Math.floor(next() * 3) }, () => dataFor(names, next, depth - 1));
    return dataFor(names, next, depth - 1);
  };
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const v = value();
    if (v !== undefined) out[name] = v;
  }
  return out;
}

function outcome(expand: () => unknown): { value?: unknown; threw?: true } {
  try {
    return { value: expand() };
  } catch {
    return { threw: true };
  }
}

describe('card expansion: the same cards as adaptivecards-templating', function () {
  this.timeout(60_000);
  for (const name of templateNames()) {
    it(`${name}: equal to the library's expansion for 80 data sets (fewer if that takes over 3 s)`, () => {
      const text = readFileSync(`${CARDS_DIR}${name}.json`, 'utf8');
      const json: unknown = JSON.parse(text);
      const names = namesOf(text);
      const library = new ACData.Template(json);
      const ours = new CardTemplate(json);
      const next = random(name.length * 7919);
      const until = Date.now() + 3000;
      for (let i = 0; i < 80 && (i < 10 || Date.now() < until); i++) {
        const data = { ...dataFor(names, next, 2), ...(next() < 0.8 ? { t: nl } : {}) };
        const expected = outcome(() => library.expand({ $root: data }));
        const actual = outcome(() => ours.expand(data));
        assert.deepEqual(actual, expected, `${name}, data set ${i}: ${JSON.stringify(data).slice(0, 400)}`);
      }
    });
  }

  it('expands $data lists with $index, $root from inside them, and keeps typed ${...} as text', () => {
    const card = new CardTemplate({
      body: [
        { $data: '${items}', type: 'TextBlock', text: '${$index}: ${name} (${$root.kind})', $when: "${name != ''}" },
        { type: 'TextBlock', text: '${missing}' },
      ],
    });
    assert.deepEqual(card.expand({ kind: 'k', items: [{ name: 'a' }, { name: '' }, { name: '${kind}' }] }), {
      body: [
        { type: 'TextBlock', text: '0: a (k)' },
        { type: 'TextBlock', text: '2: ${kind} (k)' },
        { type: 'TextBlock', text: '${missing}' },
      ],
    });
  });

  it('renders a card with its submit fallbacks as before', () => {
    const card = renderCard('message', { title: 'T', message: 'M', style: 'default', showHome: true });
    assert.match(JSON.stringify(card), /"M"/);
  });
});
