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

/** Emotional behaviour: allowed, unless it persists and a pattern arises; the profile's rule says what then. */
const EMOTIONEEL: Record<ReportingRule, { aanhoudend: Meldplicht; anders: Meldplicht }> = {
  schema: { aanhoudend: 'aanbevolen', anders: 'facultatief' },
  'tenzij-aanhoudend': { aanhoudend: 'verplicht', anders: 'niet-nodig' },
  altijd: { aanhoudend: 'verplicht', anders: 'facultatief' },
};

/**
 * The row "Melden en afhandelen?" of the schema, for any category (also one the melder chose
 * over the derived one). Verbal aggression need not be reported only when the pleger corrected
 * himself after being addressed AND it does not persist (except under Utrecht's rule, where
 * every form of aggression is reported): behaviour that does not stop leads to ending the
 * contact and measures, and persistent behaviour is reported even if it paused.
 */
export function meldplichtFor(
  category: Category,
  answers: Pick<ClassificationAnswers, 'gecorrigeerd' | 'aanhoudend'>,
  rule: ReportingRule,
): Meldplicht {
  switch (category) {
    case 'emotioneel-eigen-situatie':
    case 'emotioneel-kritiek':
      return answers.aanhoudend ? EMOTIONEEL[rule].aanhoudend : EMOTIONEEL[rule].anders;
    case 'verbale-agressie':
      if (rule === 'altijd') return 'verplicht';
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

function meldenText(category: Category, rule: ReportingRule): string {
  const emotioneel = category === 'emotioneel-eigen-situatie' || category === 'emotioneel-kritiek';
  if (rule === 'schema') return nl.category.melden[category];
  if (emotioneel) return nl.meldenEmotioneel[rule];
  return rule === 'altijd' ? nl.meldenAltijd : nl.category.melden[category];
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
    melden: meldenText(category, rule),
    uitleg: nl.category.uitleg[category],
  };
}

/** A category proposed from a description, and whether the description gave any ground for it. */
export interface CategoryProposal {
  category: Category;
  grond: 'beschrijving' | 'geen-aanwijzing';
}

/**
 * Words that point at a column of the schema, heaviest column first (the heavier column wins, as in
 * categoryOf). Stems, so "geslagen", "sloeg" and "slaan" all count; a proposal, never a decision.
 */
const SIGNALS: readonly [Category, RegExp][] = [
  ['fysiek-geweld', /\b(sla(an|g)|sloeg|geslagen|schop|geschopt|spug|spuw|gespuugd|geduwd|duwde|beetgepakt|vastgepakt|vastgegrepen|gooide|gegooid|vernield|vernieling|ingegooid|getrapt|trapte|stompte|gestompt|geweld)/i],
  ['bedreiging-intimidatie', /\b(bedreig|dreig|vermoord|dood|weet waar|wel (zou )?vinden|opgewacht|opwacht|achtervolg|stalk|intimid|neerste|afmaken|kapotmaken|brandstichting)/i],
  ['verbale-agressie', /\b(scheld|schold|uitgescholden|beledig|vernederd|uitgelachen|belachelijk|kut|klootzak|hoer|idioot|debiel|landverrader|tuig|lul|kanker|tering|smaad|laster)/i],
];

/**
 * The category a short melding gets until the melder answers the classification questions or a
 * handler settles it. Without any signal in the text: verbal aggression, the lightest column that
 * is not allowed and must be reported (someone who reports in a hurry reports more than criticism),
 * marked as without ground so the handler's card asks to settle it.
 */
export function proposeCategory(description: string): CategoryProposal {
  const found = SIGNALS.find(([, pattern]) => pattern.test(description));
  return found ? { category: found[0], grond: 'beschrijving' } : { category: 'verbale-agressie', grond: 'geen-aanwijzing' };
}
