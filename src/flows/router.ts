import { nl } from '../i18n/nl.js';
import { loggableError } from '../logger.js';
import { messageCard, refuse, show } from './common.js';
import type { Services } from './services.js';
import type { Actor, TurnInput, TurnResult } from './types.js';
import { helplinesCard, welcomeCard } from './welcome.js';

/** A card action's handler. `data` is untrusted: each handler parses it with its own schema. */
export type ActionHandler = (input: TurnInput, actor: Actor, data: unknown) => Promise<TurnResult>;
/** A typed command's handler (the chat twin of a card action). */
export type CommandHandler = (input: TurnInput, actor: Actor, args: string) => Promise<TurnResult>;

export interface FlowModule {
  actions: Record<string, ActionHandler>;
  commands: Record<string, CommandHandler>;
  /** called for a message with attachments or free text that no command matched */
  onMessage?: (input: TurnInput, actor: Actor) => Promise<TurnResult | undefined>;
  hasDraft?: (actor: Actor) => Promise<boolean>;
  /**
   * Called when people other than the bot joined a team or channel (input.conversation says which).
   * Such events may carry no Entra id, so there is no actor; errors are logged, never answered.
   */
  onMembersAdded?: (input: TurnInput) => Promise<void>;
}

export function createRouter(services: Services, modules: FlowModule[]): (input: TurnInput) => Promise<TurnResult> {
  const hasDraft = async (actor: Actor): Promise<boolean> => {
    for (const m of modules) if (m.hasDraft && (await m.hasDraft(actor))) return true;
    return false;
  };
  const welcome = async (input: TurnInput, actor: Actor | undefined): Promise<TurnResult> =>
    show(welcomeCard(services, { kind: input.conversation.kind, hasDraft: actor ? await hasDraft(actor) : false }));

  const actions: Record<string, ActionHandler> = {
    welkom: (input, actor) => welcome(input, actor),
    hulplijnen: async () => show(helplinesCard(services)),
  };
  const commands: Record<string, CommandHandler> = {
    hallo: (input, actor) => welcome(input, actor),
    help: (input, actor) => welcome(input, actor),
    start: (input, actor) => welcome(input, actor),
    hulplijnen: async () => show(helplinesCard(services)),
  };
  for (const m of modules) {
    Object.assign(actions, m.actions);
    Object.assign(commands, m.commands);
  }
  const commandNames = Object.keys(commands).sort((a, b) => b.length - a.length);

  const dispatch = async (input: TurnInput): Promise<TurnResult> => {
    const { event, actor } = input;
    if (event.kind === 'installed') {
      return input.conversation.kind === 'personal' ? welcome(input, actor) : { replies: [] };
    }
    if (event.kind === 'membersAdded') {
      for (const m of modules) {
        if (!m.onMembersAdded) continue;
        try {
          await m.onMembersAdded(input);
        } catch (err) {
          services.logger.error({ err: loggableError(err), conversation: input.conversation.ref.conversation.id }, 'members-added hook failed');
        }
      }
      return { replies: [] };
    }
    if (!actor) return refuse(nl.errors.noIdentity);
    if (event.kind === 'action') {
      const handler = Object.hasOwn(actions, event.verb) ? actions[event.verb] : undefined;
      if (!handler) {
        services.logger.warn({ verb: event.verb.slice(0, 60) }, 'unknown verb');
        return refuse(nl.errors.unknownAction);
      }
      return handler(input, actor, event.data);
    }
    const text = event.text.trim().toLowerCase();
    const name = commandNames.find((c) => text === c || text.startsWith(`${c} `));
    if (name) return commands[name]!(input, actor, text.slice(name.length).trim());
    for (const m of modules) {
      const handled = m.onMessage ? await m.onMessage(input, actor) : undefined;
      if (handled) return handled;
    }
    return welcome(input, actor);
  };

  return async (input) => {
    const started = Date.now();
    const verb = input.event.kind === 'action' ? input.event.verb.slice(0, 60) : input.event.kind;
    try {
      const result = await dispatch(input);
      services.logger.info({ verb, actor: input.actor?.aadObjectId, ms: Date.now() - started }, 'handled');
      return result;
    } catch (err) {
      services.logger.error({ verb, actor: input.actor?.aadObjectId, err: loggableError(err) }, 'handler failed');
      return { card: messageCard(nl.errors.generic, { style: 'attention' }), replies: [] };
    }
  };
}
