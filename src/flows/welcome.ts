import { renderCard } from '../cards/render.js';
import type { Services } from './services.js';
import type { CardJson, ConversationKind } from './types.js';

export function welcomeCard(services: Services, options: { kind: ConversationKind; hasDraft: boolean }): CardJson {
  return renderCard('welcome', {
    hulplijnen: services.profile.hulplijnen,
    hasDraft: options.hasDraft,
    personalOnly: options.kind !== 'personal',
  });
}

export function helplinesCard(services: Services): CardJson {
  return renderCard('helplines', { hulplijnen: services.profile.hulplijnen.map(tel) });
}

/** A tap-to-call link for phones. The numbers come from the profile, never from a user. */
function tel(h: { naam: string; nummer: string; toelichting?: string | undefined }) {
  const digits = h.nummer.replace(/\s/g, '');
  return { ...h, link: `[${h.nummer}](tel:${digits})`, toelichting: h.toelichting ?? '' };
}
