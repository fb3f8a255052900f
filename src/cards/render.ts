import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nl } from '../shared/i18n/nl.js';
import { CardTemplate } from './expand.js';

/** An Adaptive Card as JSON: what render gives, and what a reply or a proactive post carries. */
export type CardJson = Record<string, unknown>;

/**
 * The folder holding package.json, found upwards from this file: the same answer from
 * src/cards/render.ts under tsx and from dist/cards/render.js after `npm run build`.
 */
export function packageRoot(from: string): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Cards are JSON templates in the top-level cards/ folder, expanded as adaptivecards-templating
 * does (./expand.ts). Data values are never re-expanded by the engine, so a
 * `${...}` typed by a user stays text; user text is placed in TextRuns (no markdown)
 * and passed through `literal()` so `{{DATE(...)}}` functions are not evaluated either.
 */
export const CARDS_DIR = join(packageRoot(fileURLToPath(import.meta.url)), 'cards/');

const templates = new Map<string, CardTemplate>();

function loadTemplate(name: string): CardTemplate {
  let template = templates.get(name);
  if (!template) {
    const json: unknown = JSON.parse(readFileSync(`${CARDS_DIR}${name}.json`, 'utf8'));
    template = new CardTemplate(json);
    templates.set(name, template);
  }
  return template;
}

export function templateNames(): string[] {
  return readdirSync(CARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
}

/** Text typed by a person, safe to show: breaks Adaptive Card date/time functions. */
export function literal(text: string | undefined): string {
  if (!text) return '';
  return text.replace(/\{\{/g, '{\u200b{');
}

export function renderCard(name: string, data: Record<string, unknown>): CardJson {
  const expanded: unknown = loadTemplate(name).expand({ t: nl, ...data });
  if (!isObject(expanded)) throw new Error(`card template ${name} did not expand to an object`);
  addSubmitFallbacks(expanded);
  return expanded;
}

function isObject(v: unknown): v is CardJson {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Universal Actions with a fallback for clients that lack them: every Action.Execute
 * gets an Action.Submit twin carrying the verb in its data (teams-ai routes submits on
 * data.verb). Done here once instead of in every template.
 */
function addSubmitFallbacks(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(addSubmitFallbacks);
    return;
  }
  if (!isObject(node)) return;
  if (node['type'] === 'Action.Execute' && node['fallback'] === undefined && typeof node['verb'] === 'string') {
    const data = isObject(node['data']) ? node['data'] : {};
    node['data'] = { ...data, verb: node['verb'] };
    node['fallback'] = { type: 'Action.Submit', title: node['title'], data: { ...data, verb: node['verb'] } };
  }
  for (const value of Object.values(node)) addSubmitFallbacks(value);
}
