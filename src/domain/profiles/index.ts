import { UnknownProfileError, ProfileOverrideError } from '../errors.js';
import { modelprotocol } from './modelprotocol.js';
import { nijmegen } from './nijmegen.js';
import { ProfileSchema, type Profile } from './schema.js';
import { utrecht } from './utrecht.js';

export * from './schema.js';

export const PROFILE_IDS = ['nijmegen', 'modelprotocol', 'utrecht'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];
export const DEFAULT_PROFILE_ID: ProfileId = 'nijmegen';

const PROFILES: Record<ProfileId, Profile> = { nijmegen, modelprotocol, utrecht };

export function isProfileId(id: string): id is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(id);
}

/** A validated deep copy, so a caller can never change the built-in data. */
export function getProfile(id: string): Profile {
  if (!isProfileId(id)) throw new UnknownProfileError(id);
  return ProfileSchema.parse(structuredClone(PROFILES[id]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars replace (an override's hulplijnen list is the whole list). */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return structuredClone(override);
  const merged: Record<string, unknown> = { ...structuredClone(base) };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in merged ? deepMerge(merged[key], value) : structuredClone(value);
  }
  return merged;
}

/**
 * Applies a deployment's override (parsed JSON, or JSON text) to a profile and validates the
 * result. Throws ProfileOverrideError naming the first bad field, e.g. "hulplijnen.0.nummer".
 */
export function applyOverrides(profile: Profile, override: unknown): Profile {
  let parsed = override;
  if (typeof override === 'string') {
    try {
      parsed = JSON.parse(override) as unknown;
    } catch (err) {
      throw new ProfileOverrideError('(root)', `geen geldige JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!isPlainObject(parsed)) throw new ProfileOverrideError('(root)', 'een override moet een JSON-object zijn');
  if ('id' in parsed && parsed.id !== profile.id) {
    throw new ProfileOverrideError('id', 'het id van een profiel kan niet worden overschreven');
  }
  const result = ProfileSchema.safeParse(deepMerge(profile, parsed));
  if (!result.success) {
    const first = result.error.issues[0];
    const unknownKey = first?.code === 'unrecognized_keys' ? first.keys[0] : undefined;
    const path = [...(first?.path ?? []), ...(unknownKey === undefined ? [] : [unknownKey])];
    throw new ProfileOverrideError(path.map(String).join('.') || '(root)', first?.message ?? 'ongeldig');
  }
  return result.data;
}
