import assert from 'node:assert/strict';
import { fmt, nl } from '../../src/shared/i18n/nl.js';

/** Every text of the catalogue with its path, arrays included. */
function texts(value: unknown, path = 'nl'): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => texts(v, `${path}.${key}`));
}

describe('i18n: the one Dutch catalogue and fmt', () => {
  it('writes every placeholder as {word}: the only form fmt fills, and the form its type reads', () => {
    const odd = texts(nl).filter(([, text]) => /[{}]/.test(text.replace(/\{\w+\}/g, '')));
    assert.deepEqual(odd, []);
  });

  it('fills each placeholder, prints numbers as they are and inserts values literally, never expanding them', () => {
    assert.equal(fmt(nl.errors.tooLong, { max: 2000, length: 2001 }), 'Maximaal 2000 tekens (u heeft er 2001).');
    assert.equal(fmt(nl.afhandeling.kaart.title, { number: '{number} $& $1' }), 'Melding {number} $& $1');
    assert.equal(
      fmt(nl.incident.illegaleOvergang, { status: nl.incident.status.afgesloten, actie: nl.incident.actie.sluiten }),
      'Een melding met status "afgesloten" kan niet worden gesloten.',
    );
  });

  it('does not compile a missing value, a value that names no placeholder, or a template of unknown text', () => {
    // @ts-expect-error {length} has no value; at run time it would stay visible
    assert.equal(fmt(nl.errors.tooLong, { max: 5 }), 'Maximaal 5 tekens (u heeft er {length}).');
    // @ts-expect-error `extra` names no placeholder of the template
    assert.equal(fmt(nl.errors.tooLong, { max: 5, length: 6, extra: 7 }), 'Maximaal 5 tekens (u heeft er 6).');
    const bag = { number: 'M-1', status: 'gemeld' };
    // @ts-expect-error a variable is held to the same rule as an object literal
    assert.equal(fmt(nl.afhandeling.kaart.title, bag), 'Melding M-1');
    const wide: string = nl.afhandeling.kaart.title;
    // @ts-expect-error a `string` has no placeholders the compiler can know
    assert.equal(fmt(wide, { number: 'M-1' }), 'Melding M-1');
  });
});
