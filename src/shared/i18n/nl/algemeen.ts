export const common = {
  stepOf: 'Stap {n} van {total}',
  next: 'Volgende',
  previous: 'Vorige',
  cancel: 'Annuleren',
  yes: 'Ja',
  no: 'Nee',
  unknown: 'Onbekend',
  edit: 'Wijzigen',
  none: 'Geen',
  required: 'Dit veld is verplicht.',
  home: 'Naar het begin',
} as const;

export const welcome = {
  title: 'Welkom bij Weerbaar',
  intro:
    'Bent u als politieke ambtsdrager bedreigd, geïntimideerd, beledigd of aangevallen? Hier meldt u dat veilig en vertrouwelijk. Weerbaar zet uw melding door naar wie hem volgens het protocol afhandelt, en zorgt dat de nazorggesprekken worden ingepland.',
  confidential: 'Alleen de mensen die het protocol noemt, zien uw melding.',
  danger: 'Bent u nu in gevaar? Bel direct 112.',
  report: 'Incident melden',
  doubt: 'Ik twijfel of ik moet melden',
  helplines: 'Hulplijnen',
  myReports: 'Mijn meldingen',
  resume: 'Verder met mijn melding',
  resumeNote: 'U heeft een melding die nog niet is afgerond.',
  personalOnly:
    'Meldingen zijn vertrouwelijk. Open een persoonlijk chatgesprek met Weerbaar om te melden; in een groepschat of kanaal kan dat niet.',
} as const;

export const helplines = {
  title: 'Hulplijnen',
  intro: 'U hoeft het niet alleen te doen. Deze nummers zijn er voor u:',
  emergency: 'In nood: bel 112.',
} as const;

export const errors = {
  generic: 'Er ging iets mis aan onze kant. Uw gegevens zijn bewaard; probeer het zo nog eens.',
  unknownAction: 'Deze actie kennen we niet. Gebruik de knoppen op de nieuwste kaart.',
  checkFields: 'Niet alles is goed ingevuld. Kijk bij de velden met een melding in rood.',
  invalidPayload: 'De gegevens van deze kaart zijn niet geldig. Er is niets gewijzigd.',
  noIdentity: 'We kunnen niet vaststellen wie u bent. Er is niets gewijzigd.',
  notYourDraft: 'Deze kaart hoort bij een andere melding dan die nu voor u openstaat. Er is niets gewijzigd. Gebruik de nieuwste kaart, of typ "melden" om verder te gaan.',
  staleStep: 'Deze kaart is niet meer actueel. Hieronder staat de stap waar u was.',
  draftGone: 'Deze melding bestaat niet meer (afgerond of geannuleerd).',
  conflict: 'Iemand anders heeft dit net gewijzigd. Hieronder ziet u de actuele stand.',
  tooLong: 'Maximaal {max} tekens (u heeft er {length}).',
  downloadTeGroot: 'Het bestand wordt te groot om als download aan te bieden (meer dan {mb} MB). Neem contact op met de beheerder van Weerbaar.',
} as const;

/** Every turn gets this while the people file is missing or invalid (src/not-configured.ts). */
export const nietIngericht = {
  bericht:
    'Weerbaar is nog niet ingericht: de beheerder moet de installatie nog afronden. Wat u stuurde, is niet opgeslagen. Neem contact op met uw beheerder. Bent u in gevaar? Bel direct 112.',
  /** for the administrator, in the log after the reason */
  wacht: 'Weerbaar draait zonder meldingen te verwerken tot er een geldig personenbestand is, en kijkt elke {seconden} seconden opnieuw; herstarten is niet nodig.',
} as const;
