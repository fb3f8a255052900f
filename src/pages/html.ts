import { createHash } from 'node:crypto';
import { escapeHtml } from '../shared/html.js';
import type { HttpRoute } from '../shared/http-route.js';

/**
 * Self-contained pages: no scripts, no external resources. The one inline style is allowed by
 * its hash, on these routes only; every other response keeps the server's `default-src 'none'`.
 */
const STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;line-height:1.5;max-width:48rem;margin:0 auto;padding:1rem 1.25rem;color:#1a1a1a;background:#fff}' +
  'h1,h2,h3{line-height:1.25;color:#1f4e79}' +
  'table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;padding:.25rem 0}' +
  'th,td{border:1px solid #767676;padding:.4rem;text-align:left;vertical-align:top}' +
  'a{color:#1f4e79}footer{margin-top:2rem;border-top:1px solid #767676;font-size:.9rem}';

export const PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";


/** Tags around plain text; the text is escaped here, so callers pass text, never markup. */
export const text = {
  h1: (t: string): string => `<h1>${escapeHtml(t)}</h1>`,
  h2: (t: string): string => `<h2>${escapeHtml(t)}</h2>`,
  h3: (t: string): string => `<h3>${escapeHtml(t)}</h3>`,
  p: (t: string): string => `<p>${escapeHtml(t)}</p>`,
  ul: (items: readonly string[]): string => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
  a: (href: string, t: string): string => `<a href="${escapeHtml(href)}">${escapeHtml(t)}</a>`,
};

/** A whole document in Dutch around already built body markup. */
export function page(title: string, body: string, footer: string): string {
  return (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${text.h1(title)}${body}</main><footer>${footer}</footer></body></html>`
  );
}

export function htmlRoute(path: string, html: string): HttpRoute {
  return {
    method: 'GET',
    path,
    handle(_req, res) {
      res.setHeader('Content-Security-Policy', PAGE_CSP);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
      return Promise.resolve();
    },
  };
}
