/**
 * Seeded mutation of activities: the same seed gives the same cases, so a failure can be replayed
 * with its case number. Mutations replace fields with values of the wrong type, deep garbage, huge
 * strings, nothing at all, or an array for an object and back.
 */

/** mulberry32: small, fast, good enough to spread cases; not for secrets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** Fields the bot, botbuilder or teams-ai read, whether or not the base activity has them. */
const FIELDS = [
  'id', 'type', 'name', 'text', 'textFormat', 'locale', 'localTimezone', 'timestamp', 'localTimestamp', 'replyToId',
  'action', 'value', 'channelId', 'serviceUrl', 'entities', 'attachments', 'membersAdded', 'membersRemoved',
  'reactionsAdded', 'deliveryMode', 'channelData', 'from', 'recipient', 'conversation',
  'from.id', 'from.name', 'from.role', 'from.aadObjectId', 'recipient.id', 'recipient.name', 'recipient.role',
  'conversation.id', 'conversation.name', 'conversation.conversationType', 'conversation.isGroup', 'conversation.tenantId',
  'channelData.tenant', 'channelData.tenant.id', 'channelData.team', 'channelData.team.id', 'channelData.channel',
  'channelData.channel.id', 'channelData.eventType', 'value.action', 'value.action.verb', 'value.action.data', 'value.verb',
  'value.action.data.draftId', 'value.action.data.step', 'value.action.data.verb', 'value.draftId', 'value.step', 'value.trigger',
  'entities.0', 'entities.0.type', 'entities.0.text', 'attachments.0', 'attachments.0.contentType', 'attachments.0.contentUrl',
  'attachments.0.name', 'membersAdded.0', 'membersAdded.0.id',
];

export class Mutator {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = prng(seed);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  private hugeString(): string {
    // mostly under the 512 KB body limit, so the activity's own limits answer, not the server's
    return this.pick(['x', 'é', '\u0000', '<at>', '${x}', '\ud83d\ude00']).repeat(1_000 + this.int(40_000));
  }

  private deep(depth: number): Json {
    let v: Json = this.pick([1, 'x', null, true]);
    for (let i = 0; i < depth; i++) v = this.random() < 0.5 ? [v] : { [this.pick(['a', 'type', 'id', 'text', '__proto__', 'constructor'])]: v };
    return v;
  }

  /** A value of some other type than the field usually has (or, now and then, a plausible one). */
  garbage(): Json {
    switch (this.int(14)) {
      case 0: return this.pick([0, -1, 42, 1e308, -0.5, Number.MAX_SAFE_INTEGER]);
      case 1: return this.pick([true, false]);
      case 2: return null;
      case 3: return '';
      case 4: return this.hugeString();
      case 5: return {};
      case 6: return [];
      case 7: return this.deep(2 + this.int(60));
      case 8: return [this.garbage(), this.garbage()];
      case 9: return { id: this.garbage(), type: this.garbage(), name: this.garbage() };
      case 10: return this.pick(['\u0000\u0001\u001f', '\ud800', 'null', 'undefined', '[object Object]', '29:x', 'add', 'remove']);
      case 11: return [{ type: 'mention', text: this.garbage() }, 7];
      case 12: return this.pick(['2026-13-45T99:99:99Z', 'nl-NL', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'a'.repeat(5000)]);
      default: return { action: { verb: this.garbage(), data: this.garbage() }, verb: this.garbage() };
    }
  }

  /** A deep copy of `base` with one to three fields replaced, removed, or swapped array for object. */
  mutate(base: Record<string, unknown>): Obj {
    const copy = JSON.parse(JSON.stringify(base)) as Obj;
    const times = 1 + this.int(3);
    for (let i = 0; i < times; i++) this.mutateOnce(copy);
    return copy;
  }

  private mutateOnce(root: Obj): void {
    const path = this.pick(FIELDS).split('.');
    let parent: Json = root;
    for (const key of path.slice(0, -1)) {
      const next: Json | undefined = parent !== null && typeof parent === 'object' ? (parent as Obj)[key] : undefined;
      if (next === undefined || next === null || typeof next !== 'object') return;
      parent = next;
    }
    if (parent === null || typeof parent !== 'object') return;
    const container = parent as Obj;
    const key = path[path.length - 1]!;
    const current = container[key];
    const roll = this.random();
    if (roll < 0.15) delete container[key];
    else if (roll < 0.25 && current !== undefined && current !== null && typeof current === 'object') {
      container[key] = Array.isArray(current) ? { ...current } : Object.values(current);
    } else container[key] = this.garbage();
  }
}
