/** "Melden bij Weerbaar" on a Teams message: the dialog, and the message kept as evidence. */
export const bericht = {
  dialoogTitel: 'Melden bij Weerbaar',
  verder:
    'Uw melding gaat verder in uw persoonlijke chat met Weerbaar. Daar staat dit bericht als bewijs bij uw melding en beantwoordt u de vragen.',
  geenChat:
    'Uw melding staat klaar, met dit bericht als bewijs. Open uw persoonlijke chat met Weerbaar (met de knop hieronder, of zoek Weerbaar onder Chat) en typ daar: melden.',
  nietsGeplaatst: 'In het gesprek waar dit bericht staat, plaatst Weerbaar niets: niemand daar ziet dat u meldt.',
  openChat: 'Open de chat met Weerbaar',
  alBezig:
    'U heeft al een melding die nog niet is afgerond. Rond die eerst af of annuleer hem in uw persoonlijke chat met Weerbaar, en kies daarna opnieuw Melden bij Weerbaar bij dit bericht.',
  onleesbaar:
    'Weerbaar kon dit bericht niet lezen. Meld het incident in uw persoonlijke chat met Weerbaar (typ: melden) en beschrijf het bericht daar zelf, of voeg een schermafbeelding toe.',
  /** the place of the incident, filled in for a reported Teams message */
  locatie: 'Microsoft Teams',
  bewijs: {
    titel: 'Bewijs: Teams-bericht (kopie)',
    intro: 'U meldt dit Teams-bericht. Weerbaar heeft er een kopie van bewaard bij uw melding; alleen wie uw melding behandelt, ziet die. Beantwoord hieronder de vragen.',
    afzender: 'Afzender: {name}',
    verzonden: 'Verzonden: {date}',
    bewerkt: 'Let op: dit bericht is bewerkt op {date}. Dit is de bewerkte tekst; de eerdere tekst heeft Weerbaar niet.',
    verwijderd: 'Let op: dit bericht is verwijderd. Teams gaf de tekst die hieronder staat; die kan leeg zijn.',
    verwijderdOp: 'Let op: dit bericht is verwijderd op {date}. Teams gaf de tekst die hieronder staat; die kan leeg zijn.',
    link: 'Link naar het bericht: {link}',
    tekst: 'Tekst van het bericht:',
    geenTekst: '(Het bericht had geen tekst.)',
    ingekort: 'Ingekort: alleen de eerste {kept} tekens van het bericht zijn bewaard.',
    bestand: 'Bijlage: {name} ({type}). Het bestand zelf is niet bewaard.',
    kaart: 'Kaart in het bericht ({type}). Alleen de tekst ervan is bewaard:',
    kaartLeeg: 'Kaart in het bericht ({type}). De inhoud ervan is niet bewaard.',
    citaat: 'Het bericht citeert een ander bericht ({type}). Dat citaat is niet bewaard.',
    overig: 'Onderdeel van het bericht: {name} ({type}). Niet bewaard.',
    meer: 'Nog {count} bijlagen of onderdelen; niet bewaard.',
  },
  /** the dialog's question for a person in several organisations */
  organisatie: {
    kiesFout: 'Kies de organisatie waarvoor u meldt.',
    verder: 'Verder',
    geweigerd:
      'Weerbaar kon uw keuze niet gebruiken: kies een organisatie waar u bij hoort. Er is niets bewaard. Kies opnieuw Melden bij Weerbaar bij het bericht.',
  },
} as const;
