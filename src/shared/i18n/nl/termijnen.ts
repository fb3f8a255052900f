/** Reminders before a deadline and escalations after it: the melding's number and what is due, never its content. */
export const termijnen = {
  herinnering: 'Herinnering bij melding {number}: {wat} moet uiterlijk {wanneer} gebeuren. Open de melding om het af te handelen.',
  escalatie: 'Termijn verstreken bij melding {number}: {wat} moest uiterlijk {wanneer} gebeuren en staat nog open. Behandelaar: {behandelaar}.',
  openen: 'Melding openen',
  wat: {
    'nazorg-1': 'het eerste nazorggesprek',
    'nazorg-2': 'het tweede nazorggesprek',
    'nazorg-3': 'het derde nazorggesprek',
    incidentgesprek: 'het incidentgesprek met de pleger',
    maatregelen: 'het besluit over maatregelen',
    'politie-afspraak': 'de afspraak met de politie',
    'inspectie-szw': 'de melding bij de Arbeidsinspectie',
    herstelgesprek: 'het herstelgesprek',
  },
  /** a deadline's state in words on the cards (not only in colour) */
  staat: {
    opTijd: 'Op tijd: nog {span}',
    bijna: 'Bijna te laat: nog {span}',
    teLaat: 'Te laat: {span} over de termijn',
    nogNiet: 'Nog niet aan de beurt',
    uren: '{hours} uur',
    dag: '1 dag',
    dagen: '{days} dagen',
  },
} as const;
