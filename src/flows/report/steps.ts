import { DateTime } from 'luxon';
import { classify, categoryTexts, meldplichtFor } from '../../domain/classify.js';
import { ZONE } from '../../domain/deadlines.js';
import { LIMITS, type Pleger } from '../../domain/incident-schema.js';
import { roleLabel } from '../../domain/route.js';
import {
  CATEGORIES,
  DOELWITTEN,
  KANALEN,
  type AmbtsdragerRole,
  type Category,
  type Doelwit,
  type GerichtOp,
  type Kanaal,
} from '../../domain/types.js';
import { fmt, nl } from '../../i18n/nl.js';
import type { Services } from '../services.js';
import type { Actor } from '../types.js';
import type { Draft, Step } from './draft.js';
import { yes, yesNo, type Errors, type FieldDef, type Values } from './fields.js';

export interface StepContext {
  services: Services;
  actor: Actor;
  now: Date;
}

export type Applied = { ok: true; draft: Draft } | { ok: false; errors: Errors };

export interface FormStep {
  title: string;
  intro?(draft: Draft, ctx: StepContext): string;
  notes?(draft: Draft, ctx: StepContext): string[];
  fields(draft: Draft, ctx: StepContext): FieldDef[];
  values(draft: Draft): Values;
  apply(draft: Draft, values: Values, ctx: StepContext): Applied;
}

const m = nl.melding;
const fail = (errors: Errors): Applied => ({ ok: false, errors });

/** The ambtsdrager role this person holds in the profile, when exactly one: then we don't ask. */
export function knownRole(ctx: StepContext): AmbtsdragerRole | undefined {
  const person = ctx.services.people.get(ctx.actor.aadObjectId);
  const roles = (person?.roles ?? []).filter((r): r is AmbtsdragerRole =>
    (ctx.services.profile.roles as readonly string[]).includes(r),
  );
  return roles.length === 1 ? roles[0] : undefined;
}

const wie: FormStep = {
  title: m.wie.title,
  intro: (_d, ctx) => {
    const role = knownRole(ctx);
    return role ? fmt(m.wie.knownRole, { role: roleLabel(ctx.services.profile, role) }) : '';
  },
  fields: (_d, ctx) => [
    {
      id: 'namens', kind: 'choice', label: m.wie.namens, required: true, help: m.wie.namensHelp,
      choices: [{ title: m.wie.namensNo, value: 'nee' }, { title: m.wie.namensYes, value: 'ja' }],
    },
    {
      id: 'rol', kind: 'dropdown', label: m.wie.rol, required: knownRole(ctx) === undefined,
      ...(knownRole(ctx) ? { help: m.wie.rolKnownHelp } : {}),
      choices: ctx.services.profile.roles.map((r) => ({ title: roleLabel(ctx.services.profile, r), value: r })),
    },
    { id: 'naam', kind: 'text', label: m.wie.naam, required: false, maxLength: LIMITS.shortText },
  ],
  values: (d) => ({ namens: yesNo(d.wie?.namens), rol: d.wie?.namens ? d.wie.role : '', naam: d.wie?.ambtsdragerName ?? '' }),
  apply: (d, v, ctx) => {
    const namens = yes(v['namens']);
    const own = knownRole(ctx);
    const role = (namens ? v['rol'] : own ?? v['rol']) as AmbtsdragerRole | '' | undefined;
    const errors: Errors = {};
    if (!role) errors['rol'] = m.wie.errRol;
    if (namens && !v['naam']) errors['naam'] = m.wie.errNaam;
    if (!role || Object.keys(errors).length > 0) return fail(errors);
    return { ok: true, draft: { ...d, wie: { namens, role, ...(namens ? { ambtsdragerName: v['naam'] ?? '' } : {}) } } };
  },
};

function localDate(now: Date): string {
  return DateTime.fromJSDate(now).setZone(ZONE).toISODate() ?? '';
}

