import type { Step } from '../draft.js';
import { categorie } from './categorie.js';
import { classificatie } from './classificatie.js';
import type { FormStep } from './form-step.js';
import { impact } from './impact.js';
import { online } from './online.js';
import { pleger } from './pleger.js';
import { wanneer } from './wanneer.js';
import { wat } from './wat.js';
import { wie } from './wie.js';

/** The steps that are forms; veiligheid and samenvatting have cards of their own (view.ts). */
export const FORM_STEPS: Partial<Record<Step, FormStep>> = { wie, wanneer, wat, classificatie, categorie, pleger, online, impact };
