import type { Profile } from '../domain/profiles/index.js';
import { roleLabel } from '../domain/route.js';
import { fmt, nl } from '../i18n/nl.js';
import { escapeHtml, text } from './html.js';

const t = nl.paginas.voorwaarden;

/** The body of the terms of use (gebruiksvoorwaarden), in Dutch, from the profile. */
export function termsBody(organisation: string, profile: Profile, privacyPath: string): string {
  const values = {
    organisatie: organisation,
    protocol: profile.name,
    coordinator: profile.coordinatorLabel,
    rollen: profile.roles.map((r) => roleLabel(profile, r)).join(', '),
  };
  const each = (items: readonly string[]): string[] => items.map((i) => fmt(i, values));
  const hulplijnen = profile.hulplijnen.map((h) => `${h.naam}: ${h.nummer}${h.toelichting ? ` (${h.toelichting})` : ''}`);
  return [
    text.h2(t.doelTitel),
    text.p(fmt(t.doel, values)),
    text.p(fmt(t.rollen, values)),
    text.h2(t.noodTitel),
    text.p(t.nood),
    text.p(t.hulplijnen),
    text.ul(hulplijnen),
    text.h2(t.vertrouwelijkTitel),
    text.ul(each(t.vertrouwelijk)),
    text.h2(t.gebruikTitel),
    text.ul(each(t.gebruik)),
    text.h2(t.beheerTitel),
    text.p(fmt(t.beheer, values)),
    `<p>${escapeHtml(t.privacy)} ${text.a(privacyPath, nl.paginas.privacyLink)}</p>`,
  ].join('');
}
