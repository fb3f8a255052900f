import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The gemeente of the local cast (config/people.local.json), as the organisations tests use it. */
export const GEMEENTE_NIJMEGEN = { id: 'gemeente-nijmegen', name: 'Gemeente Nijmegen', profile: 'nijmegen', people: resolve('config/people.local.json') } as const;

/** One entry of the organisations file; `people` is a people file's path or the people to write into one. */
export interface OrganisationEntry {
  id: string;
  name: string;
  profile: string;
  people: string | readonly Record<string, unknown>[];
  /** any other field of the entry (agenda, plegerSignaalDelen, ...) */
  extra?: Record<string, unknown>;
}

/** Writes WEERBAAR_ORGANISATIONS_FILE and the people files it names into a fresh folder; returns its path. */
export function writeOrganisationsFile(organisations: readonly OrganisationEntry[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'weerbaar-orgs-'));
  const entries = organisations.map(({ id, name, profile, people, extra }) => {
    let peopleFile = people;
    if (typeof people !== 'string') {
      peopleFile = `${id}.json`;
      writeFileSync(join(dir, peopleFile), JSON.stringify({ people }));
    }
    return { id, name, profile, peopleFile, ...extra };
  });
  const file = join(dir, 'organisaties.json');
  writeFileSync(file, JSON.stringify({ organisations: entries }));
  return file;
}
