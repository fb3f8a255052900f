/**
 * One pleger, several ambtsdragers: what the handler's and the coordinator's card say when the
 * pleger of a melding also appears in meldingen about other ambtsdragers, and the coordinator's
 * overview of such plegers. Counts and melding numbers only: never who the pleger is.
 */
export const plegerSignaal = {
  titel: 'Deze pleger is eerder gemeld',
  /** the counts, one form each for one and for more */
  meldingenEen: 'Deze pleger komt voor in 1 andere melding',
  meldingenMeer: 'Deze pleger komt voor in {count} andere meldingen',
  ambtsdragersEen: '{meldingen}, over 1 andere ambtsdrager.',
  ambtsdragersMeer: '{meldingen}, over {count} andere ambtsdragers.',
  herhaald: 'Voor de organisatie is dit een herhaald incident: dat weegt mee in de voorgestelde maatregelen.',
  bekijken: 'Melding {number} bekijken',
  nietInzien: 'Hier niet te openen: {count} van deze meldingen. Hun behandelaars zien ze wel.',
  nietInzienAlle: 'Deze meldingen zijn hier niet te openen. Hun behandelaars zien ze wel.',
  /** the coordinator's overview (`overzicht`) */
  overzicht: {
    titel: 'Plegers bij meer dan één ambtsdrager',
    toelichting: 'Dezelfde pleger (op naam, e-mailadres, account of kenteken) in meldingen over verschillende ambtsdragers. Zonder namen: open een melding om de gegevens te zien.',
    regel: 'Pleger {n}: {meldingen} meldingen over {ambtsdragers} ambtsdragers',
    meer: 'En nog {count} plegers bij meer dan één ambtsdrager.',
  },
  /** across the organisations of one deployment, when they consented: how many, and for the coordinator which */
  elders: {
    een: 'Deze pleger is ook bekend bij 1 andere organisatie in deze omgeving.',
    meer: 'Deze pleger is ook bekend bij {count} andere organisaties in deze omgeving.',
    namen: 'Ook bekend bij: {namen}.',
    contact:
      'U kunt contact opnemen met de coördinator van die organisatie. Weerbaar geeft geen meldingen door tussen organisaties: wat u uitwisselt, spreekt u samen af.',
  },
} as const;
