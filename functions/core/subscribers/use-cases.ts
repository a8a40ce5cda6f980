// Use cases of a subscriber's life in the bot: start, consent, follow, change language, leave,
// export and erase. The caller passes the subscriber as it read it for this update (one read per
// update); each change is one write: a put of the whole item, or one conditional status update.
import type { CoreContext } from '../context';
import { Territory, Theme as ThemeSchema } from '../demarches/places';
import type { Questionnaire } from '../questionnaires/questionnaire';
import type { Campaign } from '../campaigns/campaign';
import type { Delivery } from '../delivery/delivery';
import type { Digest } from '../digests/digest';
import type { Response } from '../questionnaires/response';
import { conflict, isDomainError, notFound } from '../shared/errors';
import { acceptedConsentVersion, consentOutdated, currentConsent } from './consent';
import { countDeparture, countJoined } from './growth';
import { randomPseudonym } from './pseudonym';
import { type Follows, type Language, type Subscriber, emptyFollows } from './subscriber';

export type StartOutcome = 'new' | 'awaiting_consent' | 'returning' | 'already_active';

/**
 * `/start`: a newcomer (or someone who left) gets a `pending` item and is asked for consent;
 * nothing else is kept until they accept. Someone who left keeps their follows and language.
 */
export async function startSubscription(
  ctx: CoreContext,
  input: { id: string; chatId: number; language: Language },
  current: Subscriber | undefined,
): Promise<{ subscriber: Subscriber; outcome: StartOutcome }> {
  const now = ctx.clock.now().toISOString();
  if (!current) {
    const subscriber: Subscriber = {
      id: input.id,
      chatId: input.chatId,
      language: input.language,
      frequency: 'instant',
      status: 'pending',
      follows: emptyFollows(),
      createdAt: now,
      updatedAt: now,
    };
    await ctx.store.subscribers.put(subscriber);
    return { subscriber, outcome: 'new' };
  }
  if (current.status === 'active') return { subscriber: current, outcome: 'already_active' };
  if (current.status === 'pending') return { subscriber: current, outcome: 'awaiting_consent' };
  const { consentAt: _previousConsent, awaitingText: _stale, ...rest } = current;
  const subscriber: Subscriber = { ...rest, chatId: input.chatId, status: 'pending', updatedAt: now };
  await ctx.store.subscribers.put(subscriber);
  return { subscriber, outcome: 'returning' };
}

/**
 * « J'accepte »: the subscriber becomes active; consent is dated and its version recorded (GDPR:
 * proof of what was agreed to). An active subscriber whose consent is outdated renews it (`renewal`):
 * messages reach them again, and they are not counted as joining. `version` is the one the request
 * they answered showed (the current one unless given).
 */
export async function giveConsent(
  ctx: CoreContext,
  current: Subscriber | undefined,
  version: number = currentConsent(ctx).version,
): Promise<{ subscriber: Subscriber; changed: boolean; renewal: boolean }> {
  if (!current) throw notFound('Abonné', 'inconnu');
  const renewal = current.status === 'active';
  if (renewal && acceptedConsentVersion(current) >= version) return { subscriber: current, changed: false, renewal };
  const now = ctx.clock.now().toISOString();
  const { consentAskedFor: _asked, ...rest } = current;
  const subscriber: Subscriber = { ...rest, status: 'active', consentAt: now, consentVersion: version, updatedAt: now };
  await ctx.store.subscribers.put(subscriber);
  if (!renewal) await countJoined(ctx);
  return { subscriber, changed: true, renewal };
}

/** « Non merci »: a pending subscriber's item is erased, so refusing leaves nothing behind. */
export async function declineConsent(
  ctx: CoreContext,
  current: Subscriber | undefined,
): Promise<'erased' | 'still_active' | 'nothing_kept'> {
  if (!current) return 'nothing_kept';
  if (current.status === 'active') return 'still_active';
  await ctx.store.subscribers.delete(current.id);
  return 'erased';
}

/**
 * « Non merci » to a new version of the consent: no more messages, as with `/stop`; nothing is
 * erased (they agreed to the earlier version: `/supprimer` erases, `/start` brings them back).
 */
export async function declineRenewedConsent(
  ctx: CoreContext,
  current: Subscriber | undefined,
): Promise<'left' | 'not_outdated'> {
  if (!current || !consentOutdated(ctx, current)) return 'not_outdated';
  await leave(ctx, current);
  return 'left';
}

