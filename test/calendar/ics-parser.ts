import assert from 'node:assert/strict';

/** A small RFC 5545 reader for tests: checks the wire rules, then unfolds and parses. */
export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}
export interface IcsComponent {
  type: string;
  props: IcsProperty[];
  children: IcsComponent[];
}

export function prop(c: IcsComponent, name: string): IcsProperty | undefined {
  return c.props.find((p) => p.name === name);
}
export function value(c: IcsComponent, name: string): string | undefined {
  return prop(c, name)?.value;
}
export function all(c: IcsComponent, name: string): IcsProperty[] {
  return c.props.filter((p) => p.name === name);
}

export function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

function parseLine(line: string): IcsProperty {
  let i = 0;
  let inQuotes = false;
  for (; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) break;
  }
  assert.ok(i < line.length, `no value separator in ${line}`);
  const head = line.slice(0, i);
  const raw = line.slice(i + 1);
  const segments = head.match(/(?:[^;"]|"[^"]*")+/g) ?? [];
  const [name = '', ...paramParts] = segments;
  const params: Record<string, string> = {};
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    params[part.slice(0, eq).toUpperCase()] = part.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { name: name.toUpperCase(), params, value: raw };
}

export function parseIcs(text: string): IcsComponent {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  for (const l of physical) assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `line longer than 75 octets: ${l}`);
  const logical: string[] = [];
  for (const l of physical) {
    if (l.startsWith(' ') || l.startsWith('\t')) logical[logical.length - 1] += l.slice(1);
    else logical.push(l);
  }
  const root: IcsComponent = { type: 'ROOT', props: [], children: [] };
  const stack: IcsComponent[] = [root];
  for (const l of logical) {
    const p = parseLine(l);
    const top = stack[stack.length - 1];
    assert.ok(top);
    if (p.name === 'BEGIN') {
      const child: IcsComponent = { type: p.value, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (p.name === 'END') {
      assert.equal(top.type, p.value, 'BEGIN/END match');
      stack.pop();
    } else {
      top.props.push(p);
    }
  }
  assert.equal(stack.length, 1, 'all components closed');
  assert.equal(root.children.length, 1);
  const cal = root.children[0];
  assert.ok(cal && cal.type === 'VCALENDAR');
  assert.equal(value(cal, 'VERSION'), '2.0');
  assert.ok(value(cal, 'PRODID'));
  for (const ev of cal.children.filter((c) => c.type === 'VEVENT')) {
    for (const required of ['UID', 'DTSTAMP', 'DTSTART']) assert.ok(prop(ev, required), `VEVENT has ${required}`);
  }
  return cal;
}

export function events(cal: IcsComponent): IcsComponent[] {
  return cal.children.filter((c) => c.type === 'VEVENT');
}
