// The key figures of a questionnaire's results, as the public may see them: how many answered,
// and per question its leading option, its share of « oui », its mean grade or the option ranked best. Aggregates only:
// a written answer never appears here (it goes public through moderation, in the results page).
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { Response } from '../questionnaires/response';
import { type QuestionResult, tallyResponses } from '../questionnaires/results';
import { publicResponses } from '../results/visibility';

export type KeyFigure =
  /** Choice questions: the option chosen most often (the first in order on a tie), share of those who answered. */
  | { kind: 'leading_option'; questionId: string; prompt: string; label: string; share: number }
  | { kind: 'yes_share'; questionId: string; prompt: string; share: number }
  | { kind: 'scale_mean'; questionId: string; prompt: string; mean: number; min: number; max: number }
  /** Ranking: the option with the best (lowest) mean rank, the first in order on a tie; `share` ranked it first. */
  | { kind: 'top_ranked'; questionId: string; prompt: string; label: string; meanRank: number; share: number };

export interface KeyFigures {
  questionnaireId: string;
  /** Subscribers who answered at least one question, counting only responses the public may see. */
  respondents: number;
  /** One per question with at least one answer, in the questionnaire's order; no short text. */
  figures: KeyFigure[];
}

/** A share in whole percent: what a citizen reads, not a statistic to re-add. */
const percent = (count: number, of: number) => (of === 0 ? 0 : Math.round((count / of) * 100));

function figureOf(q: Questionnaire, result: QuestionResult): KeyFigure | undefined {
  if (result.answered === 0) return undefined;
  const base = { questionId: result.questionId, prompt: result.prompt };
  switch (result.kind) {
    case 'single_choice':
    case 'multiple_choice': {
      const leading = result.options.reduce((best, o) => (o.count > best.count ? o : best), result.options[0]!);
      return { ...base, kind: 'leading_option', label: leading.label, share: percent(leading.count, result.answered) };
    }
    case 'yes_no':
      return { ...base, kind: 'yes_share', share: percent(result.yes, result.answered) };
    case 'scale': {
      const question = q.questions.find((x) => x.id === result.questionId);
      if (result.mean === null || question?.kind !== 'scale') return undefined;
      return { ...base, kind: 'scale_mean', mean: result.mean, min: question.min, max: question.max };
    }
    case 'short_text':
      return undefined;
    case 'ranking': {
      const ranked = result.options.filter((o): o is typeof o & { meanRank: number } => o.meanRank !== null);
      const top = ranked.reduce<(typeof ranked)[number] | undefined>(
        (best, o) => (best === undefined || o.meanRank < best.meanRank ? o : best),
        undefined,
      );
      if (!top) return undefined;
      return {
        ...base,
        kind: 'top_ranked',
        label: top.label,
        meanRank: top.meanRank,
        share: percent(top.first, result.answered),
      };
    }
  }
}

/** Counted over the responses the public may see (`publicResponses`): never those given under a « private » promise. */
export function keyFigures(q: Questionnaire, responses: readonly Response[], now: Date): KeyFigures {
  const results = tallyResponses(q, publicResponses(q, responses), now);
  return {
    questionnaireId: q.id,
    respondents: results.respondents,
    figures: results.questions.map((r) => figureOf(q, r)).filter((f): f is KeyFigure => f !== undefined),
  };
}

const frenchNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** « 58 % », with the no-break space French typography puts before the sign. */
export const frenchShare = (share: number) => `${share}\u00a0%`;

/** One French line per figure, plain text (callers escape it for their channel). */
export function describeKeyFigure(figure: KeyFigure): string {
  switch (figure.kind) {
    case 'leading_option':
      return `${figure.prompt} — ${figure.label} : ${frenchShare(figure.share)}`;
    case 'yes_share':
      return `${figure.prompt} — oui : ${frenchShare(figure.share)}`;
    case 'scale_mean':
      return `${figure.prompt} — note moyenne ${frenchNumber.format(figure.mean)} (de ${figure.min} à ${figure.max})`;
    case 'top_ranked':
      return `${figure.prompt} — en tête : ${figure.label} (rang moyen ${frenchNumber.format(figure.meanRank)}, classée première par ${frenchShare(figure.share)} des personnes)`;
  }
}

/** « 312 personnes ont répondu », « 1 personne a répondu »: French counts 0 and 1 as singular. */
export const respondentsPhrase = (respondents: number) =>
  `${frenchNumber.format(respondents)} ${respondents < 2 ? 'personne a' : 'personnes ont'} répondu`;

/** « 312 personnes ont répondu. », then the figures, one per line, in French. */
export function describeKeyFigures(figures: KeyFigures): string[] {
  return [`${respondentsPhrase(figures.respondents)}.`, ...figures.figures.map((f) => `• ${describeKeyFigure(f)}`)];
}
