/**
 * Just enough of PowerShell's and Exchange OPATH's quoting rules to check the commands in
 * docs/DEPLOY.md without PowerShell: strings, escapes, subexpressions, comments, and the
 * expansion of a double-quoted argument. Not a PowerShell parser.
 */

/** A piece of a double-quoted string: literal text, a `$name` to expand, or a `$( ... )` subexpression. */
export type Part = { text: string } | { variable: string } | { subexpression: string };

export interface Scanned {
  /** Everything outside strings and comments, for checks that concern code only. */
  code: string;
  /** The double-quoted strings, in order, as parts. */
  strings: Part[][];
  end: number;
}

export class PsSyntaxError extends Error {}

const NAME = /[A-Za-z0-9_]/;

/** Code from `start`; with `inSubexpression` it stops at the `)` that closes a `$(`. */
export function scanCode(src: string, start = 0, inSubexpression = false): Scanned {
  let code = '';
  const strings: Part[][] = [];
  let depth = 0;
  let i = start;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '`') {
      code += ' ';
      i += 2;
    } else if (c === "'") {
      i = readSingleQuoted(src, i).end;
      code += "''";
    } else if (c === '"') {
      const s = readDoubleQuoted(src, i);
      strings.push(s.parts, ...s.nested);
      code += '""';
      i = s.end;
    } else {
      if (c === '(') depth++;
      if (c === ')') {
        if (depth === 0 && inSubexpression) return { code, strings, end: i + 1 };
        depth--;
        if (depth < 0) throw new PsSyntaxError(`unexpected ) at ${i}`);
      }
      code += c;
      i++;
    }
  }
  if (inSubexpression) throw new PsSyntaxError(`unterminated $( from ${start}`);
  if (depth !== 0) throw new PsSyntaxError('unbalanced parentheses');
  return { code, strings, end: i };
}

/** A '...' string from the quote at `start`; '' is a quote inside it. */
export function readSingleQuoted(src: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < src.length) {
    if (src[i] === "'") {
      if (src[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += src[i];
    i++;
  }
  throw new PsSyntaxError(`unterminated '...' from ${start}`);
}

/** A "..." string from the quote at `start`: "" and `" are quotes inside it; $name and $(...) expand. */
export function readDoubleQuoted(src: string, start: number): { parts: Part[]; nested: Part[][]; end: number } {
  const parts: Part[] = [];
  const nested: Part[][] = [];
  let text = '';
  const flush = (): void => {
    if (text) parts.push({ text });
    text = '';
  };
  let i = start + 1;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '`') {
      text += src[i + 1] ?? '';
      i += 2;
    } else if (c === '"') {
      if (src[i + 1] === '"') {
        text += '"';
        i += 2;
        continue;
      }
      flush();
      return { parts, nested, end: i + 1 };
    } else if (c === '$' && src[i + 1] === '(') {
      flush();
      const sub = scanCode(src, i + 2, true);
      parts.push({ subexpression: src.slice(i + 2, sub.end - 1) });
      nested.push(...sub.strings);
      i = sub.end;
    } else if (c === '$' && NAME.test(src[i + 1] ?? '')) {
      flush();
      let j = i + 1;
      while (NAME.test(src[j] ?? '')) j++;
      parts.push({ variable: src.slice(i + 1, j) });
      i = j;
    } else {
      text += c;
      i++;
    }
  }
  throw new PsSyntaxError(`unterminated "..." from ${start}`);
}

export type Variables = Readonly<Record<string, unknown>>;

function valueOf(expr: string, vars: Variables): string {
  const m = /^\$(\w+)((?:\.\w+)*)$/.exec(expr.trim());
  if (!m) throw new PsSyntaxError(`cannot evaluate ${expr}`);
  let value: unknown = vars[m[1] ?? ''];
  for (const prop of (m[2] ?? '').split('.').filter(Boolean)) value = (value as Record<string, unknown> | undefined)?.[prop];
  if (typeof value !== 'string') throw new PsSyntaxError(`${expr} has no string value`);
  return value;
}

/** The subexpressions the docs use: `$x.Prop` and `$x.Prop -replace "a", "b"` (literal, as the docs' patterns are). */
function evaluateSubexpression(code: string, vars: Variables): string {
  const replace = /^(.+?)\s+-replace\s+("(?:[^"]|"")*"|'(?:[^']|'')*')\s*,\s*("(?:[^"]|"")*"|'(?:[^']|'')*')\s*$/i.exec(code.trim());
  if (!replace) return valueOf(code, vars);
  const literal = (s: string): string => (s.startsWith("'") ? readSingleQuoted(s, 0).value : partsText(readDoubleQuoted(s, 0).parts));
  const [, subject = '', pattern = '', replacement = ''] = replace;
  return valueOf(subject, vars).split(literal(pattern)).join(literal(replacement));
}

function partsText(parts: Part[]): string {
  return parts.map((p) => ('text' in p ? p.text : '')).join('');
}

/** What PowerShell passes for a double-quoted argument, given the variables' values. */
export function expand(parts: Part[], vars: Variables): string {
  return parts
    .map((p) => ('text' in p ? p.text : 'variable' in p ? valueOf(`$${p.variable}`, vars) : evaluateSubexpression(p.subexpression, vars)))
    .join('');
}

export interface Comparison {
  property: string;
  operator: string;
  value: string;
}

/** An OPATH filter of comparisons `Property -op 'value'` joined by -and / -or. */
export function parseOpath(filter: string): Comparison[] {
  const out: Comparison[] = [];
  let i = 0;
  const skip = (): void => {
    while (filter[i] === ' ') i++;
  };
  const word = (re: RegExp, what: string): string => {
    skip();
    const m = re.exec(filter.slice(i));
    if (!m) throw new PsSyntaxError(`expected ${what} at ${i}: ${filter.slice(i, i + 20)}`);
    i += m[0].length;
    return m[0];
  };
  for (;;) {
    const property = word(/^\w+/, 'a property');
    const operator = word(/^-\w+/, 'an operator');
    skip();
    if (filter[i] !== "'") throw new PsSyntaxError(`expected a '...' value at ${i}`);
    const value = readSingleQuoted(filter, i);
    i = value.end;
    out.push({ property, operator, value: value.value });
    skip();
    if (i >= filter.length) return out;
    word(/^-(and|or)\b/i, '-and, -or or the end');
  }
}
