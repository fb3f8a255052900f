import type { Logger } from '../logger.js';
import { nl } from '../shared/i18n/nl.js';
import type { HttpRoute } from '../shared/http-route.js';
import { DOWNLOAD_PATH, DOWNLOAD_TYPES, type Downloads } from '../store/downloads.js';
import { PAGE_CSP, page, text } from './html.js';

/**
 * GET /download/<org>/<id>/<expires>/<signature>/<filename>: a file the bot offered one person.
 * An expired link says so in Dutch (410), anything else that does not check out is a 404 with
 * the same words for every cause, so a guess learns nothing. Never cached, never framed.
 */
export function downloadRoute(downloads: Downloads, logger: Logger, now: () => Date = () => new Date()): HttpRoute {
  const t = nl.paginas.download;
  return {
    method: 'GET',
    path: DOWNLOAD_PATH,
    async handle(req, res) {
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      const opened = await downloads.open(pathname, now());
      res.setHeader('Cache-Control', 'no-store');
      if (opened.status !== 'ok') {
        const [title, body] = opened.status === 'expired' ? [t.verlopenTitel, t.verlopen] : [t.onbekendTitel, t.onbekend];
        res.setHeader('Content-Security-Policy', PAGE_CSP);
        res.writeHead(opened.status === 'expired' ? 410 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(title, text.p(body), ''));
        return;
      }
      const { file } = opened;
      logger.info({ type: file.type, bytes: file.body.length }, 'download served');
      res.writeHead(200, {
        'Content-Type': DOWNLOAD_TYPES[file.type],
        'Content-Length': String(file.body.length),
        // attachment also for html: a page of personal data is saved, not rendered under this origin
        'Content-Disposition': `attachment; filename="${file.filename}"`,
      }).end(file.body);
    },
  };
}
