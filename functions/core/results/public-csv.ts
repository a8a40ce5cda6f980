// The public CSV of a questionnaire: one row per respondent, for reuse as open data. Less than the
// agents' export on purpose: a pseudonym of its own per questionnaire (rows of two datasets cannot
// be joined into a profile), the Paris day without the time, rows sorted by day then pseudonym (no
// order of arrival), and written answers only once approved, masked and redacted.
import { createHash } from 'node:crypto';
import { type ModerationDecision, decisionKey, publishedText, textHash } from '../moderation/decision';
import { csvDocument, formatAnswer } from '../questionnaires/export';
import type { Questionnaire } from '../questionnaires/questionnaire';
import { type Response, countedAnswers } from '../questionnaires/response';
import { columnDictionary } from './open-data';
import { visibleText } from './public-results';
import { publicResponses } from './visibility';

/** 16 hex digits (64 bits): no collision in practice, and nothing of the subscriber's key. */
export const respondentPseudonym = (questionnaireId: string, subscriberId: string) =>
  createHash('sha256').update(`${questionnaireId}:${subscriberId}`, 'utf8').digest('hex').slice(0, 16);

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function publicResponsesCsv(
  questionnaire: Questionnaire,
  responses: readonly Response[],
  decisions: readonly ModerationDecision[],
): string {
  const approved = new Map(
    decisions.filter((d) => d.status === 'approved').map((d) => [decisionKey(d.questionId, d.textHash), d]),
  );
  // Skip logic: an answer to a question no longer shown to this respondent leaves its cell empty.
  const answerOf = (question: Questionnaire['questions'][number], answers: Response['answers']) => {
    const answer = answers[question.id];
    if (question.kind !== 'short_text') return formatAnswer(question, answer);
    if (typeof answer !== 'string') return '';
    const decision = approved.get(decisionKey(question.id, textHash(answer)));
    return decision ? visibleText(publishedText(answer, decision.redactions)) : '';
  };
  const rows = publicResponses(questionnaire, responses)
    .map((r) => ({
      pseudonym: respondentPseudonym(questionnaire.id, r.subscriberId),
      day: parisDay.format(new Date(r.createdAt)),
      response: r,
    }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.pseudonym.localeCompare(b.pseudonym))
    .map(({ pseudonym, day, response }) => {
      const counted = countedAnswers(questionnaire, response.answers);
      return [
        pseudonym,
        day,
        response.complete ? 'oui' : 'non',
        ...questionnaire.questions.map((q) => answerOf(q, counted)),
      ];
    });
  return csvDocument([columnDictionary(questionnaire).map((c) => c.name), ...rows]);
}
