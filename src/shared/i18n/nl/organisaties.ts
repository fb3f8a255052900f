/** One deployment for several organisations: choosing one, and refusing a card of another. */
export const organisaties = {
  vraagMelden: 'Voor welke organisatie meldt u?',
  vraag: 'Voor welke organisatie is dit?',
  toelichting: 'U hoort bij meer dan één organisatie in Weerbaar. Uw keuze bepaalt wie het ontvangt; de andere organisatie ziet er niets van.',
  andereOrganisatie: 'Deze kaart hoort bij een organisatie waar u niet bij hoort. Er is niets gedaan.',
  anderKanaal: 'Dit kanaal is gekoppeld aan een andere organisatie. Er is niets gedaan.',
  kopje: 'Bij {naam}:',
  perOrganisatie: 'U hoort bij meer dan één organisatie: hieronder het antwoord van elk.',
} as const;
