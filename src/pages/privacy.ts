import type { Config } from '../config.js';
import type { Profile } from '../domain/profiles/index.js';
import { roleLabel, route } from '../domain/route.js';
import type { Role } from '../domain/types.js';
import { fmt, nl } from '../shared/i18n/nl.js';
import { connectionStringValues } from '../store/connection-string.js';
import type { Retention } from '../store/retention.js';
import { escapeHtml } from '../shared/html.js';
import { text } from './html.js';

const t = nl.paginas.privacy;

/** What the privacy statement depends on: the profile and the parts of the configuration that change what is said. */
export interface PrivacyFacts {
  organisation: string;
  profile: Profile;
  storage: 'azure' | 'azurite';
  calendar: 'graph' | 'local';
  telemetry: boolean;
  contact?: string;
  retention: Retention;
  /** the organisations of the deployment that share the pleger signal (two or more), else none */
  plegerDelen?: readonly string[];
}

/** Azurite's well-known development account: a local or test run, never an organisation's data. */
function isAzurite(config: Config): boolean {
  return config.storage.kind === 'connectionString' && connectionStringValues(config.storage.connectionString)('AccountName') === 'devstoreaccount1';
}

export function privacyFacts(config: Config, profile: Profile, retention: Retention, plegerDelen: readonly string[] = []): PrivacyFacts {
  return {
    ...(plegerDelen.length > 1 ? { plegerDelen } : {}),
    organisation: config.organisation.name,
    profile,
    storage: isAzurite(config) ? 'azurite' : 'azure',
    calendar: config.calendar,
    telemetry: config.appInsightsConnectionString !== undefined,
    ...(config.privacyContact ? { contact: config.privacyContact } : {}),
    retention,
  };
}

function labels(profile: Profile, roles: readonly Role[]): string {
  return roles.length === 0 ? t.niemand : roles.map((r) => roleLabel(profile, r)).join(', ');
}

/** One row per ambtsdrager role of the profile, as src/domain/route.ts routes a melding about that role. */
function routingTable(profile: Profile): string {
  const head = [t.kolomRol, t.kolomBehandelaar, t.kolomGeinformeerd, t.kolomNazorg].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const rows = profile.roles.map((role) => {
    const r = route(profile, role);
    const cells = [labels(profile, r.handlers), labels(profile, [...r.informed, ...r.informedWithConsent]), labels(profile, r.nazorgGivers)];
    return `<tr><th scope="row">${escapeHtml(roleLabel(profile, role))}</th>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<table><caption>${escapeHtml(t.tabel)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Beside the table: whether the coordinator sees every melding, and who else reads one from a council meeting. */
function whoElseSees(profile: Profile): string[] {
  const coordinator = profile.coordinatorLabel;
  const lines = [fmt(profile.coordinatorInformed === 'op-verzoek' ? t.zienCoordinatorOpVerzoek : t.zienCoordinatorAltijd, { coordinator })];
  const v = profile.vergadering;
  if (v) lines.push(fmt(t.zienVergadering, { rollen: [v.voorzitter, ...v.samenMet].map((r) => `de ${roleLabel(profile, r)}`).join(' en '), coordinator }));
  return lines;
}

function contact(facts: PrivacyFacts): string {
  if (facts.contact === undefined) {
    return text.p(fmt(t.geenContact, { coordinator: facts.profile.coordinatorLabel, organisatie: facts.organisation }));
  }
  const isEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(facts.contact);
  return `<p>${escapeHtml(t.contact)} ${isEmail ? text.a(`mailto:${facts.contact}`, facts.contact) : escapeHtml(facts.contact)}</p>`;
}

/** The body of the privacy statement (privacyverklaring), in Dutch, from the profile and the configuration. */
export function privacyBody(facts: PrivacyFacts): string {
  const organisatie = facts.organisation;
  const coordinator = facts.profile.coordinatorLabel;
  const where = [
    facts.storage === 'azure' ? t.opslagAzure : t.opslagLokaal,
    facts.calendar === 'graph' ? t.agendaGraph : t.agendaLokaal,
    t.teams,
    t.personen,
    ...(facts.telemetry ? [t.telemetrie] : []),
    t.beheer,
  ];
  const jaren = facts.retention.yearsAfterClosing;
  const bron = facts.retention.fromProfile ? fmt(t.bewarenBronProfiel, { organisatie }) : fmt(t.bewarenBronStandaard, { jaren, organisatie });
  return [
    text.p(fmt(t.intro, { organisatie })),
    text.p(fmt(t.verantwoordelijke, { organisatie })),
    text.h2(t.doelTitel),
    text.p(fmt(t.doel, { protocol: facts.profile.name })),
    text.h2(t.gegevensTitel),
    text.h3(t.melderTitel),
    text.ul(t.melder),
    text.h3(t.plegerTitel),
    text.p(fmt(t.plegerMinimaal, { coordinator })),
    text.ul(t.pleger),
    ...(facts.plegerDelen ? [text.p(fmt(t.plegerElders, { organisaties: facts.plegerDelen.join(', ') }))] : []),
    text.p(t.woonadres),
    text.h3(fmt(t.behandelaarTitel, { coordinator })),
    text.ul(t.behandelaar.map((i) => fmt(i, { organisatie }))),
    text.h3(t.iedereenTitel),
    text.ul(t.iedereen.map((i) => fmt(i, { coordinator }))),
    text.h2(t.zienTitel),
    text.p(t.zienIntro),
    routingTable(facts.profile),
    text.ul([...whoElseSees(facts.profile), ...t.zien.map((i) => fmt(i, { coordinator }))]),
    text.h2(t.waarTitel),
    text.ul(where.map((i) => fmt(i, { organisatie }))),
    text.h2(t.bewarenTitel),
    text.p(fmt(t.bewarenJaren, { jaren })),
    text.p(bron),
    text.ul(t.gewist.map((i) => fmt(i, { organisatie, coordinator }))),
    text.p(t.concept),
    text.h2(t.rechtenTitel),
    text.p(t.rechtenIntro),
    text.ul(t.rechten),
    text.p(fmt(t.afweging, { organisatie })),
    `<p>${escapeHtml(fmt(t.klacht, { organisatie }))} ${text.a(t.klachtUrl, t.klachtLink)}</p>`,
    text.h2(t.vragenTitel),
    contact(facts),
  ].join('');
}
