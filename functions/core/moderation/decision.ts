// A moderation decision: an agent's word on one written answer before anything of it is public.
// Keyed by the text's hash (per question), so a citizen who rewrites an answer sends it back to
// the queue, identical texts share one decision, and an erasure (which moves responses to a
// random pseudonym) does not orphan it. The response keeps the original; public outputs show only
// `publishedText`: approved, with personal details masked and the agent's redactions applied.
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { Instant, ShortId, Version } from '../shared/schema';
import { SingleLineText } from '../shared/text';
import { maskPersonalDetails } from './masking';

export const MODERATION_STATUSES = ['approved', 'rejected'] as const;
export const ModerationStatus = z.enum(MODERATION_STATUSES);
export type ModerationStatus = z.infer<typeof ModerationStatus>;

/** What replaces a passage an agent redacted. */
export const REDACTED = '[passage retiré]';

export const ModerationDecision = z.object({
  questionnaireId: ShortId,
  questionId: ShortId,
  /** SHA-256 of the original text (hex): the decision holds for that exact text only. */
  textHash: z.string().regex(/^[0-9a-f]{64}$/),
  status: ModerationStatus,
  /** Why it was rejected, for the team (never public). */
  reason: SingleLineText(300).optional(),
  /** Passages of the (auto-masked) text to hide, each replaced by « [passage retiré] ». */
  redactions: z.array(SingleLineText(1000)).max(20).default([]),
  /** A short label grouping texts that say the same thing (a free-text cluster); optional. */
  category: SingleLineText(60).optional(),
  decidedBy: z.object({ agentId: z.string(), name: z.string() }),
  decidedAt: Instant,
  version: Version,
});
export type ModerationDecision = z.infer<typeof ModerationDecision>;

export const textHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The text as the public would read it: masked automatically, then redacted by the agent. */
export function publishedText(original: string, redactions: readonly string[]): string {
  let text = maskPersonalDetails(original).text;
  for (const passage of redactions) if (passage) text = text.split(passage).join(REDACTED);
  return text;
}

/** One written answer approved for the public, as every public output shows it. */
export interface PublicText {
  questionId: string;
  text: string;
  category?: string;
}

/** Decisions by `<questionId>#<textHash>`, the way `publicTexts` looks them up. */
export const decisionKey = (questionId: string, hash: string) => `${questionId}#${hash}`;

/**
 * The approved texts of `responses`, redacted, in the responses' order; everything else (pending,
 * rejected, changed since approval) stays out.
 */
export function publicTexts(
  questions: readonly { id: string; kind: string }[],
  responses: readonly { answers: Record<string, unknown> }[],
  decisions: readonly ModerationDecision[],
): PublicText[] {
  const byKey = new Map(decisions.map((d) => [decisionKey(d.questionId, d.textHash), d]));
  const texts: PublicText[] = [];
  for (const question of questions.filter((q) => q.kind === 'short_text'))
    for (const response of responses) {
      const answer = response.answers[question.id];
      if (typeof answer !== 'string') continue;
      const decision = byKey.get(decisionKey(question.id, textHash(answer)));
      if (decision?.status !== 'approved') continue;
      texts.push({
        questionId: question.id,
        text: publishedText(answer, decision.redactions),
        ...(decision.category ? { category: decision.category } : {}),
      });
    }
  return texts;
}
