import { afhandeling } from './nl/afhandeling.js';
import { bericht } from './nl/bericht.js';
import { agenda } from './nl/agenda.js';
import { avg } from './nl/avg.js';
import { common, errors, helplines, nietIngericht, welcome } from './nl/algemeen.js';
import { evaluatie } from './nl/evaluatie.js';
import { melding } from './nl/melding.js';
import { overzicht } from './nl/overzicht.js';
import { paginas } from './nl/paginas.js';
import { protocol } from './nl/protocol.js';
import { rapport } from './nl/rapport.js';
import { taken } from './nl/taken.js';
import { termijnen } from './nl/termijnen.js';
import { pleger } from './nl/pleger.js';
import { organisaties } from './nl/organisaties.js';
import { plegerSignaal } from './nl/pleger-signaal.js';

/**
 * Every word the bot shows, in Dutch (nl-NL), one catalogue split by area under ./nl/.
 * Card templates read this as `t`; code reads it through `nl`. To add English, add a sibling
 * with the same shape. Each text is one string literal (no `+`), so its type is its text and
 * `fmt` can check its placeholders.
 *
 * Layer: src/i18n is a bottom layer beside src/shared. It imports nothing from the project, so
 * the pure domain may read it (labels of categories, roles, maatregelen and states, the messages
 * of its rules) and every layer above renders from the same catalogue.
 */
export const nl = {
  appName: 'Weerbaar',
  common,
  welcome,
  helplines,
  melding,
  errors,
  afhandeling,
  agenda,
  evaluatie,
  paginas,
  nietIngericht,
  overzicht,
  rapport,
  taken,
  ...protocol,
  termijnen,
  pleger,
  avg,
  bericht,
  organisaties,
  plegerSignaal,
} as const;

export type Catalogue = typeof nl;

/** The `{name}` placeholders of a template, as a union of names. */
type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** A value for each placeholder of a literal template; a wide `string` template has no valid values. */
type FmtValues<T extends string> = string extends T
  ? never
  : { readonly [K in Placeholders<T>]: string | number };

type NoOtherKeys<V, T extends string> = { readonly [K in Exclude<keyof V, Placeholders<T>>]: never };

/**
 * Fills `{name}` placeholders; values are inserted literally. Compiles only when `values`
 * names every placeholder of the (literal) template and nothing else.
 */
export function fmt<T extends string, V extends FmtValues<T>>(template: T, values: V & NoOtherKeys<V, T>): string {
  const byName: Readonly<Record<string, string | number | undefined>> = values;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = byName[key];
    return v === undefined ? whole : String(v);
  });
}
