// The consent text's versions (GDPR art. 7: the controller must be able to show what each person
// agreed to). A subscriber's item records the version they accepted (`consentVersion`, absent:
// version 1). When a version changes the text materially (what is kept, why, for how long, who
// reads it), everyone who accepted an earlier one receives nothing — no campaign, no digest — until
// they accept it: the next message they would have received is replaced, once, by the request
// (`askConsentAgain`), and the bot shows the request before anything else they do (consent-gate.ts).
// A non-material change (wording, a typo) is recorded for newcomers and asks nobody again.
import type { CoreContext } from '../context';
import type { TelegramMessage } from '../campaigns/telegram-format';
import type { TelegramSender } from '../delivery/ports';
import { isDomainError } from '../shared/errors';
import { countDeparture } from './growth';
import type { Language, Subscriber } from './subscriber';

export interface ConsentVersion {
  version: number;
  /** The day the text took effect (Paris date, YYYY-MM-DD). */
  date: string;
  /** A material change asks everyone who accepted an earlier version again. */
  material: boolean;
}

/**
 * Every version of the consent text, oldest first. The text itself lives in the message catalogs
 * (`consent` in fr.ts / en.ts): add a version here in the commit that changes it. Tests inject their
 * own list through `CoreContext.consentVersions`, so a bump is testable without changing the text.
 */
export const CONSENT_VERSIONS: readonly ConsentVersion[] = [
  // The text that lists the record of messages sent (commit 693a063).
  { version: 1, date: '2026-12-01', material: true },
];

const versionsOf = (ctx: Pick<CoreContext, 'consentVersions'>) => ctx.consentVersions ?? CONSENT_VERSIONS;

/** The version shown to, and recorded for, whoever accepts now. */
export function currentConsent(ctx: Pick<CoreContext, 'consentVersions'>): ConsentVersion {
  const versions = versionsOf(ctx);
  return versions.reduce((a, b) => (b.version > a.version ? b : a), versions[0]!);
}

/** The lowest version a subscriber must have accepted to receive anything: the latest material one. */
export function requiredConsent(ctx: Pick<CoreContext, 'consentVersions'>): ConsentVersion {
  const material = versionsOf(ctx).filter((v) => v.material);
  return material.length ? material.reduce((a, b) => (b.version > a.version ? b : a)) : currentConsent(ctx);
}

/** Items from before versioning carry no version: they accepted version 1. */
export const acceptedConsentVersion = (subscriber: Pick<Subscriber, 'consentVersion'>): number =>
  subscriber.consentVersion ?? 1;

/** An active subscriber whose consent predates the latest material change: nothing is sent to them. */
export function consentOutdated(
  ctx: Pick<CoreContext, 'consentVersions'>,
  subscriber: Pick<Subscriber, 'status' | 'consentVersion'>,
): boolean {
  return subscriber.status === 'active' && acceptedConsentVersion(subscriber) < requiredConsent(ctx).version;
}

/** Renders the request to accept a version again (the Telegram adapter's consent-message.ts). */
export type ConsentRequestFormat = (language: Language, version: ConsentVersion) => TelegramMessage;

export interface ConsentRequestDeps extends CoreContext {
  telegram: TelegramSender;
  /** Absent (a consumer wired without it): nothing is sent, the bot asks at their next message. */
  consentRequest?: ConsentRequestFormat;
}

/**
 * `already_asked`: this version was asked already, or they are no longer active (the write's
 * condition). `deferred`: Telegram put the send off (429): the caller starts nothing new either.
 */
export type ConsentRequestOutcome = 'asked' | 'already_asked' | 'deferred' | 'not_sent';

/**
 * Sends the request to accept the current version, in place of a message a subscriber with an
 * outdated consent would have received. Once per version: the conditional write that records it
 * comes first, so two jobs (or a job and a digest) sending at once ask once. A send that fails after
 * it (429 put off, a crash) is not retried: the bot shows the request at their next message anyway.
 */
export async function askConsentAgain(
  deps: ConsentRequestDeps,
  subscriber: Subscriber,
): Promise<ConsentRequestOutcome> {
  if (!deps.consentRequest) return 'not_sent';
  const version = currentConsent(deps);
  const at = deps.clock.now().toISOString();
  if (!(await deps.store.subscribers.markConsentAsked(subscriber.id, version.version, at))) return 'already_asked';
  const result = await deps.telegram.send(subscriber.chatId, deps.consentRequest(subscriber.language, version));
  if (result.status === 'blocked') {
    // 403: they blocked the bot. The growth counters count them gone, as for a campaign's 403.
    try {
      await countDeparture(deps, await deps.store.subscribers.setStatus(subscriber.id, 'blocked', at));
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'NotFound') throw error; // erased meanwhile
    }
  }
  return result.status === 'sent' ? 'asked' : result.status === 'deferred' ? 'deferred' : 'not_sent';
}
