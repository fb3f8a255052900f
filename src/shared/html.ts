/** Text for HTML: the one escaper of the pages, the documents and the invitations, so callers pass text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code.startsWith('#')) {
      const n = code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : whole;
    }
    return NAMED[code.toLowerCase()] ?? whole;
  });
}

/** Drops <script> and <style> with what they hold: that is markup, not what the sender wrote. */
function withoutHiddenBlocks(html: string): string {
  let out = '';
  let at = 0;
  let hidden = false;
  for (const m of html.matchAll(/<(\/?)(script|style)\b[^<>]*>/gi)) {
    if (!hidden && m[1] === '') {
      out += html.slice(at, m.index);
      hidden = true;
    } else if (hidden && m[1] === '/') {
      at = m.index + m[0].length;
      hidden = false;
    }
  }
  return hidden ? out : out + html.slice(at);
}

const BLOCK_END = /<\/(p|div|li|tr|h[1-6]|blockquote|pre)\s*>/gi;
const BREAK = /<br\s*\/?>/gi;
/** An emoji Teams sends as an image: its alt text is the emoji. */
const IMG = /<img\b[^<>]*>/gi;
const ALT = /\balt="([^"]*)"/i;
/** A lone "<" stays as text: bounded by the next "<", no tag costs more than its own length. */
const TAG = /<[^<>]*>/g;

/**
 * HTML as plain text, without a DOM: a Teams message (only ever shown as literal text, in
 * TextRuns, so it keeps what the sender wrote and nothing is interpreted) and an invitation's body
 * for a calendar's DESCRIPTION. Linear scans and patterns without nested quantifiers, so a hostile
 * message costs its length.
 */
export function htmlToPlainText(html: string): string {
  const text = withoutHiddenBlocks(html)
    .replace(/\r\n?/g, '\n')
    // Teams' HTML breaks lines for layout only; the tags below carry the real ones
    .replace(/\n/g, ' ')
    .replace(BREAK, '\n')
    .replace(BLOCK_END, '\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(IMG, (tag) => ` ${ALT.exec(tag)?.[1] ?? ''} `)
    .replace(TAG, '');
  return tidy(decodeEntities(text));
}

/** Collapses runs of spaces and of empty lines, and trims each line. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
