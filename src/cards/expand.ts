import * as ACData from 'adaptivecards-templating';

/**
 * The expansion of adaptivecards-templating (2.3), for the same JSON templates, with the same
 * result, at a fraction of its cost. The library evaluates every `${...}` afresh through
 * adaptive-expressions: a new memory object per expression, every path split by a regular
 * expression, and every property found by lower-casing all keys of the object it is read from
 * (the catalogue `t` has hundreds). Here the templates are parsed once by the library itself,
 * a plain path (`${a.b}`, by far the most common) and a path compared with a text are read
 * directly, and any other expression (`count`, `if`, `&&`, ...) is still evaluated by
 * adaptive-expressions, on a memory that reads paths the same way. test/cards/expand.test.ts
 * compares both on every template.
 *
 * One deliberate difference: adaptive-expressions finds a property by name ignoring case and
 * takes the first matching key; here an exact match wins. The two differ only for an object with
 * two keys that differ in case alone, which no card data has.
 */

type Parsed = ReturnType<typeof ACData.Template.parseInterpolatedString>;
type Expression = Exclude<Parsed, string>;
type Options = NonNullable<Parameters<Expression['tryEvaluate']>[1]>;

/** A template string after preparation: a plain path, a concatenation, or another expression. */
type Evaluator =
  | { kind: 'path'; path: string; parts: string[]; expression: Expression }
  | { kind: 'concat'; children: Evaluator[]; expression: Expression }
  /** `path == 'text'` or `path != 'text'`: adaptive-expressions' commonEquals of a value and a string is `===` */
  | { kind: 'compare'; path: Extract<Evaluator, { kind: 'path' }>; text: string; negate: boolean }
  | { kind: 'other'; expression: Expression }
  | { kind: 'constant'; value: unknown };

/** A template string that holds an expression, prepared once. */
class Compiled {
  constructor(readonly evaluator: Evaluator) {}
}

type Node = Compiled | Node[] | { [key: string]: Node } | string | number | boolean | null;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

/** adaptive-expressions' SimpleObjectMemory path syntax: `a.b[0]['c']`. */
function pathParts(path: string): string[] {
  return path
    .split(/[.[\]]+/)
    .filter((u) => u !== '')
    .map((u) => ((u.startsWith('"') && u.endsWith('"')) || (u.startsWith("'") && u.endsWith("'")) ? u.slice(1, -1) : u));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** InternalFunctionUtils.accessProperty, with an exact key tried first. */
function property(instance: unknown, name: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const found: unknown = instance.get(name);
    if (found !== undefined) return found;
    const key = [...(instance.keys() as Iterable<unknown>)].find((k) => typeof k === 'string' && k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : (instance.get(key) as unknown);
  }
  const target = Object(instance) as Record<string, unknown>;
  if (Object.prototype.propertyIsEnumerable.call(target, name)) return target[name];
  const lower = name.toLowerCase();
  const key = Object.keys(target).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : target[key];
}

/** SimpleObjectMemory.getValue over already split parts. */
function walk(scope: unknown, parts: readonly string[]): unknown {
  let current = scope;
  let value: unknown;
  for (const part of parts) {
    // no radix, as the library reads an index
    const index = parseInt(part);
    if (!Number.isNaN(index) && Array.isArray(current)) {
      if (index < 0 || index >= current.length) return undefined;
      value = current[index] as unknown;
    } else {
      value = property(current, part);
    }
    current = value;
  }
  return value;
}

/** What an expression sees: the library's EvaluationContext as a memory for adaptive-expressions. */
class Scope {
  constructor(
    readonly $root: unknown,
    readonly $data: unknown,
    readonly $index: number | undefined,
  ) {}

  readonly $host = undefined;
  readonly $_acTemplateVersion = VERSION;

  /** TemplateObjectMemory.getValue: a path without `$` is read from `$data`. */
  read(parts: readonly string[], relative: boolean): unknown {
    return relative ? walk(this.$data, parts) : walk(this, parts);
  }

  getValue(path: string): unknown {
    if (path.length === 0) return undefined;
    return this.read(pathParts(path), path[0] !== '$');
  }

  setValue(): void {
    // templates only read
  }

  version(): string {
    return '0';
  }
}

const substitute: Options = { nullSubstitution: (path: string) => `\${${path}}` } as Options;

function evaluate(e: Evaluator, scope: Scope, substitutions: boolean): { value: unknown; error?: unknown } {
  switch (e.kind) {
    case 'constant':
      return { value: e.value };
    case 'path': {
      const value = scope.read(e.parts, e.path[0] !== '$');
      return { value: value === undefined && substitutions ? `\${${e.path}}` : value };
    }
    case 'concat':
      if (!substitutions) return e.expression.tryEvaluate(scope, undefined);
      return { value: e.children.map((child) => concatPart(child, scope)).join('') };
    case 'compare': {
      const equal = scope.read(e.path.parts, e.path.path[0] !== '$') === e.text;
      return { value: e.negate ? !equal : equal };
    }
    case 'other':
      return e.expression.tryEvaluate(scope, substitutions ? substitute : undefined);
  }
}

/** One part of an interpolated string: a part that fails shows as its own `${...}`. */
function concatPart(child: Evaluator, scope: Scope): string {
  let result: { value: unknown; error?: unknown };
  try {
    result = evaluate(child, scope, true);
  } catch (err) {
    result = { value: undefined, error: err };
  }
  const value = result.error ? `\${${'expression' in child ? child.expression.toString() : ''}}` : result.value;
  // as the library does: a null part fails the whole expansion
  return (value as { toString(): string }).toString();
}

/** `top`: the template string itself, whose concatenation the library evaluates part by part. */
function compile(expression: Expression, top: boolean): Evaluator {
  if (expression.type === 'Constant') return { kind: 'constant', value: (expression as unknown as { value: unknown }).value };
  if (expression.type === 'concat' && top) return { kind: 'concat', children: expression.children.map((c) => compile(c, false)), expression };
  if (expression.type === 'Accessor') {
    const names: string[] = [];
    for (let e: Expression | undefined = expression; e; e = e.children[1]) {
      const [name, ...rest] = e.children;
      if (e.type !== 'Accessor' || name?.type !== 'Constant' || rest.length > 1) return { kind: 'other', expression };
      names.unshift(String((name as unknown as { value: unknown }).value));
    }
    const path = names.join('.');
    return { kind: 'path', path, parts: pathParts(path), expression };
  }
  if ((expression.type === '==' || expression.type === '!=') && expression.children.length === 2) {
    const [a, b] = expression.children.map((c) => compile(c, false));
    const path = a?.kind === 'path' ? a : b?.kind === 'path' ? b : undefined;
    const other = path === a ? b : a;
    if (path && other?.kind === 'constant' && typeof other.value === 'string') return { kind: 'compare', path, text: other.value, negate: expression.type === '!=' };
  }
  return { kind: 'other', expression };
}

function prepare(node: unknown): Node {
  if (typeof node === 'string') {
    const parsed = ACData.Template.parseInterpolatedString(node);
    return typeof parsed === 'string' ? parsed : new Compiled(compile(parsed, true));
  }
  if (Array.isArray(node)) return node.map(prepare);
  if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, prepare(v)]));
  // JSON holds nothing else
  return typeof node === 'number' || typeof node === 'boolean' ? node : null;
}

