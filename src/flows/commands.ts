/** Where the Teams manifest offers a command in its menu: the personal chat or a team's channels. */
export type MenuScope = 'personal' | 'team';

export interface MenuEntry {
  scope: MenuScope;
  description: string;
}

export interface CommandSpec {
  /** what the person types; the router matches it at the start of a message, case-insensitively */
  text: string;
  /**
   * the manifest's menu entry (appPackage/manifest.json lists it, in this order, with this
   * description), or one entry per scope when a command is offered in both
   */
  menu?: MenuEntry | readonly MenuEntry[];
}

/**
 * Every text command the bot answers, once. The router and the flows register their handlers
 * under these names; a test keeps handlers, this list and the manifest in step. A command without
 * a menu entry is answered when typed but not offered in Teams' command menu.
 */
export const COMMANDS = {
  melden: { text: 'melden', menu: { scope: 'personal', description: 'Meld een incident van agressie of intimidatie' } },
  mijnMeldingen: { text: 'mijn meldingen', menu: { scope: 'personal', description: 'Bekijk uw eigen meldingen en hun status' } },
  hulplijnen: { text: 'hulplijnen', menu: { scope: 'personal', description: 'Telefoonnummers voor hulp en advies' } },
  help: { text: 'help', menu: { scope: 'personal', description: 'Wat Weerbaar voor u doet' } },
  hallo: { text: 'hallo' },
  start: { text: 'start' },
  twijfel: { text: 'twijfel' },
  koppel: { text: 'koppel', menu: { scope: 'team', description: 'Koppel dit kanaal aan een rol, bijv. koppel griffier' } },
  kanalen: { text: 'kanalen', menu: { scope: 'team', description: 'Toon welke kanalen aan welke rol gekoppeld zijn' } },
  mislukt: { text: 'mislukt', menu: { scope: 'team', description: 'Toon mislukte taken en probeer ze opnieuw (coördinator)' } },
  overzicht: {
    text: 'overzicht',
    menu: [
      { scope: 'personal', description: 'Open meldingen op urgentie: die u behandelt (de coördinator: alle)' },
      { scope: 'team', description: 'Alle open meldingen op urgentie (kanaal van de coördinator)' },
    ],
  },
  rapport: {
    text: 'rapport',
    menu: [
      { scope: 'personal', description: 'Jaarrapport in aantallen, bijv. rapport 2026 (coördinator)' },
      { scope: 'team', description: 'Jaarrapport in aantallen (kanaal van de coördinator)' },
    ],
  },
  plegerInzage: {
    text: 'pleger-inzage',
    menu: [
      { scope: 'personal', description: 'Inzageverzoek van een pleger: wat is over hem of haar vastgelegd, bijv. pleger-inzage Jan Jansen (coördinator)' },
      { scope: 'team', description: 'Inzageverzoek van een pleger (kanaal van de coördinator)' },
    ],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** A command's menu entries, one per scope it is offered in. */
export function menuEntries(spec: CommandSpec): readonly MenuEntry[] {
  if (spec.menu === undefined) return [];
  return 'scope' in spec.menu ? [spec.menu] : spec.menu;
}

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
