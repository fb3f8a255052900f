/**
 * Every word the bot shows, in Dutch (nl-NL). Card templates read this as `t`;
 * code reads it through `nl`. To add English, add a sibling with the same shape.
 */
export const nl = {
  appName: 'Weerbaar',
  common: {
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
  },
  welcome: {
    title: 'Welkom bij Weerbaar',
    intro:
      'Bent u als politieke ambtsdrager bedreigd, geïntimideerd, beledigd of aangevallen? Hier meldt u dat veilig en vertrouwelijk. ' +
      'Weerbaar zet uw melding door naar wie hem volgens het protocol afhandelt, en zorgt dat de nazorggesprekken worden ingepland.',
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
  },
  helplines: {
    title: 'Hulplijnen',
    intro: 'U hoeft het niet alleen te doen. Deze nummers zijn er voor u:',
    emergency: 'In nood: bel 112.',
  },
  errors: {
    generic: 'Er ging iets mis aan onze kant. Uw gegevens zijn bewaard; probeer het zo nog eens.',
    unknownAction: 'Deze actie kennen we niet. Gebruik de knoppen op de nieuwste kaart.',
    invalidPayload: 'De gegevens van deze kaart zijn niet geldig. Er is niets gewijzigd.',
    noIdentity: 'We kunnen niet vaststellen wie u bent. Er is niets gewijzigd.',
    notYourDraft: 'Deze melding is niet van u. Er is niets gewijzigd.',
    staleStep: 'Deze kaart is niet meer actueel. Hieronder staat de stap waar u was.',
    draftGone: 'Deze melding bestaat niet meer (afgerond of geannuleerd).',
    conflict: 'Iemand anders heeft dit net gewijzigd. Hieronder ziet u de actuele stand.',
    tooLong: 'Maximaal {max} tekens (u heeft er {length}).',
  },
} as const;

export type Catalogue = typeof nl;

/** Fills `{name}` placeholders. Values are inserted literally. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = values[key];
    return v === undefined ? whole : String(v);
  });
}
