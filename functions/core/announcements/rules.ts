// The rules that turn a démarche's timeline into announcements: which step kinds each rule speaks
// for, at what time, and how late it may still go out (its grace). Pure: no store, no clock.
import type { AnnouncementRule } from '../campaigns/campaign';
import type { Step } from '../demarches/demarche';

type StepKind = Step['kind'];

const HOUR = 3_600_000;

/** « Plus que 2 jours »: the reminder goes out this long before a participation step ends. */
export const CLOSING_SOON_BEFORE_MS = 48 * HOUR;

interface RuleDefinition {
  kinds: readonly StepKind[];
  /** An announcement later than this after its time is worth nothing: cancelled, never sent late. */
  graceMs: number;
}

export const RULES: Record<AnnouncementRule, RuleDefinition> = {
  step_opens: { kinds: ['information', 'consultation', 'questionnaire', 'workshop', 'event'], graceMs: 6 * HOUR },
  closing_soon: { kinds: ['consultation', 'questionnaire'], graceMs: 12 * HOUR },
  step_published: { kinds: ['synthesis', 'citizen_opinion', 'decision'], graceMs: 24 * HOUR },
};

export const RULE_LABELS: Record<AnnouncementRule, string> = {
  step_opens: 'Ouverture d’une étape',
  closing_soon: 'Clôture dans 2 jours',
  step_published: 'Publication (synthèse, avis, décision)',
};

/** One announcement a step calls for: its rule, the time it speaks at, the latest it may leave. */
export interface Moment {
  rule: AnnouncementRule;
  /** When it is due (ISO instant). */
  at: string;
  /** `at` + the rule's grace: past this, never sent. */
  notAfter: string;
  /** The moment the text speaks of ({date}, {heure}): the start, or the end for closing_soon. */
  about: string;
}

const plus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

/** When closing_soon is due, if the step calls for it: a participation step with an end, open 48 h before it. */
function closingSoonAt(step: Step): string | undefined {
  if (!step.end || !RULES.closing_soon.kinds.includes(step.kind)) return undefined;
  const at = plus(step.end, -CLOSING_SOON_BEFORE_MS);
  // A step shorter than 48 h would be reminded of before it opens: its opening says it all.
  return at > step.start ? at : undefined;
}

/** Every announcement a step calls for, whatever the time now; a cancelled step calls for none. */
export function momentsOf(step: Step): Moment[] {
  if (step.cancelled) return [];
  const moments: Moment[] = [];
  const add = (rule: AnnouncementRule, at: string, about: string) =>
    moments.push({ rule, at, about, notAfter: plus(at, RULES[rule].graceMs) });
  if (RULES.step_opens.kinds.includes(step.kind)) add('step_opens', step.start, step.start);
  const closing = closingSoonAt(step);
  if (closing && step.end) add('closing_soon', closing, step.end);
  if (RULES.step_published.kinds.includes(step.kind)) add('step_published', step.start, step.start);
  return moments;
}
