import type { Online, Pleger } from './incident-schema.js';

/**
 * What identifies a pleger beyond the name, in a form that does not depend on how the melder
 * typed it: an e-mail address, a social-media account (one platform, one handle, whether typed
 * as @handle or as a link), a Dutch licence plate. In clear here, only to be hashed by the store.
 */
export interface MatchValue {
  kind: 'email' | 'account' | 'kenteken';
  value: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

export function emailsIn(text: string | undefined): string[] {
  return [...(text ?? '').normalize('NFKC').matchAll(EMAIL)].map((m) => m[0].toLowerCase());
}

/** Platforms by the names melders type and the hosts of their links. */
const PLATFORMS: readonly { id: string; names: RegExp; host: RegExp }[] = [
  { id: 'x', names: /^x$|^x\W|twitter/, host: /(^|\.)(x|twitter)\.com$/ },
  { id: 'facebook', names: /facebook|^fb$/, host: /(^|\.)(facebook|fb)\.com$/ },
  { id: 'instagram', names: /instagram|^insta$/, host: /(^|\.)instagram\.com$/ },
  { id: 'tiktok', names: /tiktok|tik tok/, host: /(^|\.)tiktok\.com$/ },
  { id: 'linkedin', names: /linkedin/, host: /(^|\.)linkedin\.com$/ },
  { id: 'youtube', names: /youtube/, host: /(^|\.)youtube\.com$/ },
  { id: 'threads', names: /threads/, host: /(^|\.)threads\.(net|com)$/ },
  { id: 'bluesky', names: /bluesky|bsky/, host: /(^|\.)bsky\.app$/ },
];

/** Path segments that name a page of the platform, not an account. */
const NOT_A_HANDLE = new Set(['i', 'home', 'search', 'intent', 'hashtag', 'explore', 'p', 'reel', 'reels', 'watch', 'groups', 'pages', 'share', 'status', 'posts']);
const HANDLE = /^[a-z0-9._-]{2,60}$/;

function platformNamed(name: string | undefined): string | undefined {
  const text = (name ?? '').toLowerCase().trim();
  return PLATFORMS.find((p) => p.names.test(text))?.id;
}

function handleOf(raw: string | undefined): string | undefined {
  const handle = (raw ?? '').toLowerCase().replace(/^@/, '').trim();
  return HANDLE.test(handle) && !NOT_A_HANDLE.has(handle) ? handle : undefined;
}

/** The account a link points into: its platform by host, its handle by the platform's way of writing profile paths. */
function accountOfUrl(text: string): MatchValue | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const platform = PLATFORMS.find((p) => p.host.test(host))?.id;
  if (!platform) return undefined;
  const parts = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  let handle: string | undefined;
  if (platform === 'facebook' && parts[0] === 'profile.php') handle = handleOf(url.searchParams.get('id') ?? undefined);
  else if (platform === 'linkedin' && parts[0] === 'in') handle = handleOf(parts[1]);
  else if (platform === 'bluesky' && parts[0] === 'profile') handle = handleOf(parts[1]);
  else if (platform === 'youtube' && (parts[0] === 'c' || parts[0] === 'user')) handle = handleOf(parts[1]);
  else if (platform === 'instagram' && parts[0] === 'stories') handle = handleOf(parts[1]);
  else {
    const first = parts.find((s) => s.startsWith('@')) ?? parts[0];
    handle = platform === 'tiktok' || platform === 'threads' ? (first?.startsWith('@') ? handleOf(first) : undefined) : handleOf(first);
  }
  return handle ? { kind: 'account', value: `${platform}:${handle}` } : undefined;
}

/**
 * The social-media accounts of the online step: from its link (the host says the platform), and
 * from the account typed as @handle, plain handle or link, on the platform the melder named or
 * the link shows. A handle without a platform is kept apart (`onbekend`), so it never matches a
 * namesake on a known platform.
 */