/** `/stop`: no more messages. The item stays (follows, language) until `/supprimer` erases it. */
export async function leave(ctx: CoreContext, current: Subscriber | undefined): Promise<Subscriber> {
  if (!current) throw notFound('Abonné', 'inconnu');
  const now = ctx.clock.now().toISOString();
  if (current.status !== 'left')
    await countDeparture(ctx, await ctx.store.subscribers.setStatus(current.id, 'left', now));
  return { ...current, status: 'left', updatedAt: now };
}

/** They blocked the bot (my_chat_member "kicked", or a 403 while sending): stop writing to them. */
export async function markBlocked(ctx: CoreContext, id: string): Promise<boolean> {
  try {
    await countDeparture(ctx, await ctx.store.subscribers.setStatus(id, 'blocked', ctx.clock.now().toISOString()));
    return true;
  } catch (e) {
    if (isDomainError(e) && e.code === 'NotFound') return false; // someone who never subscribed
    throw e;
  }
}

export type FollowKind = keyof Follows;

export function assertActive(subscriber: Subscriber | undefined): asserts subscriber is Subscriber {
  if (!subscriber || subscriber.status !== 'active')
    throw conflict('seul un abonné actif peut faire cela : envoyez /start', 'subscriber_active');
}

/** Follows a démarche, theme or territory, or stops following it. Unknown keys are refused. */
export async function toggleFollow(
  ctx: CoreContext,
  current: Subscriber | undefined,
  kind: FollowKind,
  key: string,
): Promise<{ subscriber: Subscriber; following: boolean }> {
  assertActive(current);
  const list: string[] = current.follows[kind];
  const following = !list.includes(key);
  if (following) await assertFollowable(ctx, kind, key);
  const next = following ? [...list, key] : list.filter((k) => k !== key);
  const subscriber: Subscriber = {
    ...current,
    follows: { ...current.follows, [kind]: next },
    updatedAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.subscribers.put(subscriber);
  return { subscriber, following };
}

async function assertFollowable(ctx: CoreContext, kind: FollowKind, key: string) {
  const known =
    kind === 'themes'
      ? ThemeSchema.safeParse(key).success
      : kind === 'territories'
        ? Territory.safeParse(key).success
        : (await ctx.store.demarches.get(key)) !== undefined;
  if (!known) throw notFound(kind === 'demarches' ? 'Démarche' : kind === 'themes' ? 'Thème' : 'Territoire', key);
}

export async function setLanguage(
  ctx: CoreContext,
  current: Subscriber | undefined,
  language: Language,
): Promise<Subscriber> {
  if (!current) throw notFound('Abonné', 'inconnu');
  if (current.language === language) return current;
  const subscriber: Subscriber = { ...current, language, updatedAt: ctx.clock.now().toISOString() };
  await ctx.store.subscribers.put(subscriber);
  return subscriber;
}

/** Conversation state: the subscriber's next text message answers this short-text question (or none). */
export async function awaitText(
  ctx: CoreContext,
  current: Subscriber,
  target: { questionnaireId: string; questionId: string } | undefined,
): Promise<Subscriber> {
  const same =
    current.awaitingText?.questionnaireId === target?.questionnaireId &&
    current.awaitingText?.questionId === target?.questionId;
  if (same) return current;
  const { awaitingText: _previous, ...rest } = current;
  const subscriber: Subscriber = {
    ...rest,
    ...(target ? { awaitingText: target } : {}),
    updatedAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.subscribers.put(subscriber);
  return subscriber;
}

/**
 * `/supprimer` (GDPR art. 17): erases the subscriber item, the only one that holds the chat id, and
 * unlinks what stays: their responses (already counted, perhaps published) and their Telegram
 * delivery lines (counted in the campaigns' results). Both are keyed by their pseudonym, an HMAC of
 * the chat id: the same person subscribing again would get it back and be linked to their old
 * answers and to the campaigns that reached them. So each moves to one random pseudonym drawn for
 * this erasure, which nothing can recompute.
 *
 * No transactions: the order of single-item writes keeps every answer and line and lets a retry
 * finish. 1. the random pseudonym is written on the subscriber item (`erasingAs`), unless a
 * previous attempt did; 2. each response, then each ledger line, moves (copy, then delete: see
 * ResponseRepository.moveTo, DeliveryLedger.moveTo); 3. the subscriber item goes last, taking
 * `erasingAs` with it. A crash anywhere leaves the item, so the person is still known,
 * `/supprimer` is offered again, and the retry moves what is left to the same pseudonym.
 *
 * Lines of campaigns still `sending` move too: a final line moved keeps finalize's count (the
 * campaign's count of lines is unchanged, and its resume skips the moved recipient as served). A
 * send job that reaches the old pseudonym afterwards (queued before, redelivered, a dead worker's
 * job taken over) finds the subscriber gone or `erasingAs` set, and sends and writes nothing; one
 * already in flight when `erasingAs` was written moves its own line after writing it
 * (telegram-job.ts, followErasure). Finalize's next resume counts the audience without them.
 * Leases of jobs in flight list the old pseudonym and are not re-keyed: a lease lives only while
 * its job runs (released at its end, or taken over and then released), and its recipients must
 * stay the job's own for the takeover to know which sends were in flight (docs/table.md).
 */
export async function eraseSubscriber(ctx: CoreContext, current: Subscriber | undefined): Promise<boolean> {
  if (!current) return false;
  let erasingAs = current.erasingAs;
  if (!erasingAs) {
    erasingAs = randomPseudonym();
    await ctx.store.subscribers.put({ ...current, erasingAs });
  }
  for (const { response } of await responsesOf(ctx, current.id)) await ctx.store.responses.moveTo(response, erasingAs);
  for (const { line } of await telegramLinesOf(ctx, current.id)) await ctx.store.deliveries.moveTo(line, erasingAs);
  // Their digests name campaigns under the pseudonym: gone, as nothing held is sent to them now.
  for (const digest of await ctx.store.digests.listBySubscriber(current.id))
    await ctx.store.digests.delete(current.id, digest.dueAt);
  await ctx.store.subscribers.delete(current.id);
  // After the delete: a retry (only ever after a crash before it) must not count them twice.
  await countDeparture(ctx, current.status);
  return true;
}

export interface SubscriberData {
  subscriber: Subscriber;
  responses: { questionnaire: Questionnaire; response: Response }[];
  /** Every Telegram ledger line under their pseudonym, with its campaign's title, oldest first. */
  deliveries: { campaignTitle: string; line: Delivery }[];
  /** Their digests not yet sent (open, or being sent): the campaigns each holds for them. */
  digests: Digest[];
}

/**
 * `/mesdonnees` (GDPR art. 15): the subscriber item, every response, every delivery line and every
 * pending digest filed under their pseudonym — everything held about them.
 */
export async function exportSubscriberData(
  ctx: CoreContext,
  current: Subscriber | undefined,
): Promise<SubscriberData | undefined> {
  if (!current) return undefined;
  const [responses, deliveries, digests] = await Promise.all([
    responsesOf(ctx, current.id),
    telegramLinesOf(ctx, current.id),
    ctx.store.digests.listBySubscriber(current.id),
  ]);
  return {
    subscriber: current,
    responses,
    deliveries: deliveries
      .map(({ campaign, line }) => ({ campaignTitle: titleIn(campaign, current.language), line }))
      .sort(
        (a, b) =>
          a.line.createdAt.localeCompare(b.line.createdAt) || a.line.campaignId.localeCompare(b.line.campaignId),
      ),
    digests: digests.filter((d) => d.status !== 'sent'),
  };
}

/** The title as the subscriber read it: the English one when they read English and it was written. */
const titleIn = (campaign: Campaign, language: Language) =>
  language === 'en' && campaign.message.en ? campaign.message.en.title : campaign.message.title;

/**
 * Every response filed under a pseudonym. Questionnaires number in the dozens: one read each finds
 * the response, as responses are keyed by questionnaire then pseudonym. There is no index by
 * subscriber, on purpose: it would be one more place holding the pseudonym (docs/table.md).
 */
async function responsesOf(ctx: CoreContext, subscriberId: string): Promise<SubscriberData['responses']> {
  const responses: SubscriberData['responses'] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.questionnaires.list({ limit: 100, cursor });
    const found = await Promise.all(page.items.map((q) => ctx.store.responses.get(q.id, subscriberId)));
    page.items.forEach((questionnaire, i) => {
      const response = found[i];
      if (response) responses.push({ questionnaire, response });
    });
    cursor = page.next;
  } while (cursor);
  return responses;
}

/**
 * Every Telegram ledger line filed under a pseudonym: one strongly consistent read per campaign
 * (hundreds at most, and erasure is rare), as lines are keyed by campaign then recipient. No index
 * by recipient, for the same reason as responses: it would be one more place holding the pseudonym.
 */
async function telegramLinesOf(
  ctx: CoreContext,
  subscriberId: string,
): Promise<{ campaign: Campaign; line: Delivery }[]> {
  const lines: { campaign: Campaign; line: Delivery }[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.store.campaigns.list({ limit: 100, cursor });
    const found = await Promise.all(page.items.map((c) => ctx.store.deliveries.get(c.id, 'telegram', subscriberId)));
    page.items.forEach((campaign, i) => {
      const line = found[i];
      if (line) lines.push({ campaign, line });
    });
    cursor = page.next;
  } while (cursor);
  return lines;
}
