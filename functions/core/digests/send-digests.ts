// The delivery tick's `digests` step: each due digest is claimed (one conditional write, so
// overlapping ticks never both send it), rendered from the items still held, sent through the same
// Telegram sender as the campaigns (a message per part, split between items), and its held lines
// become `sent` with the message's id. A claimer that dies leaves its claim to expire: the takeover
// sends only the items in no recorded part, its first send counted uncertain (the dead one's may
// have landed). Nothing held is ever sent twice knowingly, and an empty digest is never sent.
import type { Campaign } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import type { TelegramSendResult, TelegramSender } from '../delivery/ports';
import { writeNote } from '../delivery/ledger';
import { type Questionnaire, questionnairePhase } from '../questionnaires/questionnaire';
import { type ConsentRequestFormat, askConsentAgain, consentOutdated, requiredConsent } from '../subscribers/consent';
import { markBlocked } from '../subscribers/use-cases';
import type { Subscriber } from '../subscribers/subscriber';
import type { Digest, DigestEntry, DigestFormat, DigestPart } from './digest';

export interface DigestDeps extends CoreContext {
  telegram: TelegramSender;
  digestFormat: DigestFormat;
  /** Renders the request to accept a new consent version, sent in place of a digest (subscribers/consent.ts). */
  consentRequest?: ConsentRequestFormat;
}

export interface DigestOptions {
  /**
   * Due digests taken per run (default 500: about 17 s of sends at 30/s, within the dispatch
   * Lambda's 60 s); the next run takes the rest.
   */
  limit?: number;
  /** Digests sent at once (default 5); the sender's rate limiter sets the pace. */
  concurrency?: number;
  /** How long a claim holds (default 5 min): past it, a claimer is presumed dead and taken over. */
  claimMs?: number;
}

export interface DigestReport {
  /** Digests sent (or settled without a message: every item already sent, or the subscriber left). */
  finished: number;
  /** Telegram messages sent (a long digest is several). */
  messages: number;
  /** Held lines settled by the digests (sent, failed or blocked). */
  items: number;
  /** Messages sent after an unknown outcome: possible duplicates. */
  uncertain: number;
  /** A send put off (rate limits): released, the next run sends it. */
  deferred: number;
  /** Claimed by another run first, or held by a live claim. */
  taken: number;
  errors: { dueAt: string; error: unknown }[];
}

const DEFAULT_CLAIM_MS = 5 * 60_000;
/** A sent digest is kept this long (TTL), so a campaign joining its slot late finds it closed. */
const KEEP_SENT_MS = 7 * 86_400_000;

export async function sendDueDigests(deps: DigestDeps, options: DigestOptions = {}): Promise<DigestReport> {
  const now = deps.clock.now();
  const report: DigestReport = { finished: 0, messages: 0, items: 0, uncertain: 0, deferred: 0, taken: 0, errors: [] };
  const due = await deps.store.digests.listDue(now.toISOString(), options.limit ?? 500);
  // One subscriber's digests in order, never at once: two could otherwise both carry an item held in each.
  const bySubscriber = new Map<string, Digest[]>();
  for (const d of due) bySubscriber.set(d.subscriberId, [...(bySubscriber.get(d.subscriberId) ?? []), d]);
  const groups = [...bySubscriber.values()];
  const reads = readsOnce(deps);
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      for (const digest of groups[next++]!) {
        try {
          await sendDigest(deps, digest, report, options.claimMs ?? DEFAULT_CLAIM_MS, reads);
        } catch (error) {
          report.errors.push({ dueAt: digest.dueAt, error });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 5, groups.length)) }, worker));
  return report;
}

/** Campaigns and questionnaires read once per run: thousands of digests at 18:00 carry the same few. */
function readsOnce(deps: CoreContext) {
  const campaigns = new Map<string, Promise<Campaign | undefined>>();
  const questionnaires = new Map<string, Promise<Questionnaire | undefined>>();
  const once = <T>(cache: Map<string, Promise<T>>, id: string, read: () => Promise<T>) => {
    let value = cache.get(id);
    if (!value) cache.set(id, (value = read()));
    return value;
  };
  return {
    campaign: (id: string) => once(campaigns, id, () => deps.store.campaigns.get(id)),
    questionnaire: (id: string) => once(questionnaires, id, () => deps.store.questionnaires.get(id)),
  };
}
type Reads = ReturnType<typeof readsOnce>;

