import type { ReportingRule } from './profiles/schema.js';
import { nl } from '../shared/i18n/nl.js';
import type { Category, ClassificationAnswers, Meldplicht } from './types.js';

/** Key into nl.category.norm (and .melden, .uitleg) for the card. */
export type NormKey = Category;

export interface Classification {
  category: Category;
  meldplicht: Meldplicht;
  normKey: NormKey;
}

/**
 * The schema "Emotie of agressie?" decides by the kind and direction of the behaviour, not its
 * loudness, and the heavier column wins: physical violence, then threat or intimidation, then the
 * direction of the words ("jij" personal, "jullie" policy or body, "ik" own situation).
 */
export function categoryOf(answers: ClassificationAnswers): Category {
  if (answers.fysiekGeweld) return 'fysiek-geweld';
  if (answers.bedreiging) return 'bedreiging-intimidatie';
  switch (answers.gerichtOp) {
    case 'jij':
      return 'verbale-agressie';
    case 'jullie':
      return 'emotioneel-kritiek';
    case 'ik':
      return 'emotioneel-eigen-situatie';
  }
}

/**
 * The row "Melden en afhandelen?" of the schema, for any category (also one the melder chose
 * over the derived one). Verbal aggression need not be reported only when the pleger corrected
 * himself after being addressed AND it does not persist: behaviour that does not stop leads to
 * ending the contact and measures, and persistent behaviour is reported even if it paused.
 */
export function meldplichtFor(
  category: Category,
  answers: Pick<ClassificationAnswers, 'gecorrigeerd' | 'aanhoudend'>,
  rule: ReportingRule,
): Meldplicht {
  if (rule === 'altijd') return 'verplicht';
  switch (category) {
    case 'emotioneel-eigen-situatie':
    case 'emotioneel-kritiek':
      return answers.aanhoudend ? 'aanbevolen' : 'facultatief';
    case 'verbale-agressie':
      return answers.gecorrigeerd && !answers.aanhoudend ? 'niet-nodig' : 'verplicht';
    case 'bedreiging-intimidatie':
    case 'fysiek-geweld':
      return 'verplicht';
  }
}

export function classify(answers: ClassificationAnswers, rule: ReportingRule): Classification {
  const category = categoryOf(answers);
  return { category, meldplicht: meldplichtFor(category, answers, rule), normKey: category };
}

/** The texts a card shows for a category under a reporting rule. */
export function categoryTexts(category: Category, rule: ReportingRule): {
  label: string;
  norm: string;
  melden: string;
  uitleg: string;
} {
  return {
    label: nl.category.label[category],
    norm: nl.category.norm[category],
    melden: rule === 'altijd' ? nl.meldenAltijd : nl.category.melden[category],
    uitleg: nl.category.uitleg[category],
  };
}
