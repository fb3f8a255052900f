/**
 * The text commands the bot answers, by scope. The Teams manifest lists the same
 * commands (a test keeps both in step).
 */
export const PERSONAL_COMMANDS = [
  { command: 'melden', title: 'Incident melden', description: 'Meld een incident van agressie of intimidatie' },
  { command: 'mijn meldingen', title: 'Mijn meldingen', description: 'Bekijk uw eigen meldingen en hun status' },
  { command: 'hulplijnen', title: 'Hulplijnen', description: 'Telefoonnummers voor hulp en advies' },
  { command: 'help', title: 'Help', description: 'Wat Weerbaar voor u doet' },
] as const;

export const CHANNEL_COMMANDS = [
  { command: 'koppel', title: 'Koppel kanaal', description: 'Koppel dit kanaal aan een rol, bijv. koppel griffier' },
  { command: 'kanalen', title: 'Gekoppelde kanalen', description: 'Toon welke kanalen aan welke rol gekoppeld zijn' },
  { command: 'mislukt', title: 'Mislukte taken', description: 'Toon mislukte taken en probeer ze opnieuw (coördinator)' },
] as const;
