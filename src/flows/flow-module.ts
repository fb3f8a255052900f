import type { CommandName } from './commands.js';
import type { Actor, TurnInput, TurnResult } from './types.js';

/** What a flow offers the router: its handlers by verb and by command, and its event hooks. */

/** A card action's handler. `data` is untrusted: each handler parses it with its own schema. */
export type ActionHandler = (input: TurnInput, actor: Actor, data: unknown) => Promise<TurnResult>;
/** A typed command's handler (the chat twin of a card action). */
export type CommandHandler = (input: TurnInput, actor: Actor, args: string) => Promise<TurnResult>;

export interface FlowModule {
  actions: Record<string, ActionHandler>;
  /** by the names of COMMANDS (src/flows/commands.ts), which hold what the person types */
  commands: Partial<Record<CommandName, CommandHandler>>;
  /** called for a message with attachments or free text that no command matched */
  onMessage?: (input: TurnInput, actor: Actor) => Promise<TurnResult | undefined>;
  hasDraft?: (actor: Actor) => Promise<boolean>;
  /**
   * Called when people other than the bot joined a team or channel (input.conversation says which).
   * Such events may carry no Entra id, so there is no actor; errors are logged, never answered.
   */
  onMembersAdded?: (input: TurnInput) => Promise<void>;
  /** "Melden bij Weerbaar" on a Teams message: answered with a dialog, never in that conversation */
  onMessageAction?: (input: TurnInput, actor: Actor) => Promise<TurnResult>;
}
