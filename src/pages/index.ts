import type { Config } from '../config.js';
import type { Profile } from '../domain/profiles/index.js';
import { fmt, nl } from '../shared/i18n/nl.js';
import type { HttpRoute } from '../shared/http-route.js';
import { retentionOf } from '../store/retention.js';
import { htmlRoute, page, text } from './html.js';
import { privacyBody, privacyFacts } from './privacy.js';
import { termsBody } from './terms.js';

/** The paths appPackage/manifest.json names as privacyUrl and termsOfUseUrl. */
export const PRIVACY_PATH = '/privacy';
export const TERMS_PATH = '/gebruiksvoorwaarden';

/**
 * The privacy statement and the terms of use, rendered once: they depend only on the profile and
 * the configuration, which do not change while the process runs. They need no people file, so
 * a bot that is not configured yet serves them too.
 */
/** `plegerDelen`: the organisations of the deployment that share the pleger signal (docs/DEPLOY.md §12) */
export function pageRoutes(config: Config, profile: Profile, plegerDelen: readonly string[] = []): HttpRoute[] {
  const t = nl.paginas;
  const footer = [
    text.p(fmt(t.bron, { organisatie: config.organisation.name, protocol: profile.name })),
    `<p>${text.a(PRIVACY_PATH, t.privacyLink)} · ${text.a(TERMS_PATH, t.voorwaardenLink)}</p>`,
  ].join('');
  const privacy = privacyBody(privacyFacts(config, profile, retentionOf(profile), plegerDelen));
  const terms = termsBody(config.organisation.name, profile, PRIVACY_PATH);
  return [
    htmlRoute(PRIVACY_PATH, page(t.privacy.titel, privacy, footer)),
    htmlRoute(TERMS_PATH, page(t.voorwaarden.titel, terms, footer)),
  ];
}
