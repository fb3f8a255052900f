import { z } from 'zod';
import type { DayHours } from '../calendar/slots.js';
import { AGENDA_ENV_VARS, ConfigError, opt, parseEnv } from '../config.js';

/**
 * The agenda's own settings, read from the environment with local defaults. Kept apart from
 * src/config.ts so the calendar can be tuned without touching the bot's core configuration.
 */
/**
 * Only for a local run: with the public default anyone could compute a person's feed address,
 * so elsewhere the feeds stay off until WEERBAAR_CALENDAR_SECRET is set.
 */
export const LOCAL_FEED_SECRET = 'weerbaar-lokaal-agenda-geheim';
export const DEFAULT_SAFE_LOCATION = 'Gespreksruimte met alarmknop, gemeentehuis';
export const DEFAULT_NAZORG_NOTICE_MINUTES = 120;

export interface AgendaConfig {
  /** HMAC key for the feed tokens: a token reveals nothing and cannot be made without it. */
  feedSecret?: string;
  safeLocation: string;
  hours: DayHours;
  durationMinutes: number;
  /** In person at this place; online (Teams) when absent. */
  nazorgLocation?: string;
  /** The coordinator attends the incidentgesprek and herstelgesprek too. */
  coordinatorAttendsGesprek: boolean;
  /**
   * The first nazorg conversation is not booked sooner than this after the booking, so the
   * giver can clear the time; unless the melder asked for it as soon as possible.
   */
  nazorgNoticeMinutes: number;
}

const EnvSchema = z.object({
  WEERBAAR_CALENDAR_SECRET: opt(z.string().min(16)),
  WEERBAAR_SAFE_LOCATION: opt(z.string().min(1).max(200)),
  WEERBAAR_AGENDA_HOURS: opt(z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'bijvoorbeeld 09:00-17:00')),
  WEERBAAR_AGENDA_MINUTES: opt(z.coerce.number().int().min(15).max(240)),
  WEERBAAR_NAZORG_LOCATION: opt(z.string().min(1).max(200)),
  WEERBAAR_INCIDENTGESPREK_COORDINATOR: opt(z.enum(['true', 'false'])),
  WEERBAAR_NAZORG_NOTICE_MINUTES: opt(z.coerce.number().int().min(0).max(720)),
});

/** A ConfigError of the agenda's variables (the variable is named in the message). */
export class AgendaConfigError extends ConfigError {}

export function loadAgendaConfig(env: NodeJS.ProcessEnv = process.env): AgendaConfig {
  const e = parseEnv(EnvSchema, AGENDA_ENV_VARS, env);
  const [start = '09:00', end = '17:00'] = (e.WEERBAAR_AGENDA_HOURS ?? '09:00-17:00').split('-');
  if (start >= end) throw new AgendaConfigError('WEERBAAR_AGENDA_HOURS', 'het begin moet voor het einde liggen');
  return {
    ...(e.WEERBAAR_CALENDAR_SECRET ? { feedSecret: e.WEERBAAR_CALENDAR_SECRET } : {}),
    safeLocation: e.WEERBAAR_SAFE_LOCATION ?? DEFAULT_SAFE_LOCATION,
    hours: { start, end },
    durationMinutes: e.WEERBAAR_AGENDA_MINUTES ?? 60,
    ...(e.WEERBAAR_NAZORG_LOCATION ? { nazorgLocation: e.WEERBAAR_NAZORG_LOCATION } : {}),
    coordinatorAttendsGesprek: e.WEERBAAR_INCIDENTGESPREK_COORDINATOR === 'true',
    nazorgNoticeMinutes: e.WEERBAAR_NAZORG_NOTICE_MINUTES ?? DEFAULT_NAZORG_NOTICE_MINUTES,
  };
}
