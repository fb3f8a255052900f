import { DateTime } from 'luxon';
import { ZONE } from '../../../domain/deadlines.js';
import { LIMITS } from '../../../domain/incident-schema.js';
import { nl } from '../../../shared/i18n/nl.js';
import { yes, yesNo } from '../fields.js';
import { fail, type FormStep } from './form-step.js';
import { localDate, parseLocal } from './local-time.js';

const m = nl.melding;

export const online: FormStep = {
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