export function accountsIn(online: Pick<Online, 'platform' | 'account' | 'url'> | undefined): MatchValue[] {
  const found: MatchValue[] = [];
  const fromUrl = online?.url ? accountOfUrl(online.url) : undefined;
  if (fromUrl) found.push(fromUrl);
  const typed = (online?.account ?? '').trim();
  if (typed === '' || emailsIn(typed).length > 0) return found;
  if (/^https?:\/\//i.test(typed)) {
    const linked = accountOfUrl(typed);
    return linked ? [...found, linked] : found;
  }
  const handle = handleOf(typed.replace(/\s+/g, ''));
  if (!handle) return found;
  const platform = platformNamed(online?.platform) ?? fromUrl?.value.split(':')[0] ?? 'onbekend';
  return [...found, { kind: 'account', value: `${platform}:${handle}` }];
}

/** The accounts a free text names: links into a platform, and words written as @handle (platform unknown). */
export function accountsInText(text: string | undefined): MatchValue[] {
  const found: MatchValue[] = [];
  for (const [url] of (text ?? '').matchAll(/https?:\/\/\S+/gi)) {
    const account = accountOfUrl(url);
    if (account) found.push(account);
  }
  for (const m of (text ?? '').matchAll(/(?:^|[\s,;(])@([\p{L}\p{N}._-]{2,60})/gu)) {
    const handle = handleOf(m[1]?.replace(/[.]+$/, ''));
    if (handle) found.push({ kind: 'account', value: `onbekend:${handle}` });
  }
  return found;
}

/** A Dutch plate of six letters and digits in two or three alternating groups (the sidecodes), e.g. 12-ABC-3, AB-12-CD. */
function isPlate(text: string): boolean {
  if (!/^[A-Z0-9]{6}$/.test(text) || !/[A-Z]/.test(text) || !/\d/.test(text)) return false;
  const runs = text.match(/[A-Z]+|\d+/g) ?? [];
  return runs.length >= 2 && runs.length <= 3 && runs.every((r) => r.length <= 4);
}

/**
 * The licence plates in a free text: a word with or without dashes ("12-abc-3", "12abc3"), or
 * three short words that together form one ("12 ABC 3"); uppercase, without dashes or spaces.
 */
export function kentekensIn(text: string | undefined): string[] {
  const words = (text ?? '').toUpperCase().split(/[\s,;:()/]+/).map((w) => w.replace(/[.]+$/, '')).filter((w) => w !== '');
  const found = new Set<string>();
  words.forEach((word, i) => {
    const plain = word.replace(/[-.]/g, '');
    if (/^[A-Z0-9-]+$/.test(word) && isPlate(plain)) found.add(plain);
    // "12 ABC 3": three groups, each all letters or all digits, alternating
    const three = words.slice(i, i + 3);
    const kinds = three.map((w) => (/^[A-Z]{1,3}$/.test(w) ? 'a' : /^\d{1,3}$/.test(w) ? '9' : '?'));
    if (three.length === 3 && !kinds.includes('?') && kinds[0] !== kinds[1] && kinds[1] !== kinds[2] && isPlate(three.join(''))) found.add(three.join(''));
  });
  return [...found];
}

/** Everything a melding says that identifies its pleger besides the name (which the pleger key covers), each once. */
export function matchValues(pleger: Pleger, online: Online | undefined): MatchValue[] {
  // the short path asks one free text about the pleger (omschrijving): what it names counts too
  const texts = [pleger.contact, pleger.omschrijving];
  const emails = [...texts.flatMap(emailsIn), ...(online?.platform && /mail/i.test(online.platform) ? emailsIn(online.account) : [])];
  const values: MatchValue[] = [
    ...emails.map((value): MatchValue => ({ kind: 'email', value })),
    ...accountsIn(online),
    ...texts.flatMap(accountsInText),
    ...[pleger.voertuig, pleger.omschrijving].flatMap(kentekensIn).map((value): MatchValue => ({ kind: 'kenteken', value })),
  ];
  const seen = new Set<string>();
  return values.filter((v) => {
    const id = `${v.kind}:${v.value}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