/** yyyy-mm-dd + hh:mm on the Amsterdam clock -> instant; undefined for an impossible date. */
export function parseLocal(date: string, time: string): DateTime | undefined {
  const dt = DateTime.fromISO(`${date}T${time.slice(0, 5)}`, { zone: ZONE });
  return dt.isValid ? dt : undefined;
}

const wanneer: FormStep = {
  title: m.wanneer.title,
  fields: (_d, ctx) => [
    { id: 'datum', kind: 'date', label: m.wanneer.datum, required: true, max: localDate(ctx.now) },
    { id: 'tijd', kind: 'time', label: m.wanneer.tijd, required: true },
    {
      id: 'kanaal', kind: 'choice', label: m.wanneer.kanaal, required: true,
      choices: KANALEN.map((k) => ({ title: m.wanneer.kanalen[k], value: k })),
    },
    { id: 'locatie', kind: 'text', label: m.wanneer.locatie, required: true, maxLength: LIMITS.shortText, help: m.wanneer.locatieHelp },
  ],
  values: (d) => {
    const at = d.wanneer ? DateTime.fromISO(d.wanneer.occurredAt).setZone(ZONE) : undefined;
    return {
      datum: at?.toISODate() ?? '',
      tijd: at?.toFormat('HH:mm') ?? '',
      kanaal: d.wanneer?.kanaal ?? '',
      locatie: d.wanneer?.locatie ?? '',
    };
  },
  apply: (d, v, ctx) => {
    const at = parseLocal(v['datum'] ?? '', v['tijd'] ?? '');
    if (!at) return fail({ datum: m.wanneer.errDatum });
    if (at.year < 2000) return fail({ datum: m.wanneer.errAbsurd });
    // A minute of slack for clocks that differ between phone and server.
    if (at.toMillis() > ctx.now.getTime() + 60_000) return fail({ datum: m.wanneer.errToekomst });
    const longAgo = ctx.now.getTime() - at.toMillis() > 365 * 24 * 3_600_000;
    return {
      ok: true,
      draft: {
        ...d,
        wanneer: { occurredAt: at.toUTC().toISO() ?? '', longAgo, kanaal: v['kanaal'] as Kanaal, locatie: v['locatie'] ?? '' },
      },
    };
  },
};

const wat: FormStep = {
  title: m.wat.title,
  fields: () => [
    {
      id: 'beschrijving', kind: 'textarea', label: m.wat.beschrijving, required: true, maxLength: LIMITS.description,
      help: m.wat.beschrijvingHelp,
    },
    {
      id: 'doelwitten', kind: 'multi', label: m.wat.doelwitten, required: true,
      choices: DOELWITTEN.map((dw) => ({ title: m.wat.doelwit[dw], value: dw })),
    },
  ],
  values: (d) => ({ beschrijving: d.wat?.description ?? '', doelwitten: d.wat?.doelwitten.join(',') ?? '' }),
  apply: (d, v) => {
    const doelwitten = (v['doelwitten'] ?? '').split(',').filter(Boolean) as Doelwit[];
    return { ok: true, draft: { ...d, wat: { description: v['beschrijving'] ?? '', doelwitten } } };
  },
};

