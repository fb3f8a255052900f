import { ALARMNUMMER, DEFAULT_DEADLINES, GEMEENTE_ROLES, labelsFor, maatregel } from './common.js';
import type { Profile } from './schema.js';

/**
 * Netwerk Weerbaar Bestuur, "Veilig en integer werken — Agressieprotocol voor politieke
 * ambtsdragers" (the model protocol), sections 5.1-5.4.
 */
export const modelprotocol: Profile = {
  id: 'modelprotocol',
  name: 'Modelprotocol Netwerk Weerbaar Bestuur',
  organisatieType: 'gemeente',
  roles: [...GEMEENTE_ROLES],
  roleLabels: labelsFor([
    ...GEMEENTE_ROLES,
    'griffier', 'gemeentesecretaris', 'ambtenaar-oov', 'coordinator',
  ]),
  // 5.1: raadsleden en fractieleden -> griffier (informs the burgemeester); wethouders ->
  // burgemeester (informs the gemeentesecretaris); burgemeester -> gemeentesecretaris (informs
  // the griffier and involves the ambtenaar Openbare Orde en Veiligheid).
  routing: {
    raadslid: { handlers: ['griffier'], informed: ['burgemeester'] },
    fractievolger: { handlers: ['griffier'], informed: ['burgemeester'] },
    fractiemedewerker: { handlers: ['griffier'], informed: ['burgemeester'] },
    wethouder: { handlers: ['burgemeester'], informed: ['gemeentesecretaris'] },
    burgemeester: { handlers: ['gemeentesecretaris'], informed: ['griffier', 'ambtenaar-oov'] },
  },
  // The routing's informing is the protocol's own chain; other ambtsdragers are not Teams recipients of the bot.
  informedWithConsent: [],
  coordinatorLabel: 'coördinator agressie en geweld',
  reportingRule: 'tenzij-aanhoudend',
  // 5.2 lists no "afspraak op locatie of persoon" (registratie-politie); Nijmegen does.
  maatregelen: [
    maatregel('waarschuwing-mondeling'),
    maatregel('waarschuwing-schriftelijk'),
    maatregel('beperking-dienstverlening'),
    maatregel('toegangsontzegging', {
      label: '(Tijdelijk) ontzeggen van de toegang tot de gemeentelijke gebouwen',
      burgemeesterBesluit: true,
    }),
    maatregel('incidentgesprek', { label: 'Incidentgesprek met de pleger' }),
    maatregel('melding-politie'),
    maatregel('aangifte'),
    maatregel('andere'),
  ],
  // 5.3: "De burgemeester is de eerst aangewezen persoon om opvang en nazorg te verlenen aan de
  // wethouders, de griffier aan de raads- en commissieleden." Nothing is said for the
  // burgemeester: the gemeentesecretaris, who handles his melding.
  nazorgGivers: {
    raadslid: ['griffier'],
    fractievolger: ['griffier'],
    fractiemedewerker: ['griffier'],
    wethouder: ['burgemeester'],
    burgemeester: ['gemeentesecretaris'],
  },
  // 5.1: "contact op te nemen met de burgemeester en/of de griffier"
  doubtContacts: ['burgemeester', 'griffier'],
  // The model protocol prints no numbers but 112 (the Instituut voor Psychotrauma and the
  // Vertrouwenslijn are named without one): a deployment adds its own netwerklijst by override.
  hulplijnen: [ALARMNUMMER],
  deadlines: DEFAULT_DEADLINES,
  // 5.4: "doet ... de gerechtigd vertegenwoordiger van de gemeente daarvan aangifte"
  policeByHandler: true,
  incidentgesprekBijZwaarOfRecidive: false,
  // "de werkgever" warns the Inspectie SZW; the model names nobody outside the gemeente to inform.
  taken: { inspectieSzw: 'gemeentesecretaris', extern: [] },
  // "De voorzitter besluit in samenspraak met de griffier en de coördinator agressie en geweld tot
  // het doen van aangifte van de ordeverstoring."
  vergadering: { voorzitter: 'burgemeester', samenMet: ['griffier'] },
  // 3: "Daarin staan hoor en wederhoor centraal" (not tied to particular measures; the Awb 4:8 asks
  // for a zienswijze before a besluit); 5.2: the written toegangsontzegging "is een besluit van de
  // burgemeester". Who decides a beperking van de dienstverlening the model does not say.
  plegerRechten: {
    horenVoor: ['beperking-dienstverlening', 'toegangsontzegging'],
    bezwaarBij: {
      toegangsontzegging: 'de burgemeester',
      'beperking-dienstverlening': 'het college van burgemeester en wethouders',
    },
  },
};
