import { nl } from '../../shared/i18n/nl.js';
import type { MaatregelType, Role } from '../types.js';
import type { DeadlineRule, Hulplijn, MaatregelDef } from './schema.js';

/** Building blocks the three profiles share; each profile file stays a page of plain data. */

export { GEMEENTE_ROLES } from '../types.js';

export function labelsFor(roles: readonly Role[], overrides: Partial<Record<Role, string>> = {}): Partial<Record<Role, string>> {
  const labels: Partial<Record<Role, string>> = {};
  for (const role of roles) labels[role] = overrides[role] ?? nl.roles[role];
  return labels;
}

const RESTRICTIVE: readonly MaatregelType[] = ['beperking-dienstverlening', 'toegangsontzegging'];

export function maatregel(
  type: MaatregelType,
  options: { label?: string; burgemeesterBesluit?: boolean } = {},
): MaatregelDef {
  return {
    type,
    label: options.label ?? nl.maatregel[type],
    restrictive: RESTRICTIVE.includes(type),
    burgemeesterBesluit: options.burgemeesterBesluit ?? false,
    requiresAangifteConsent: type === 'aangifte',
  };
}

/**
 * The deadlines of PROTOCOL.md section 4. The nazorg conversations come from the municipal
 * protocols, the 72-hour and 2-working-day rules and the herstelgesprek from the Utrecht
 * handreiking; every profile carries all of them (a deployment may override).
 * The police appointment is due at the end of the office day (17:00) of the 2nd working day
 * after the day of the incident; the herstelgesprek opens 5 working days before a restrictive
 * measure ends and is due when it ends.
 */
export const DEFAULT_DEADLINES: DeadlineRule[] = [
  { kind: 'nazorg-1', when: 'altijd', due: { hours: 24 } },
  { kind: 'nazorg-2', when: 'altijd', due: { days: 3 } },
  { kind: 'nazorg-3', when: 'altijd', notBefore: { weeks: 4 }, due: { weeks: 6 } },
  { kind: 'incidentgesprek', when: 'altijd', due: { hours: 72 } },
  { kind: 'maatregelen', when: 'altijd', due: { hours: 72 } },
  { kind: 'politie-afspraak', when: 'strafbaar-vermoeden', due: { workingDays: 2, at: '17:00' } },
  { kind: 'inspectie-szw', when: 'letsel', due: { hours: 24 } },
  { kind: 'herstelgesprek', when: 'beperkende-maatregel', notBefore: { workingDays: -5 }, due: { hours: 0 } },
];

export const ALARMNUMMER: Hulplijn = {
  naam: 'Alarmnummer',
  nummer: '112',
  toelichting: 'Bij direct gevaar: bel 112 en zeg waar u bent.',
};
