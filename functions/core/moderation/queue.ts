// The moderation queue of one questionnaire, derived from its responses and decisions: one entry
// per distinct written answer (identical texts share one decision), each with its auto-masked
// text, how many wrote it and its decision. Nothing is stored for the queue itself: a citizen who
// rewrites an answer moves it back to « à modérer », and a decision on a text nobody holds any
// longer simply stops counting.
import * as z from 'zod';
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { Response } from '../questionnaires/response';
import { Instant, ShortId } from '../shared/schema';
import { ModerationDecision, decisionKey, publishedText, textHash } from './decision';
import { maskPersonalDetails } from './masking';

export const QUEUE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const QueueStatus = z.enum(QUEUE_STATUSES);
export type QueueStatus = z.infer<typeof QueueStatus>;

export const QueueEntry = z.object({
  questionId: ShortId,
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The citizen's text as written: for editors only (absent for viewers). */
  original: z.string().optional(),
  /** The text with phone numbers, e-mails and street addresses masked: what a redaction is taken from. */
  masked: z.string(),
  /** What the automatic masking replaced. */
  maskedDetails: z.array(z.object({ kind: z.enum(['phone', 'email', 'address']), count: z.number().int() })),
  /** The text as the public would read it with the decision's redactions (the masked text while pending). */
  published: z.string(),
  /** How many respondents wrote exactly this text. */
  respondents: z.number().int().min(1),
  firstAt: Instant,
  lastAt: Instant,
  status: QueueStatus,
  decision: ModerationDecision.optional(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

export const QueueCounts = z.object({
  pending: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
});
export type QueueCounts = z.infer<typeof QueueCounts>;

interface Written {
  questionId: string;
  original: string;
  hash: string;
  respondents: number;
  firstAt: string;
  lastAt: string;
}

/** The distinct written answers of `responses`, question by question, in order of first writing. */
function writtenAnswers(questionnaire: Pick<Questionnaire, 'questions'>, responses: readonly Response[]): Written[] {
  const texts: Written[] = [];
  for (const question of questionnaire.questions.filter((q) => q.kind === 'short_text')) {
    const byHash = new Map<string, Written>();
    for (const response of responses) {
      const answer = response.answers[question.id];
      if (typeof answer !== 'string') continue;
      const hash = textHash(answer);
      const at = response.updatedAt;
      const seen = byHash.get(hash);
      if (!seen)
        byHash.set(hash, { questionId: question.id, original: answer, hash, respondents: 1, firstAt: at, lastAt: at });
      else {
        seen.respondents++;
        if (at < seen.firstAt) seen.firstAt = at;
        if (at > seen.lastAt) seen.lastAt = at;
      }
    }
    texts.push(...[...byHash.values()].sort((a, b) => a.firstAt.localeCompare(b.firstAt)));
  }
  return texts;
}

/** Every distinct written answer with its masked text and decision; a decision on a text no one holds is ignored. */
export function queueEntries(
  questionnaire: Pick<Questionnaire, 'questions'>,
  responses: readonly Response[],
  decisions: readonly ModerationDecision[],
): QueueEntry[] {
  const byKey = new Map(decisions.map((d) => [decisionKey(d.questionId, d.textHash), d]));
  return writtenAnswers(questionnaire, responses).map((written) => {
    const decision = byKey.get(decisionKey(written.questionId, written.hash));
    const masked = maskPersonalDetails(written.original);
    return {
      questionId: written.questionId,
      textHash: written.hash,
      original: written.original,
      masked: masked.text,
      maskedDetails: masked.masked,
      published: publishedText(written.original, decision?.redactions ?? []),
      respondents: written.respondents,
      firstAt: written.firstAt,
      lastAt: written.lastAt,
      status: decision?.status ?? 'pending',
      ...(decision ? { decision } : {}),
    };
  });
}

export const countByStatus = (entries: readonly QueueEntry[]): QueueCounts => {
  const counts = { pending: 0, approved: 0, rejected: 0 };
  for (const entry of entries) counts[entry.status]++;
  return counts;
};

/** The written answer of question `questionId` whose hash is `hash`, if anyone still holds it. */
export function findWrittenAnswer(responses: readonly Response[], questionId: string, hash: string) {
  for (const response of responses) {
    const answer = response.answers[questionId];
    if (typeof answer === 'string' && textHash(answer) === hash) return answer;
  }
  return undefined;
}
