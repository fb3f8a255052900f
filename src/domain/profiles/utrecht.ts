import { ALARMNUMMER, DEFAULT_DEADLINES, labelsFor, maatregel } from './common.js';
import type { Profile } from './schema.js';

/**
 * "Handreiking Weerbaar Bestuur in de provincie Utrecht": province, water boards and the
 * municipalities in the province. Section 2 holds the routing table ("indicatief").
 */
export const utrecht: Profile = {
  id: 'utrecht',
  name: 'Weerbaar Bestuur provincie Utrecht',
  organisatieType: 'provincie',
  roles: [
    'commissaris-van-de-koning',
    'gedeputeerde',
    'statenlid',
    'burgemeester',
    'wethouder',
    'raadslid',
    'dijkgraaf',
    'dagelijks-bestuurslid',
    'algemeen-bestuurslid',
    // not in the handreiking's table; PROTOCOL.md counts former office holders as ambtsdragers
    'oud-raadslid',
    'oud-wethouder',
    'oud-burgemeester',
  ],
  roleLabels: labelsFor(
    [
      'commissaris-van-de-koning', 'gedeputeerde', 'statenlid', 'burgemeester', 'wethouder', 'raadslid',
      'dijkgraaf', 'dagelijks-bestuurslid', 'algemeen-bestuurslid',
      'oud-raadslid', 'oud-wethouder', 'oud-burgemeester',
      'provinciesecretaris', 'statengriffier', 'minister-bzk', 'gemeentesecretaris', 'griffier',
      'secretaris-directeur', 'secretaris', 'coordinator',
    ],
    { raadslid: 'gemeenteraadslid', 'oud-raadslid': 'oud-gemeenteraadslid', coordinator: 'coördinator Veilige Publieke Taak (VPT)' },
  ),
  // The last row "gemeenteraadslid / Statenlid / algemeen bestuurslid -> griffier / secretaris ->
  // burgemeester / commissaris van de Koning / dijkgraaf" is read column by column; the griffier
  // of Provinciale Staten is the statengriffier.
  routing: {
    'commissaris-van-de-koning': { handlers: ['provinciesecretaris'], informed: ['minister-bzk', 'statengriffier'] },
    gedeputeerde: { handlers: ['provinciesecretaris'], informed: ['commissaris-van-de-koning'] },
    burgemeester: { handlers: ['gemeentesecretaris'], informed: ['commissaris-van-de-koning', 'griffier'] },
    wethouder: { handlers: ['gemeentesecretaris'], informed: ['burgemeester'] },
    dijkgraaf: { handlers: ['secretaris-directeur'], informed: ['secretaris', 'commissaris-van-de-koning'] },
    'dagelijks-bestuurslid': { handlers: ['secretaris-directeur'], informed: ['dijkgraaf'] },
    raadslid: { handlers: ['griffier'], informed: ['burgemeester'] },
    statenlid: { handlers: ['statengriffier'], informed: ['commissaris-van-de-koning'] },
    'algemeen-bestuurslid': { handlers: ['secretaris'], informed: ['dijkgraaf'] },
  },
  // The handreiking's "wie wordt geïnformeerd" column is indicatief: the political ambtsdragers in it wait for consent.
  informedWithConsent: ['commissaris-van-de-koning', 'burgemeester', 'dijkgraaf', 'minister-bzk'],
  coordinatorLabel: 'coördinator Veilige Publieke Taak (VPT)',
  reportingRule: 'altijd',
  maatregelen: [
    maatregel('waarschuwing-mondeling'),
    maatregel('waarschuwing-schriftelijk'),
    maatregel('beperking-dienstverlening', { label: 'Beperkende maatregelen of contactafspraken' }),
    maatregel('toegangsontzegging'),
    maatregel('incidentgesprek', { label: 'Incidentgesprek met de pleger (herstelgesprek volgt)' }),
    maatregel('melding-politie'),
    maatregel('aangifte'),
    maatregel('andere'),
  ],
  // The handreiking names no nazorg givers per role ("nazorg is maatwerk", the coördinator VPT
  // helps to organise it): the handler of the melding offers it.
  nazorgGivers: {
    'commissaris-van-de-koning': ['provinciesecretaris'],
    gedeputeerde: ['provinciesecretaris'],
    burgemeester: ['gemeentesecretaris'],
    wethouder: ['gemeentesecretaris'],
    dijkgraaf: ['secretaris-directeur'],
    'dagelijks-bestuurslid': ['secretaris-directeur'],
    raadslid: ['griffier'],
    statenlid: ['statengriffier'],
    'algemeen-bestuurslid': ['secretaris'],
  },
  // Everything is reported here; in doubt the ambtsdrager turns to the handler of his role.
  doubtContacts: [],
  // As printed in the handreiking, plus 112 (safety first, PROTOCOL.md section 7).
  hulplijnen: [
    ALARMNUMMER,
    {
      naam: 'Vertrouwenslijn',
      nummer: '088 5543 288',
      toelichting: 'Steun na een incident en hulp bij de afweging om te melden of aangifte te doen.',
    },
    { naam: 'Crisislijn NGB', nummer: '070 373 8080', toelichting: 'Voor burgemeesters, 24 uur per dag.' },
    {
      naam: 'Slachtofferloket Utrecht (arrondissementsparket Midden-Nederland)',
      nummer: '088 633 1580',
      toelichting: 'Juridisch advies over schadeverhaal bij ernstige zaken.',
    },
  ],
  deadlines: DEFAULT_DEADLINES,
  // "Politieke ambtsdragers worden afgeraden om zelf aangifte te doen": the handler files it,
  // supported by the coördinator VPT.
  policeByHandler: true,
  incidentgesprekBijZwaarOfRecidive: true,
  // 4: the provinciesecretaris, gemeentesecretaris, secretaris-directeur, secretaris or griffier
  // warns the Inspectie SZW: the handlers of the table. Its informed parties outside the victim's
  // own organisation: the Minister van BZK for the Commissaris van de Koning, the Commissaris van
  // de Koning for a burgemeester and a dijkgraaf.
  // "Indien ondersteuning gewenst is, wordt de provinciale coördinator betrokken"; "kan adviseren":
  // the coördinator VPT hears of a melding when a handler calls them in, not of every melding.
  coordinatorInformed: 'op-verzoek',
  taken: {
    inspectieSzw: 'behandelaar',
    extern: [
      { partij: 'minister-bzk', bij: ['commissaris-van-de-koning'] },
      { partij: 'commissaris-van-de-koning', bij: ['burgemeester', 'dijkgraaf'] },
    ],
  },
  // The handreiking has no "hoor en wederhoor" and no bezwaar, but in the incidentgesprek "worden
  // eventuele beperkende maatregelen en/of contactafspraken gemaakt" with the pleger present, and
  // a change after the herstelgesprek "wordt schriftelijk bevestigd aan de pleger": the pleger is
  // heard before such a measure. It serves a province, water boards and municipalities and names
  // no one who decides a measure: Gedeputeerde Staten for the province; a water board or a
  // municipality overrides (dagelijks bestuur, burgemeester, college).
  plegerRechten: {
    horenVoor: ['beperking-dienstverlening', 'toegangsontzegging'],
    bezwaarBij: {
      toegangsontzegging: 'Gedeputeerde Staten van Utrecht',
      'beperking-dienstverlening': 'Gedeputeerde Staten van Utrecht',
    },
  },
};
