import { ALARMNUMMER, DEFAULT_DEADLINES, GEMEENTE_ROLES, labelsFor, maatregel } from './common.js';
import type { Profile } from './schema.js';

/**
 * Gemeente Nijmegen, "Protocol voorkomen en bestrijden normoverschrijdend gedrag tegen politieke
 * ambtsdragers" (februari 2022), sections 6.1-6.4. The default profile.
 */
export const nijmegen: Profile = {
  id: 'nijmegen',
  name: 'Gemeente Nijmegen',
  organisatieType: 'gemeente',
  roles: [...GEMEENTE_ROLES],
  roleLabels: labelsFor(
    [
      ...GEMEENTE_ROLES,
      'griffier', 'plaatsvervangend-griffier', 'gemeentesecretaris', 'coordinator', 'commissaris-van-de-koning',
    ],
    { coordinator: 'aangewezen ambtenaar Veiligheid' },
  ),
  // 6.1: "Raadsleden en fractieleden melden incidenten bij de griffier of de plaatsvervangend
  // griffier. De griffier stelt de burgemeester op de hoogte." The gemeentesecretaris informs the
  // aangewezen medewerker of an incident of the burgemeester: that is the coordinator, who is
  // informed of all incidents anyway.
  routing: {
    raadslid: { handlers: ['griffier', 'plaatsvervangend-griffier'], informed: ['burgemeester'] },
    fractievolger: { handlers: ['griffier', 'plaatsvervangend-griffier'], informed: ['burgemeester'] },
    fractiemedewerker: { handlers: ['griffier', 'plaatsvervangend-griffier'], informed: ['burgemeester'] },
    wethouder: { handlers: ['burgemeester', 'gemeentesecretaris'], informed: [] },
    burgemeester: { handlers: ['gemeentesecretaris'], informed: [] },
  },
  // The routing's informing is the protocol's own chain; other ambtsdragers are not Teams recipients of the bot.
  informedWithConsent: [],
  coordinatorLabel: 'aangewezen ambtenaar Veiligheid',
  reportingRule: 'schema',
  maatregelen: [
    maatregel('waarschuwing-mondeling'),
    maatregel('waarschuwing-schriftelijk'),
    maatregel('beperking-dienstverlening'),
    maatregel('toegangsontzegging', {
      label: '(Tijdelijk) ontzeggen van de toegang tot de gemeentelijke gebouwen',
      burgemeesterBesluit: true,
    }),
    maatregel('incidentgesprek'),
    maatregel('melding-politie'),
    maatregel('aangifte'),
    maatregel('registratie-politie'),
    maatregel('andere'),
  ],
  // 6.3: "burgemeester en gemeentesecretaris verlenen opvang en nazorg aan de wethouders,
  // burgemeester en griffier aan de raadsleden en fractievolgers". For the burgemeester the
  // protocol names no one; "de gesprekken kunnen worden gevoerd door gemeentesecretaris,
  // griffier en burgemeester" leaves the gemeentesecretaris.
  nazorgGivers: {
    raadslid: ['burgemeester', 'griffier'],
    fractievolger: ['burgemeester', 'griffier'],
    fractiemedewerker: ['burgemeester', 'griffier'],
    wethouder: ['burgemeester', 'gemeentesecretaris'],
    burgemeester: ['gemeentesecretaris'],
  },
  doubtContacts: ['gemeentesecretaris', 'griffier', 'burgemeester'],
  hulplijnen: [
    ALARMNUMMER,
    { naam: 'Slachtofferhulp', nummer: '0900 0101' },
    { naam: 'Instituut voor Psychotrauma', nummer: '020 840 76 20', toelichting: 'Tijdens kantooruren.', bereikbaar: 'kantooruren' },
    {
      naam: 'Instituut voor Psychotrauma (alarmnummer)',
      nummer: '088 33 05 112',
      toelichting: 'Buiten kantooruren, 24 uur per dag, 7 dagen per week.',
      bereikbaar: 'buiten-kantooruren',
    },
    {
      naam: 'Vertrouwenslijn politieke ambtsdragers',
      nummer: '0800 2800 200',
      toelichting: 'Anoniem, zeven dagen per week van 10.00 tot 17.00 uur.',
    },
    {
      naam: 'Vertrouwenslijn (kantoorlijn)',
      nummer: '088 5543 218',
      toelichting: 'Voor persoonlijke of zakelijke vragen.',
    },
  ],
  deadlines: DEFAULT_DEADLINES,
  // 6.4: "doet de gemeente daarvan, met instemming van de getroffen ambtsdrager, aangifte"
  policeByHandler: true,
  incidentgesprekBijZwaarOfRecidive: false,
  // 4: "de werkgever" warns the Inspectie SZW: for the ambtelijke organisatie that is the
  // gemeentesecretaris. 6.4: "Is de burgemeester slachtoffer, dan wordt ook de Commissaris van de
  // Koning geïnformeerd."
  taken: {
    inspectieSzw: 'gemeentesecretaris',
    extern: [{ partij: 'commissaris-van-de-koning', bij: ['burgemeester'] }],
  },
  // 5: "De voorzitter besluit in samenspraak met de griffier en de aangewezen ambtenaar Veiligheid
  // tot het doen van aangifte van de ordeverstoring." The burgemeester chairs the raad.
  vergadering: { voorzitter: 'burgemeester', samenMet: ['griffier'] },
  // 2: "Op normoverschrijdend gedrag volgt een reactie vanuit de gemeente. Daarin staan hoor en
  // wederhoor centraal." The protocol does not tie the hearing to particular measures; the Awb
  // (4:8) asks for a zienswijze before a besluit the person did not ask for, and 6.2 calls the
  // written toegangsontzegging "een besluit van de burgemeester". Who decides a beperking van de
  // dienstverlening the protocol does not say: the college, until a deployment says otherwise.
  plegerRechten: {
    horenVoor: ['beperking-dienstverlening', 'toegangsontzegging'],
    bezwaarBij: {
      toegangsontzegging: 'de burgemeester van Nijmegen',
      'beperking-dienstverlening': 'het college van burgemeester en wethouders van Nijmegen',
    },
  },
};
