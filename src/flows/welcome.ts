import { renderCard } from '../cards/render.js';
import { belbaar, hulplijnenOp } from '../domain/hulplijnen.js';
import { show } from './common.js';
import type { FlowModule } from './flow-module.js';
import type { Services } from './services.js';
import type { Actor, CardJson, ConversationKind, TurnInput, TurnResult } from './types.js';

function welcomeCard(services: Services, options: { kind: ConversationKind; hasDraft: boolean; now: Date }): CardJson {
  return renderCard('welcome', {
    hulplijnen: hulplijnenOp(services.profile.hulplijnen, options.now).map(belbaar),
    hasDraft: options.hasDraft,
    personalOnly: options.kind !== 'personal',
  });
}

function helplinesCard(services: Services, now: Date): CardJson {
  return renderCard('helplines', { hulplijnen: hulplijnenOp(services.profile.hulplijnen, now).map(belbaar) });
}

export interface HomeFlow extends FlowModule {
  /** also the answer to an installation and to a message nothing else took */
  welcome(input: TurnInput, actor: Actor | undefined): Promise<TurnResult>;
}

/** The router's own turns: the welcome card (which offers to resume a draft of any flow) and the hulplijnen. */
export function homeFlow(services: Services, flows: FlowModule[]): HomeFlow {
  const hasDraft = async (actor: Actor): Promise<boolean> => {
    for (const m of flows) if (m.hasDraft && (await m.hasDraft(actor))) return true;
    return false;
  };
  const welcome = async (input: TurnInput, actor: Actor | undefined): Promise<TurnResult> =>
    show(welcomeCard(services, { kind: input.conversation.kind, hasDraft: actor ? await hasDraft(actor) : false, now: input.now }));
  const helplines = async (input: TurnInput): Promise<TurnResult> => show(helplinesCard(services, input.now));
  return {
    welcome,
    actions: { welkom: welcome, hulplijnen: helplines },
    commands: { hallo: welcome, help: welcome, start: welcome, hulplijnen: helplines },
  };
}
