import { nl } from '../shared/i18n/nl.js';
import { loggableError } from '../logger.js';
import { COMMANDS, isCommandName } from './commands.js';
import type { ActionHandler, CommandHandler, FlowModule } from './flow-module.js';
import { messageCard, refuse } from './common.js';
import type { Services } from './services.js';
import type { TurnInput, TurnResult } from './types.js';
import { homeFlow } from './welcome.js';

export type { ActionHandler, CommandHandler, FlowModule } from './flow-module.js';

/** Each command's text with its handler. A name COMMANDS does not list is a programming error. */
export function commandTable(modules: FlowModule[]): Map<string, CommandHandler> {
  const table = new Map<string, CommandHandler>();
  for (const m of modules) {
    for (const [name, handler] of Object.entries(m.commands)) {
      if (!isCommandName(name)) throw new Error(`command ${name} is not listed in COMMANDS`);
      if (handler) table.set(COMMANDS[name].text, handler);
    }
  }
  return table;
}

export function createRouter(services: Services, modules: FlowModule[]): (input: TurnInput) => Promise<TurnResult> {
  const home = homeFlow(services, modules);
  const welcome = home.welcome;
  const all = [home, ...modules];
  const actions: Record<string, ActionHandler> = {};
  for (const m of all) Object.assign(actions, m.actions);
  // longest first, so that a command beginning with another command's text is matched whole
  const commandsByLength = [...commandTable(all)].sort(([a], [b]) => b.length - a.length);

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
    if (!actor) {
      // a message action is answered in its dialog, where a card's buttons would reach nobody
      if (event.kind === 'messageAction') return { replies: [], dialog: { title: nl.appName, card: messageCard(nl.errors.noIdentity, { style: 'attention', home: false }) } };
      return refuse(nl.errors.noIdentity);
    }
    if (event.kind === 'action') {
      const handler = Object.hasOwn(actions, event.verb) ? actions[event.verb] : undefined;
      if (!handler) {
        services.logger.warn({ verb: event.verb.slice(0, 60) }, 'unknown verb');
        return refuse(nl.errors.unknownAction);
      }
      return handler(input, actor, event.data);
    }
    if (event.kind === 'messageAction') {
      const owner = modules.find((m) => m.onMessageAction);
      if (owner?.onMessageAction) return owner.onMessageAction(input, actor);
      return { replies: [], dialog: { title: nl.appName, card: messageCard(nl.errors.unknownAction, { style: 'attention', home: false }) } };
    }
    const text = event.text.trim().toLowerCase();
    const command = commandsByLength.find(([c]) => text === c || text.startsWith(`${c} `));
    if (command) return command[1](input, actor, text.slice(command[0].length).trim());
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