function required(e: Evaluator, scope: Scope, substitutions: boolean): unknown {
  const { value, error } = evaluate(e, scope, substitutions);
  if (error) throw new Error(String(error));
  return value;
}

/** Template.internalExpand, node by node. */
function expandNode(node: Node, scope: Scope): unknown {
  if (Array.isArray(node)) {
    const items: unknown[] = [];
    for (const item of node) {
      const expanded = expandNode(item, scope);
      if (expanded === null) continue;
      if (Array.isArray(expanded)) items.push(...(expanded as unknown[]));
      else items.push(expanded);
    }
    return items;
  }
  if (node instanceof Compiled) return required(node.evaluator, scope, true);
  if (!isObject(node)) return node;

  const when = node['$when'];
  let contexts: unknown[] = [undefined];
  let isArray = false;
  if (node['$data'] !== undefined) {
    const dataNode = node['$data'];
    const data = dataNode instanceof Compiled ? required(dataNode.evaluator, scope, true) : dataNode;
    isArray = Array.isArray(data);
    contexts = isArray ? (data as unknown[]) : [data];
  }
  const whenEvaluator = when instanceof Compiled ? when.evaluator : undefined;
  const results: Record<string, unknown>[] = [];
  // as in the library, an item that is undefined keeps the data of the one before
  let data = scope.$data;
  for (let i = 0; i < contexts.length; i++) {
    const item = contexts[i];
    if (item !== undefined) data = item;
    const inner = !isArray && data === scope.$data ? scope : new Scope(scope.$root, data, isArray ? i : scope.$index);
    if (whenEvaluator) {
      const { value, error } = evaluate(whenEvaluator, inner, false);
      if (error || value !== true) continue;
    } else if (when) {
      // a $when that is no expression drops its object
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (RESERVED.has(key)) continue;
      const expanded = expandNode(value, inner);
      if (expanded !== undefined) out[key] = expanded;
    }
    results.push(out);
  }
  if (results.length === 0) return null;
  return results.length === 1 ? results[0] : results;
}

/** `$_acTemplateVersion` as the library gives it. */
const VERSION: unknown = (() => {
  const parsed = ACData.Template.parseInterpolatedString('${$_acTemplateVersion}');
  return typeof parsed === 'string' ? undefined : ACData.Template.tryEvaluateExpression(parsed, { $root: {} }, false).value;
})();

/** A card template, prepared once, expanded as `new Template(json).expand({ $root })` would. */
export class CardTemplate {
  private readonly prepared: Node;

  constructor(json: unknown) {
    this.prepared = prepare(json);
  }

  expand(root: unknown): unknown {
    return expandNode(this.prepared, new Scope(root, root, undefined));
  }
}
