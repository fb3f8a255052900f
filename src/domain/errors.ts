import type { DomainErrorCode } from '../shared/error-codes.js';

/** Typed errors of the domain; callers switch on `code`, never on the message. */

export class UnknownRoleError extends Error {
  readonly code = 'unknown-role' satisfies DomainErrorCode;
  constructor(
    readonly profileId: string,
    readonly role: string,
  ) {
    super(`Role "${role}" is not known in profile "${profileId}"`);
    this.name = 'UnknownRoleError';
  }
}

export class UnknownProfileError extends Error {
  readonly code = 'unknown-profile' satisfies DomainErrorCode;
  constructor(readonly profileId: string) {
    super(`Unknown profile "${profileId}"`);
    this.name = 'UnknownProfileError';
  }
}

/** A deployment's profile override that does not validate; `field` is the dotted path. */
export class ProfileOverrideError extends Error {
  readonly code = 'invalid-profile-override' satisfies DomainErrorCode;
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Invalid profile override at "${field}": ${reason}`);
    this.name = 'ProfileOverrideError';
  }
}
