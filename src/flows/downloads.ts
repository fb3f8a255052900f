import { fmt, nl } from '../shared/i18n/nl.js';
import { DownloadTooLargeError, MAX_DOWNLOAD_BYTES } from '../store/downloads.js';
import { refuse } from './common.js';
import type { Services } from './services.js';
import type { Actor, TurnResult } from './types.js';

/**
 * Makes what a command offers for download (a report, an inzage), or says in Dutch that the file
 * is too large to offer: the same for every download, never the generic error.
 */
export async function offering(services: Services, actor: Actor, make: () => Promise<TurnResult>): Promise<TurnResult> {
  try {
    return await make();
  } catch (e) {
    if (!(e instanceof DownloadTooLargeError)) throw e;
    services.logger.warn({ actor: actor.aadObjectId, bytes: e.bytes }, 'download too large');
    return refuse(fmt(nl.errors.downloadTeGroot, { mb: Math.floor(MAX_DOWNLOAD_BYTES / (1024 * 1024)) }));
  }
}
