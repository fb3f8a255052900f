import type { ActionHandler } from '../router.js';
import type { Services } from '../services.js';
import { afsluiten } from './actions/afsluiten.js';
import { afwijzen } from './actions/afwijzen.js';
import { categorie } from './actions/categorie.js';
import { coordinatorInschakelen } from './actions/coordinator.js';
import { evalueren } from './actions/evalueren.js';
import { handlingContext } from './actions/act.js';
import { openen } from './actions/openen.js';
import { overdragen } from './actions/overdragen.js';
import { strafbaar } from './actions/strafbaar.js';
import { taakGedaan } from './actions/taak-gedaan.js';
import { taakHeropenen } from './actions/taak-heropenen.js';
import { taakNietNodig } from './actions/taak-niet-nodig.js';
import { vaststellen } from './actions/vaststellen.js';
import { vernieuwen } from './actions/vernieuwen.js';
import type { HandlingDeps } from './ports.js';

const ACTIONS = [openen, vernieuwen, vaststellen, afwijzen, afsluiten, overdragen, taakGedaan, taakNietNodig, taakHeropenen, strafbaar, coordinatorInschakelen, evalueren, categorie];

/** The handler's actions on the melding card, one file each under actions/. */
export function handlingActions(services: Services, deps: HandlingDeps): Record<string, ActionHandler> {
  const ctx = handlingContext(services, deps);
  return Object.fromEntries(ACTIONS.map(({ verb, build }) => [verb, build(ctx, verb)]));
}
