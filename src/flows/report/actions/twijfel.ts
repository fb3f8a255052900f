import { renderCard } from '../../../cards/render.js';
import { categoryTexts } from '../../../domain/classify.js';
import { doubtContactsFor } from '../../../domain/route.js';
import { CATEGORIES, type AmbtsdragerRole } from '../../../domain/types.js';
import { fmt, nl } from '../../../shared/i18n/nl.js';
import { show } from '../../common.js';
import type { Actor, TurnInput, TurnResult } from '../../types.js';
import { knownRole } from '../steps/form-step.js';
import type { ReportContext } from './context.js';

/** Ik twijfel: the categories explained and whom to ask, by the person's own role. */
export async function doubt(ctx: ReportContext, input: TurnInput, actor: Actor): Promise<TurnResult> {
  const p = ctx.services.profile;
  const role: AmbtsdragerRole = knownRole(ctx.stepContext(input, actor)) ?? p.roles[0] ?? 'raadslid';
  const contacts = doubtContactsFor(p, role).map((r) => ctx.roleWithNames(r));
  return show(
    renderCard('twijfel', {
      categories: CATEGORIES.map((c) => categoryTexts(c, p.reportingRule)),
      twijfel: nl.twijfel,
      contactsText: fmt(nl.melding.twijfel.contacts, { contacts: contacts.join(', ') }),
    }),
  );
}
