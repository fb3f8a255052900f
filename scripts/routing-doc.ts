import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { channelRoles, roleLabel, route } from '../src/domain/route.js';
import { getProfile, PROFILE_IDS } from '../src/domain/profiles/index.js';
import type { Role } from '../src/domain/types.js';

/**
 * `npm run docs:routing`: docs/ROUTING.md, the routing of every profile as the bot applies it
 * (from src/domain, not retyped): who handles a melding of which role, who is informed, who
 * gives nazorg, and which channels to create and link. A test keeps the file up to date.
 */
export function routingDoc(): string {
  const out: string[] = [
    '# Routing per profile',
    '',
    'Generated from `src/domain/profiles` by `npm run docs:routing`; do not edit by hand (a test compares it).',
    'Roles are shown as `id` (Dutch label); the id is what `koppel <rol>` and the people file use.',
    'The coordinator is informed of every melding, in every profile. An informed role marked "only with consent" gets its notice only when the melder agreed to inform other ambtsdragers.',
  ];
  for (const id of PROFILE_IDS) {
    const p = getProfile(id);
    const label = (r: Role) => `\`${r}\` (${roleLabel(p, r)})`;
    out.push('', `## \`${id}\`: ${p.name}`, '', '| Melding about | Handled by (the card goes to the first role\'s channel; anyone with one of these roles may decide) | Also informed (1:1, without content) | Nazorg by (the first person found with one of these roles and a mailbox) |', '| --- | --- | --- | --- |');
    for (const role of p.roles) {
      const r = route(p, role);
      const informed = [...r.informed.map(label), ...r.informedWithConsent.map((x) => `${label(x)} only with consent`)];
      out.push(`| ${label(role)} | ${r.handlers.map(label).join(', ')} | ${informed.join(', ') || '-'} | ${r.nazorgGivers.map(label).join(', ')} |`);
    }
    out.push(
      '',
      'Channels to link, one per role; everyone who can read a channel must be allowed to read its meldingen, or `koppel` refuses it (roles handled by the same people may share one channel: link it once for each role; a second handler role\'s channel is used after Overdragen to that role):',
      '',
      ...channelRoles(p).map((r) => `- \`@Weerbaar koppel ${r}\`: ${roleLabel(p, r)}`),
    );
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'ROUTING.md');
  writeFileSync(path, routingDoc());
  process.stdout.write(`${path}\n`);
}
