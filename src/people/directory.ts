import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config.js';
import { FunctionarisRoleSchema, RoleSchema, type Role } from '../domain/types.js';

/**
 * Who is who, by Entra object id: the roles people hold (raadslid, griffier, ...) and
 * who may administer the bot. Configured by the organisation; never taken from a card.
 */
export const PersonSchema = z.object({
  aadObjectId: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  roles: z.array(RoleSchema).default([]),
  admin: z.boolean().default(false),
  /**
   * Channels this person may read without holding a role there, by the role the channel is
   * linked to (e.g. a griffie employee in the griffier's channel). The administrator's word.
   */
  kanalen: z.array(FunctionarisRoleSchema).max(50).default([]),
  /** the Teams user id (29:...), when known in advance; otherwise learnt when the person first acts */
  teamsUserId: z.string().min(1).max(200).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const PeopleFileSchema = z.object({ people: z.array(PersonSchema) });

/**
 * The people file is not there yet, or not usable. A ConfigError like any other, and also the
 * one a bot waits out instead of stopping (src/not-configured.ts).
 */
export class PeopleFileError extends ConfigError {
  constructor(
    readonly problem: 'missing' | 'invalid',
    detail: string,
  ) {
    super('WEERBAAR_PEOPLE_FILE', detail);
  }
}

export class PeopleDirectory {
  private readonly byId: Map<string, Person>;

  constructor(readonly people: Person[]) {
    this.byId = new Map(people.map((p) => [p.aadObjectId.toLowerCase(), p]));
  }

  static fromFile(path: string): PeopleDirectory {
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new PeopleFileError(missing ? 'missing' : 'invalid', `${path} kan niet gelezen worden: ${(err as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch {
      // not the parser's message: it quotes the file, and the file holds names
      throw new PeopleFileError('invalid', `${path} is geen geldige JSON`);
    }
    const parsed = PeopleFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PeopleFileError('invalid', `${path}: ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'ongeldig'}`);
    }
    return new PeopleDirectory(parsed.data.people);
  }

  get(aadObjectId: string): Person | undefined {
    return this.byId.get(aadObjectId.toLowerCase());
  }

  withRole(role: Role): Person[] {
    return this.people.filter((p) => p.roles.includes(role));
  }

  /** Entra object ids of everyone holding at least one of these roles. */
  idsWithAnyRole(roles: readonly Role[]): string[] {
    return this.people.filter((p) => p.roles.some((r) => roles.includes(r))).map((p) => p.aadObjectId);
  }

  hasRole(aadObjectId: string, role: Role): boolean {
    return this.get(aadObjectId)?.roles.includes(role) ?? false;
  }

  isAdmin(aadObjectId: string): boolean {
    return this.get(aadObjectId)?.admin ?? false;
  }
}
