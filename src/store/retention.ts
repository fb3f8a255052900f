/**
 * How long Weerbaar keeps what it stored about a melding. Nothing deletes it automatically yet:
 * the organisation sets a retention period, and the feature that applies it changes this one
 * value, so the privacy statement (src/pages/privacy.ts) keeps telling what the bot really does.
 */
export type Retention = { automatic: false } | { automatic: true; daysAfterClosing: number };

export const RETENTION: Retention = { automatic: false };