const classificatie: FormStep = {
  title: m.classificatie.title,
  intro: () => m.classificatie.intro,
  fields: () => [
    {
      id: 'gerichtOp', kind: 'choice', label: m.classificatie.gerichtOp, required: true,
      choices: (['ik', 'jullie', 'jij'] as const).map((g) => ({ title: m.classificatie[g], value: g })),
    },
    { id: 'bedreiging', kind: 'yesno', label: m.classificatie.bedreiging, required: true },
    { id: 'fysiekGeweld', kind: 'yesno', label: m.classificatie.fysiek, required: true },
    { id: 'gecorrigeerd', kind: 'yesno', label: m.classificatie.gecorrigeerd, required: true },
    { id: 'aanhoudend', kind: 'yesno', label: m.classificatie.aanhoudend, required: true },
  ],
  values: (d) => ({
    gerichtOp: d.answers?.gerichtOp ?? '',
    bedreiging: yesNo(d.answers?.bedreiging),
    fysiekGeweld: yesNo(d.answers?.fysiekGeweld),
    gecorrigeerd: yesNo(d.answers?.gecorrigeerd),
    aanhoudend: yesNo(d.answers?.aanhoudend),
  }),
  apply: (d, v, ctx) => {
    const answers = {
      gerichtOp: v['gerichtOp'] as GerichtOp,
      bedreiging: yes(v['bedreiging']),
      fysiekGeweld: yes(v['fysiekGeweld']),
      gecorrigeerd: yes(v['gecorrigeerd']),
      aanhoudend: yes(v['aanhoudend']),
    };
    const derived = classify(answers, ctx.services.profile.reportingRule).category;
    // New answers reset a chosen category only when they derive a different one.
    const changed = d.answers === undefined || classify(d.answers, ctx.services.profile.reportingRule).category !== derived;
    return { ok: true, draft: { ...d, answers, chosenCategory: changed ? derived : (d.chosenCategory ?? derived) } };
  },
};

const categorie: FormStep = {
  title: m.categorie.title,
  notes: (d, ctx) => {
    if (!d.answers) return [];
    const rule = ctx.services.profile.reportingRule;
    const derived = classify(d.answers, rule);
    const t = categoryTexts(derived.category, rule);
    return [
      fmt(m.categorie.derived, { label: t.label }),
      t.norm,
      fmt(m.categorie.meldplicht, { meldplicht: nl.meldplicht[derived.meldplicht] }),
      t.melden,
    ];
  },
  fields: () => [
    {
      id: 'categorie', kind: 'choice', label: m.categorie.choose, required: true,
      choices: CATEGORIES.map((c) => ({ title: nl.category.label[c], value: c })),
    },
  ],
  values: (d) => ({ categorie: d.chosenCategory ?? '' }),
  apply: (d, v) => ({ ok: true, draft: { ...d, chosenCategory: v['categorie'] as Category } }),
};

const pleger: FormStep = {
  title: m.pleger.title,
  fields: () => [
    { id: 'bekend', kind: 'yesno', label: m.pleger.bekend, required: true },
    { id: 'naam', kind: 'text', label: m.pleger.naam, required: false, maxLength: LIMITS.shortText },
    {
      id: 'omschrijving', kind: 'textarea', label: m.pleger.omschrijving, required: false, maxLength: LIMITS.comment,
      help: m.pleger.omschrijvingHelp,
    },
    { id: 'organisatie', kind: 'text', label: m.pleger.organisatie, required: false, maxLength: LIMITS.shortText },
    { id: 'contact', kind: 'text', label: m.pleger.contact, required: false, maxLength: LIMITS.shortText },
    { id: 'voertuig', kind: 'text', label: m.pleger.voertuig, required: false, maxLength: LIMITS.shortText },
    { id: 'eerderContact', kind: 'yesno', label: m.pleger.eerderContact, required: true },
  ],
  values: (d) => ({
    bekend: yesNo(d.pleger?.bekend),
    naam: d.pleger?.naam ?? '',
    omschrijving: d.pleger?.omschrijving ?? '',
    organisatie: d.pleger?.organisatie ?? '',
    contact: d.pleger?.contact ?? '',
    voertuig: d.pleger?.voertuig ?? '',
    eerderContact: yesNo(d.pleger?.eerderContact),
  }),
  apply: (d, v) => {
    if (!v['naam'] && !v['omschrijving']) return fail({ omschrijving: m.pleger.errPleger });
    const pleger: Pleger = { bekend: yes(v['bekend']), eerderContact: yes(v['eerderContact']) };
    for (const k of ['naam', 'omschrijving', 'organisatie', 'contact', 'voertuig'] as const) {
      const value = v[k];
      if (value) pleger[k] = value;
    }
    return { ok: true, draft: { ...d, pleger } };
  },
};

