// Who a campaign is for: everyone, the followers of some démarches, themes or territories (minus,
// on Telegram, those who answered some questionnaires: « Plus que 2 jours »), or those who answered
// some questionnaires. Responses are read once, up front.
import type { CoreContext } from '../context';
import type { Subscriber } from '../subscribers/subscriber';
import type { Audience } from './campaign';

type Candidate = Pick<Subscriber, 'id' | 'follows' | 'status'>;

/** Whether a subscriber is in an audience that does not depend on the store. */
export function matchesAudience(
  audience: Exclude<Audience, { kind: 'respondents' }>,
  subscriber: Pick<Subscriber, 'follows' | 'status'>,
): boolean {
  if (subscriber.status !== 'active') return false;
  if (audience.kind === 'everyone') return true;
  const f = subscriber.follows;
  return (
    audience.demarches.some((d) => f.demarches.includes(d)) ||
    audience.themes.some((t) => f.themes.includes(t)) ||
    audience.territories.some((t) => f.territories.includes(t))
  );
}

/** The audience as a test on subscribers; for respondents, their pseudonyms are read first. */
export async function audienceMatcher(ctx: CoreContext, audience: Audience): Promise<(s: Candidate) => boolean> {
  if (audience.kind === 'followers' && audience.excludeRespondentsOf?.length) {
    const answered = await respondentsOf(ctx, audience.excludeRespondentsOf);
    return (s) => matchesAudience(audience, s) && !answered.has(s.id);
  }
  if (audience.kind !== 'respondents') return (s) => matchesAudience(audience, s);
  const respondents = await respondentsOf(ctx, audience.questionnaires);
  return (s) => s.status === 'active' && respondents.has(s.id);
}

/** Pseudonyms of everyone who answered at least one question of these questionnaires. */
export async function respondentsOf(ctx: CoreContext, questionnaireIds: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const questionnaireId of new Set(questionnaireIds)) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.responses.listByQuestionnaire(questionnaireId, { limit: 500, cursor });
      for (const response of page.items) ids.add(response.subscriberId);
      cursor = page.next;
    } while (cursor);
  }
  return ids;
}
