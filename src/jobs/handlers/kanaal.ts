import { CHANNEL_JOB, ControleSchema, GeschorstSchema, recheckLink } from '../../flows/handling/channel-guard.js';
import { reachLine } from '../../flows/handling/links.js';
import { unreachablePeople } from '../../flows/handling/reach.js';
import { peopleWithRole } from '../../flows/handling/access.js';
import { roleLabel } from '../../domain/route.js';
import { fmt, nl } from '../../shared/i18n/nl.js';
import type { ConversationRef } from '../../store/schemas.js';
import { defineJob } from '../../shared/jobs.js';
import { anyRef, sendToPerson, type HandlingJobContext } from './context.js';

const g = nl.afhandeling.geschorst;

/** Members joined a linked channel or its team: read its roster again (suspends it when needed). */
export function controleJob(c: HandlingJobContext) {
  return defineJob({
    type: CHANNEL_JOB.controleren,
    schema: ControleSchema,
    async handle({ role }) {
      await recheckLink(c.services, c.deps, role, c.now());
    },
  });
}

/** Tells a coordinator 1:1 which channel was suspended and who may not read it: names only, no melding. */
export function geschorstJob(c: HandlingJobContext) {
  return defineJob({
    type: CHANNEL_JOB.geschorst,
    schema: GeschorstSchema,
    async handle(m, job) {
      const link = await c.services.store.channelLinks.get(m.orgId, m.role);
      const label = roleLabel(c.services.profile, m.role);
      const names = m.more > 0 ? fmt(nl.afhandeling.koppel.enMeer, { names: m.names.join(', '), more: m.more }) : m.names.join(', ');
      const text = fmt(m.reason === 'lezers' ? g.lezers : g.verwijderd, { role: label, roleId: m.role, names });
      await sendToPerson(c, { job }, m.orgId, m.aadObjectId, { type: 'text', text }, () => anyRef(c, m.orgId, link?.value.conversationRef, everyone(c)));
    },
  });
}

export const REACH_JOB = 'bereikbaarheid.controleren';

/**
 * At start (once a day at most, by its key): tell the coordinators whom the bot cannot reach 1:1.
 * Before anyone has used the bot there is no conversation to open a chat through: nothing to tell yet.
 */
export function reachJob(c: HandlingJobContext) {
  return defineJob({
    type: REACH_JOB,
    schema: ControleSchema.pick({ orgId: true }),
    async handle({ orgId }, job) {
      let via: ConversationRef;
      try {
        via = await anyRef(c, orgId, undefined, everyone(c));
      } catch {
        c.services.logger.info({}, 'reach check: no conversation known yet');
        return;
      }
      const missing = await unreachablePeople(c.services, c.deps);
      if (missing.length === 0) return;
      const line = reachLine(c.services, missing);
      for (const id of peopleWithRole(c.services, 'coordinator')) {
        await sendToPerson(c, { job, several: true }, orgId, id, { type: 'text', text: line }, () => Promise.resolve(via));
      }
    },
  });
}

/** Everyone in the people file: when no channel is known, any of their chats gives the tenant. */
function everyone(c: HandlingJobContext): string[] {
  return c.services.people.people.map((p) => p.aadObjectId);
}