const online: FormStep = {
  title: m.online.title,
  intro: () => m.online.intro,
  fields: (_d, ctx) => [
    { id: 'platform', kind: 'text', label: m.online.platform, required: false, maxLength: LIMITS.shortText },
    { id: 'account', kind: 'text', label: m.online.account, required: false, maxLength: LIMITS.shortText },
    { id: 'url', kind: 'text', label: m.online.url, required: false, maxLength: LIMITS.url, placeholder: 'https://' },
    { id: 'datum', kind: 'date', label: m.online.datum, required: false, max: localDate(ctx.now) },
    { id: 'tijd', kind: 'time', label: m.online.tijd, required: false },
    { id: 'gemeld', kind: 'yesno', label: m.online.gemeld, required: true },
  ],
  values: (d) => {
    const at = d.online?.moment ? DateTime.fromISO(d.online.moment).setZone(ZONE) : undefined;
    return {
      platform: d.online?.platform ?? '',
      account: d.online?.account ?? '',
      url: d.online?.url ?? '',
      datum: at?.toISODate() ?? '',
      tijd: at?.toFormat('HH:mm') ?? '',
      gemeld: yesNo(d.online?.gemeldBijPlatform),
    };
  },
  apply: (d, v, ctx) => {
    const url = v['url'] ?? '';
    if (url && !/^https?:\/\/[^\s]+$/i.test(url)) return fail({ url: m.online.errUrl });
    let moment: string | undefined;
    if (v['datum']) {
      const at = parseLocal(v['datum'], v['tijd'] || '12:00');
      if (!at || at.year < 2000) return fail({ datum: m.wanneer.errAbsurd });
      if (at.toMillis() > ctx.now.getTime() + 60_000) return fail({ datum: m.wanneer.errToekomst });
      moment = at.toUTC().toISO() ?? undefined;
    }
    const platform = v['platform'];
    const account = v['account'];
    return {
      ok: true,
      draft: {
        ...d,
        online: {
          gemeldBijPlatform: yes(v['gemeld']),
          ...(platform ? { platform } : {}),
          ...(account ? { account } : {}),
          ...(url ? { url } : {}),
          ...(moment ? { moment } : {}),
        },
      },
    };
  },
};

const IMPACT_FIELDS = [
  ['letsel', m.impact.letsel],
  ['ziekenhuis', m.impact.ziekenhuis],
  ['steunNodig', m.impact.steun],
  ['nazorgGewenst', m.impact.nazorg],
  ['toestemmingAangifte', m.impact.aangifte],
  ['toestemmingInformeren', m.impact.informeren],
] as const;

const impact: FormStep = {
  title: m.impact.title,
  notes: () => [m.impact.szw],
  fields: () => IMPACT_FIELDS.map(([id, label]) => ({ id, kind: 'yesno' as const, label, required: true })),
  values: (d) => Object.fromEntries(IMPACT_FIELDS.map(([id]) => [id, yesNo(d.impact?.[id])])),
  apply: (d, v) => ({
    ok: true,
    draft: {
      ...d,
      impact: {
        letsel: yes(v['letsel']),
        ziekenhuis: yes(v['ziekenhuis']),
        steunNodig: yes(v['steunNodig']),
        nazorgGewenst: yes(v['nazorgGewenst']),
        toestemmingAangifte: yes(v['toestemmingAangifte']),
        toestemmingInformeren: yes(v['toestemmingInformeren']),
      },
    },
  }),
};

export const FORM_STEPS: Partial<Record<Step, FormStep>> = { wie, wanneer, wat, classificatie, categorie, pleger, online, impact };

/** The meldplicht of the category the melder confirmed (derived or chosen). */
export function meldplichtOf(draft: Draft, services: Services) {
  if (!draft.answers || !draft.chosenCategory) return undefined;
  return meldplichtFor(draft.chosenCategory, draft.answers, services.profile.reportingRule);
}
