/**
 * The yearly report (`rapport [jaar]`): counts only, small counts hidden, the year before beside
 * it. The basis for the yearly discussion of experiences (Nijmegen 4.1, Utrecht 5).
 */
export const rapport = {
  title: 'Jaarrapport {jaar}',
  toelichting: 'Alle meldingen die in {jaar} zijn gedaan, naast {vorig}. Alleen aantallen: geen namen, geen inhoud.',
  totaal: 'Meldingen in totaal',
  verborgen: '–',
  verborgenUitleg: '– betekent: minder dan {drempel}, of verborgen zodat een klein aantal niet uit het totaal valt terug te rekenen. Zo is niemand te herkennen, ook niet in een kleine organisatie.',
  herhaaldePlegers: 'Plegers met meer dan één melding',
  kolomOnderdeel: 'Onderdeel',
  tabel: {
    categorie: 'Soort gedrag',
    rol: 'Rol van de ambtsdrager',
    kanaal: 'Hoe het gebeurde',
    maand: 'Maand van melden',
    meldplicht: 'Meldplicht volgens het schema',
    status: 'Stand van de meldingen',
    ernst: 'Ernst volgens de evaluatie',
    herhalingsrisico: 'Kans op herhaling volgens de evaluatie',
    maatregelen: 'Vastgestelde maatregelen (een melding kan er meer hebben)',
  },
  status: { open: 'Nog open', afgesloten: 'Afgesloten' },
  nietGeevalueerd: 'Niet (nog niet) geëvalueerd',
  ongeldigJaar: 'Geef een jaar van 2000 tot en met {jaar}, bijvoorbeeld: rapport {jaar}.',
  geweigerd: 'Het jaarrapport is er voor de {coordinator}. Vraag het daar op.',
  alleenKanaal: 'Vraag het jaarrapport op in uw persoonlijke chat met Weerbaar, of in het gekoppelde kanaal van de {coordinator}.',
  termijnen: {
    nazorg: 'Eerste nazorggesprek na het incident',
    gesprek: 'Incidentgesprek na het incident (bij de meldingen waarvoor het is vastgesteld)',
    binnen: 'Gepland binnen de termijn',
    buiten: 'Gepland na de termijn',
    geen: 'Geen (nog geen) gesprek gepland',
    aandeel: 'Binnen de termijn (van de geplande)',
    mediaan: 'Mediaan: uren na het incident',
    procent: '{procent}%',
  },
  grafiek: {
    categorie: 'Soort gedrag in {jaar}',
    maand: 'Meldingen per maand',
    maandAs: 'Maand',
    aantalAs: 'Meldingen',
    kanaal: 'Hoe het gebeurde in {jaar}',
    status: 'Stand van de meldingen van {jaar}',
    rol: 'Rol van de ambtsdrager in {jaar}',
    zonder: '{titel} (zonder {aantal} verborgen)',
  },
  /** the roles that may ask for the report, in the refusal: "aangewezen ambtenaar Veiligheid, griffier of gemeentesecretaris" */
  rollenOf: '{eerdere} of {laatste}',
  /** the report as a file behind a link that expires, never attached to a message */
  export: {
    xlsx: 'Downloaden als Excel',
    csv: 'Downloaden als CSV',
    titel: 'Jaarrapport {jaar} als {formaat}',
    klaar: 'Het bestand staat klaar. De link werkt tot {tijd} en alleen via deze kaart; stuur hem niet door.',
    openen: 'Bestand downloaden',
    ongeldig: 'Dit verzoek om een bestand is niet te lezen. Vraag het jaarrapport opnieuw op met: rapport {jaar}.',
    kolomTabel: 'Tabel',
    kolomOnderdeel: 'Onderdeel',
    bladRapport: 'Jaarrapport {jaar}',
    bladToelichting: 'Toelichting',
  },
} as const;
