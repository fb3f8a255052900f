/**
 * Every error code the project throws, in one list, so that a typo where one is thrown fails to
 * compile. The codes reach the logs and are stored as a parked job's lastError, which the
 * coordinator reads back: never rename one.
 */

/** Why a calendar adapter gave up (src/calendar); the worker retries 'throttled' and 'unavailable'. */
export const CALENDAR_ERROR_CODES = ['throttled', 'unavailable', 'forbidden', 'not-found', 'invalid'] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/** Why a job failed: the code of a RetryableError or PermanentError (src/jobs/errors.ts). */
export const JOB_ERROR_CODES = [
  // the worker itself
  'unknown-job-type',
  'invalid-payload',
  'poison-message',
  'abandoned',
  // a melding and its conversations
  'incident-not-found',
  'invalid-state',
  'no-conversation-known',
  'channel-not-linked',
  // Teams (besides `teams-<HTTP status>`)
  'teams-unreachable',
  'teams-no-activity-id',
  'teams-no-connector',
  'roster-malformed',
  'roster-too-many-pages',
  // the agenda (besides `calendar-<calendar code>`)
  'nazorg-receiver-unknown',
  'nazorg-giver-unknown',
  'nazorg-deadline-missing',
  'handler-unknown',
  'no-end-date',
  'no-free-moment',
  'booking-not-found',
  'booking-cancelled',
  'booking-not-ready',
  'agenda-busy',
] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number] | `calendar-${CalendarErrorCode}` | `teams-${number}`;

/** The `code` of the domain's typed errors (src/domain/errors.ts). */
export const DOMAIN_ERROR_CODES = ['unknown-role', 'unknown-profile', 'invalid-profile-override'] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];