async function sendDigest(deps: DigestDeps, read: Digest, report: DigestReport, claimMs: number, reads: Reads) {
  const now = deps.clock.now();
  if (read.status === 'sending' && read.owner && read.heldUntil && read.heldUntil > now.toISOString())
    return void report.taken++; // a live claim: its owner is sending it
  const owner = deps.ids.next();
  const at = now.toISOString();
  const digest = await deps.store.digests.claim(read, owner, new Date(now.getTime() + claimMs).toISOString(), at);
  if (!digest) return void report.taken++;
  // A dead claimer's send in flight may have landed: the takeover's first send is a possible duplicate.
  let blind = read.status === 'sending' && read.owner !== undefined;

  const subscriber = await deps.store.subscribers.get(digest.subscriberId);
  if (!subscriber || subscriber.erasingAs) {
    // Erased: nothing is sent, and nothing keeps their pseudonym next to these campaigns.
    await deps.store.digests.delete(digest.subscriberId, digest.dueAt);
    return void report.finished++;
  }
  const parts = [...(digest.parts ?? [])];
  const entries = await heldEntries(deps, reads, digest, new Set(parts.flatMap((p) => p.campaigns)));
  // An outdated consent (subscribers/consent.ts) stops a digest as a departure does, the request going in its place.
  const outdated = consentOutdated(deps, subscriber);
  if (outdated && entries.length) await askConsentAgain(deps, subscriber);
  const why = outdated
    ? `consentement à renouveler (version ${requiredConsent(deps).version}) au moment du résumé`
    : `abonné·e au statut « ${subscriber.status} » au moment du résumé`;
  const receives = subscriber.status === 'active' && !outdated;
  if (!receives && entries.length)
    parts.push({ campaigns: entries.map((e) => e.campaign.id), status: 'blocked', error: why });
  const plan = receives && entries.length ? deps.digestFormat.render(entries, subscriber.language) : [];
  for (const { message, campaignIds } of plan) {
    if (parts.at(-1)?.status === 'blocked') {
      parts.push({ campaigns: campaignIds, status: 'blocked', error: parts.at(-1)!.error });
      continue;
    }
    const result = await deps.telegram.send(subscriber.chatId, message);
    if (result.status === 'deferred') {
      // Known not sent: the next run takes it again (no uncertainty added).
      await deps.store.digests.recordParts(digest, owner, parts, deps.clock.now().toISOString());
      await deps.store.digests.release(digest, owner, deps.clock.now().toISOString());
      return void report.deferred++;
    }
    const uncertain = blind || result.uncertain;
    blind = false;
    if (uncertain) report.uncertain++;
    if (result.status === 'sent') report.messages++;
    parts.push(partOf(result, campaignIds, uncertain));
    if (!(await deps.store.digests.recordParts(digest, owner, parts, deps.clock.now().toISOString()))) return; // taken over
    if (result.status === 'blocked') await markBlocked(deps, subscriber.id);
  }
  report.items += await settleLines(deps, subscriber, parts);
  await deps.store.digests.finish(
    digest,
    owner,
    deps.clock.now().toISOString(),
    new Date(now.getTime() + KEEP_SENT_MS),
  );
  report.finished++;
}

function partOf(
  result: Exclude<TelegramSendResult, { status: 'deferred' }>,
  campaigns: string[],
  uncertain: boolean,
): DigestPart {
  const base = { campaigns, ...(uncertain ? { uncertain: true } : {}) };
  return result.status === 'sent'
    ? { ...base, status: 'sent', messageId: result.messageId }
    : { ...base, status: result.status, error: result.error.slice(0, 500) };
}

/**
 * The items still to send, oldest campaign first: those in no part yet whose line is `held` (or not
 * written yet: a job between joining and writing its line). A line sent by another digest is left
 * out (never a duplicate item), and so is a campaign cancelled since (its line stays `held`).
 */
async function heldEntries(
  deps: CoreContext,
  reads: Reads,
  digest: Digest,
  inParts: ReadonlySet<string>,
): Promise<DigestEntry[]> {
  const now = deps.clock.now();
  const entries: DigestEntry[] = [];
  for (const campaignId of digest.campaigns) {
    if (inParts.has(campaignId)) continue;
    const line = await deps.store.deliveries.get(campaignId, 'telegram', digest.subscriberId);
    if (line && line.status !== 'held') continue;
    const campaign = await reads.campaign(campaignId);
    if (!campaign || campaign.status === 'cancelled') continue;
    const questionnaire = campaign.questionnaireId ? await reads.questionnaire(campaign.questionnaireId) : undefined;
    const open = questionnaire && questionnairePhase(questionnaire, now) === 'open' ? questionnaire : undefined;
    entries.push({ campaign, ...(open ? { questionnaire: open } : {}) });
  }
  return entries.sort(
    (a, b) => a.campaign.sendAt.localeCompare(b.campaign.sendAt) || a.campaign.id.localeCompare(b.campaign.id),
  );
}

/**
 * Each item's line takes its part's outcome: `held` becomes `sent` (the part's message id), `failed`
 * or `blocked`; a line not written yet is written so (the job's own write is then refused, and it
 * counts the recipient as done). A line already settled is left as it is (a retry after a crash).
 */
async function settleLines(deps: CoreContext, subscriber: Subscriber, parts: readonly DigestPart[]): Promise<number> {
  let settled = 0;
  const at = deps.clock.now().toISOString();
  for (const part of parts)
    for (const campaignId of part.campaigns) {
      const line = await deps.store.deliveries.get(campaignId, 'telegram', subscriber.id);
      if (line && line.status !== 'held') continue;
      const outcome = {
        status: part.status,
        attempts: 1,
        ...(part.messageId !== undefined ? { externalId: String(part.messageId) } : {}),
        ...writeNote({ deferred: false, uncertain: part.uncertain === true, message: part.error }),
      };
      const key = { campaignId, channel: 'telegram' as const, recipient: subscriber.id };
      if (line) await deps.store.deliveries.update({ ...line, ...outcome, updatedAt: at });
      else if (!(await deps.store.deliveries.claim({ ...key, ...outcome, createdAt: at, updatedAt: at }))) continue;
      settled++;
    }
  return settled;
}
