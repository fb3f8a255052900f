import type { Profile } from '../domain/profiles/index.js';
import { roleLabel } from '../domain/route.js';
import { fmt, nl } from '../shared/i18n/nl.js';
import { escapeHtml } from '../shared/html.js';
import { text } from './html.js';

const t = nl.paginas.voorwaarden;

/** The body of the terms of use (gebruiksvoorwaarden), in Dutch, from the profile. */
export function termsBody(organisation: string, profile: Profile, privacyPath: string): string {
  const coordinator = profile.coordinatorLabel;
  const hulplijnen = profile.hulplijnen.map((h) => `${h.naam}: ${h.nummer}${h.toelichting ? ` (${h.toelichting})` : ''}`);
  return [
    text.h2(t.doelTitel),
    text.p(fmt(t.doel, { organisatie: organisation, protocol: profile.name, coordinator })),
    text.p(fmt(t.rollen, { rollen: profile.roles.map((r) => roleLabel(profile, r)).join(', ') })),
    text.h2(t.noodTitel),
    text.p(t.nood),
    text.p(t.hulplijnen),
    text.ul(hulplijnen),
    text.h2(t.vertrouwelijkTitel),
    text.ul(t.vertrouwelijk),
    text.h2(t.gebruikTitel),
    text.ul(t.gebruik.map((i) => fmt(i, { coordinator }))),
    text.h2(t.beheerTitel),
    text.p(fmt(t.beheer, { organisatie: organisation, coordinator })),
    `<p>${escapeHtml(t.privacy)} ${text.a(privacyPath, nl.paginas.privacyLink)}</p>`,
  ].join('');
}
