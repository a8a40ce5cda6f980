// Every key string of the single table is built here and nowhere else: the primary key (pk/sk)
// and index keys (gsi1, sparse gsi2) of each entity, and the key range each list reads.
// docs/table.md describes the same design for people; keep the two in step.
import type { CampaignStatus, Channel } from '#core/campaigns/campaign';
import type { SubscriberStatus } from '#core/subscribers/subscriber';
import { type IndexName, TABLE } from './table';

export interface PrimaryKey {
  pk: string;
  sk: string;
}

/** Every key attribute an item may carry. Index attributes are absent when the item is not in that index. */
export interface ItemKeys extends PrimaryKey {
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

/** Attributes that belong to the table's design, not to the entity: stripped on read. */
export const STORAGE_ATTRIBUTES: readonly string[] = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  TABLE.ttlAttribute,
];

/** What a list reads: one partition of the table or of an index, optionally narrowed on the sort key. */
export interface KeyRange {
  index?: IndexName;
  partition: string;
  sort?: { beginsWith: string } | { equals: string } | { below: string } | { atLeast: string };
}

// Sort keys of time-ordered lists: ISO-8601 UTC instants sort as strings; the id breaks ties.
const timeOrdered = (at: string, id: string) => `${at}#${id}`;

// ── Démarches: listed alphabetically by slug.
export const demarcheKey = (slug: string): PrimaryKey => ({ pk: `DEMARCHE#${slug}`, sk: 'DEMARCHE' });
export const demarcheKeys = (d: { slug: string }): ItemKeys => ({
  ...demarcheKey(d.slug),
  gsi1pk: 'DEMARCHES',
  gsi1sk: d.slug,
});
export const allDemarches = (): KeyRange => ({ index: 'gsi1', partition: 'DEMARCHES' });

// ── Questionnaires: listed newest first. Their responses share the partition (see below).
// Those of a démarche that may go public and had no « Voici ce que vous avez dit » yet also sit in
// the sparse gsi2, which the delivery tick reads when démarches reach their synthesis or decision.
export const questionnaireKey = (id: string): PrimaryKey => ({ pk: `QUESTIONNAIRE#${id}`, sk: 'QUESTIONNAIRE' });
export const questionnaireKeys = (q: {
  id: string;
  createdAt: string;
  demarcheSlug?: string;
  resultsPolicy: string;
  restitution?: unknown;
}): ItemKeys => ({
  ...questionnaireKey(q.id),
  gsi1pk: 'QUESTIONNAIRES',
  gsi1sk: timeOrdered(q.createdAt, q.id),
  // A put replaces the whole item: the write of the restitution marker is what takes it out.
  ...(q.demarcheSlug && q.resultsPolicy !== 'private' && q.restitution === undefined
    ? { gsi2pk: 'RESTITUTION_AWAITED', gsi2sk: `${q.demarcheSlug}#${q.id}` }
    : {}),
});
export const allQuestionnaires = (): KeyRange => ({ index: 'gsi1', partition: 'QUESTIONNAIRES' });
export const questionnairesAwaitingRestitution = (): KeyRange => ({ index: 'gsi2', partition: 'RESTITUTION_AWAITED' });

// ── Campaigns: listed newest first; scheduled ones sit in the sparse "due" index, by send time, and
// those being sent in the sparse "sending" one (what finalize reads every tick), in gsi2 both: a
// campaign has one status, so it is in one of them at most.
export const campaignKey = (id: string): PrimaryKey => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' });
export const campaignKeys = (c: {
  id: string;
  createdAt: string;
  sendAt: string;
  status: CampaignStatus;
}): ItemKeys => ({
  ...campaignKey(c.id),
  gsi1pk: 'CAMPAIGNS',
  gsi1sk: timeOrdered(c.createdAt, c.id),
  // A put replaces the whole item, so leaving these out is what removes a campaign from the index.
  ...(c.status === 'scheduled' ? { gsi2pk: 'DUE', gsi2sk: timeOrdered(c.sendAt, c.id) } : {}),
  ...(c.status === 'sending' ? { gsi2pk: 'SENDING', gsi2sk: timeOrdered(c.sendAt, c.id) } : {}),
});
/** Campaigns being sent, oldest send time first: a few at a time, however many were ever created. */
export const campaignsSending = (): KeyRange => ({ index: 'gsi2', partition: 'SENDING' });
export const allCampaigns = (): KeyRange => ({ index: 'gsi1', partition: 'CAMPAIGNS' });
/**
 * Scheduled campaigns due at or before `until` (normalised ISO-8601): every `<sendAt>#<id>` with
 * sendAt ≤ until sorts below `<until>$`, since `$` follows `#` and ids use neither.
 */
export const campaignsDue = (until: string): KeyRange => ({
  index: 'gsi2',
  partition: 'DUE',
  sort: { below: `${until}$` },
});

// ── Agents: one item per agent keyed by its token hash, so authenticating a request is one GetItem.
export const agentKey = (tokenHash: string): PrimaryKey => ({ pk: `AGENT_TOKEN#${tokenHash}`, sk: 'AGENT' });
export const agentKeys = (a: { id: string; tokenHash: string }): ItemKeys => ({
  ...agentKey(a.tokenHash),
  gsi1pk: 'AGENTS',
  gsi1sk: a.id,
});
export const allAgents = (): KeyRange => ({ index: 'gsi1', partition: 'AGENTS' });
export const agentById = (id: string): KeyRange => ({ index: 'gsi1', partition: 'AGENTS', sort: { equals: id } });
/**
 * An agent's pending Telegram link code: one item per agent (a new code replaces the last), found
 * by the code's hash through gsi1 when the agent sends it to the bot. TTL'd (10 minutes).
 */
export const agentLinkCodeKey = (agentId: string): PrimaryKey => ({ pk: `AGENT#${agentId}`, sk: 'TELEGRAM_LINK' });
export const agentLinkCodeKeys = (c: { agentId: string; codeHash: string }): ItemKeys => ({
  ...agentLinkCodeKey(c.agentId),
  gsi1pk: `TELEGRAM_LINK#${c.codeHash}`,
  gsi1sk: 'TELEGRAM_LINK',
});
export const linkCodeByHash = (codeHash: string): KeyRange => ({
  index: 'gsi1',
  partition: `TELEGRAM_LINK#${codeHash}`,
});

// ── Console sessions: keyed by the hash of the session token, so recognising a request is one GetItem.
export const sessionKey = (id: string): PrimaryKey => ({ pk: `SESSION#${id}`, sk: 'SESSION' });

// ── Audit trail: per entity in the table, globally in gsi1, per acting agent in gsi2; all newest first.
export interface AuditEntity {
  type: string;
  id: string;
}
export const auditEventKeys = (e: {
  id: string;
  at: string;
  entity: AuditEntity;
  actor: { agentId: string };
}): ItemKeys => ({
  pk: `AUDIT#${e.entity.type}#${e.entity.id}`,
  sk: timeOrdered(e.at, e.id),
  gsi1pk: 'AUDIT',
  gsi1sk: timeOrdered(e.at, e.id),
  gsi2pk: `AUDIT#AGENT#${e.actor.agentId}`,
  gsi2sk: timeOrdered(e.at, e.id),
});
export const auditOfEntity = (entity: AuditEntity): KeyRange => ({ partition: `AUDIT#${entity.type}#${entity.id}` });
export const allAuditEvents = (): KeyRange => ({ index: 'gsi1', partition: 'AUDIT' });
export const auditByAgent = (agentId: string): KeyRange => ({ index: 'gsi2', partition: `AUDIT#AGENT#${agentId}` });

// ── Feed items: the global feed in gsi1, each démarche's feed in the sparse gsi2; newest first.
export const feedItemKey = (id: string): PrimaryKey => ({ pk: `FEEDITEM#${id}`, sk: 'FEEDITEM' });
export const feedItemKeys = (f: { id: string; publishedAt: string; demarcheSlug?: string }): ItemKeys => ({
  ...feedItemKey(f.id),
  gsi1pk: 'FEED',
  gsi1sk: timeOrdered(f.publishedAt, f.id),
  ...(f.demarcheSlug ? { gsi2pk: `FEED#DEMARCHE#${f.demarcheSlug}`, gsi2sk: timeOrdered(f.publishedAt, f.id) } : {}),
});
export const globalFeed = (): KeyRange => ({ index: 'gsi1', partition: 'FEED' });
export const demarcheFeed = (slug: string): KeyRange => ({ index: 'gsi2', partition: `FEED#DEMARCHE#${slug}` });

// ── Subscribers: gsi1 partitions them by status, so fan-out reads only the active ones.
export const subscriberKey = (id: string): PrimaryKey => ({ pk: `SUBSCRIBER#${id}`, sk: 'SUBSCRIBER' });
export const subscriberStatusPartition = (status: SubscriberStatus) => `SUBSCRIBERS#${status}`;
export const subscriberKeys = (s: { id: string; status: SubscriberStatus }): ItemKeys => ({
  ...subscriberKey(s.id),
  gsi1pk: subscriberStatusPartition(s.status),
  gsi1sk: s.id,
});
export const subscribersWithStatus = (status: SubscriberStatus): KeyRange => ({
  index: 'gsi1',
  partition: subscriberStatusPartition(status),
});
/** Daily growth counters (joined / left), one item per Paris day with any change, in one partition. */
export const subscriberGrowthKey = (day: string): PrimaryKey => ({ pk: 'SUBSCRIBER_GROWTH', sk: `DAY#${day}` });
export const subscriberGrowthSince = (fromDay: string): KeyRange => ({
  partition: 'SUBSCRIBER_GROWTH',
  sort: { atLeast: `DAY#${fromDay}` },
});

// ── Responses: in their questionnaire's partition, one item per subscriber (the source of truth).
export const responseKey = (questionnaireId: string, subscriberId: string): PrimaryKey => ({
  pk: `QUESTIONNAIRE#${questionnaireId}`,
  sk: `RESPONSE#${subscriberId}`,
});
export const responsesOf = (questionnaireId: string): KeyRange => ({
  partition: `QUESTIONNAIRE#${questionnaireId}`,
  sort: { beginsWith: 'RESPONSE#' },
});

// ── Moderation decisions: in their questionnaire's partition, one per question and text (by hash).
export const moderationKey = (questionnaireId: string, questionId: string, textHash: string): PrimaryKey => ({
  pk: `QUESTIONNAIRE#${questionnaireId}`,
  sk: `MODERATION#${questionId}#${textHash}`,
});
export const moderationOf = (questionnaireId: string): KeyRange => ({
  partition: `QUESTIONNAIRE#${questionnaireId}`,
  sort: { beginsWith: 'MODERATION#' },
});

// ── Delivery ledger: in the campaign's partition, one line per channel × recipient.
export const deliveryKey = (campaignId: string, channel: Channel, recipient: string): PrimaryKey => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `DELIVERY#${channel}#${recipient}`,
});
export const deliveriesOf = (campaignId: string): KeyRange => ({
  partition: `CAMPAIGN#${campaignId}`,
  sort: { beginsWith: 'DELIVERY#' },
});
/** A Telegram send job's lease, next to its lines (never listed with them: its sk starts with JOB#). */
export const jobLeaseKey = (campaignId: string, job: string): PrimaryKey => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `JOB#${job}`,
});
/** A campaign's job counters (core/delivery/job-counters.ts), next to its lines (sk neither DELIVERY# nor JOB#). */
export const jobCountersKey = (campaignId: string): PrimaryKey => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'COUNTERS' });
export const jobLeasesOf = (campaignId: string): KeyRange => ({
  partition: `CAMPAIGN#${campaignId}`,
  sort: { beginsWith: 'JOB#' },
});

// ── Processed Telegram updates: one TTL'd item per update_id, for idempotent webhook handling.
export const processedUpdateKey = (updateId: number): PrimaryKey => ({ pk: `UPDATE#${updateId}`, sk: 'UPDATE' });

// ── X outbox: posts waiting for (or done with) the X API, newest first.
export const xPostKey = (id: string): PrimaryKey => ({ pk: `XPOST#${id}`, sk: 'XPOST' });
export const xPostKeys = (p: { id: string; createdAt: string }): ItemKeys => ({
  ...xPostKey(p.id),
  gsi1pk: 'XOUTBOX',
  gsi1sk: timeOrdered(p.createdAt, p.id),
});
export const xOutbox = (): KeyRange => ({ index: 'gsi1', partition: 'XOUTBOX' });

// ── X budget: scheduled campaigns of one month, from the sparse "due" index; outbox lines since a time.
/** Scheduled campaigns sending at or after `from` (normalised ISO-8601), oldest first; the reader stops at its month's end. */
export const campaignsScheduledFrom = (from: string): KeyRange => ({
  index: 'gsi2',
  partition: 'DUE',
  sort: { atLeast: from },
});
/** Outbox lines created at or after `from`, read newest first: the read stops at `from`. */
export const xOutboxSince = (from: string): KeyRange => ({
  index: 'gsi1',
  partition: 'XOUTBOX',
  sort: { atLeast: from },
});
// ── Announcements: the agents' templates in one partition (one Query reads them all); each
// démarche's marker next to the démarche, listed through gsi1 (one Query for the delivery tick).
export const announcementTemplateKey = (key: string): PrimaryKey => ({ pk: 'ANNOUNCEMENT_TEMPLATES', sk: key });
export const announcementTemplates = (): KeyRange => ({ partition: 'ANNOUNCEMENT_TEMPLATES' });
export const announcementMarkerKey = (slug: string): PrimaryKey => ({ pk: `DEMARCHE#${slug}`, sk: 'ANNOUNCEMENTS' });
export const announcementMarkerKeys = (m: { demarcheSlug: string }): ItemKeys => ({
  ...announcementMarkerKey(m.demarcheSlug),
  gsi1pk: 'ANNOUNCEMENT_MARKERS',
  gsi1sk: m.demarcheSlug,
});
export const announcementMarkers = (): KeyRange => ({ index: 'gsi1', partition: 'ANNOUNCEMENT_MARKERS' });
// ── Feed sources (imported feeds): listed oldest first; each source's imported-entry records share
// its partition (one per dedupe key), so deleting a source finds them with one Query.
export const feedSourceKey = (id: string): PrimaryKey => ({ pk: `FEEDSOURCE#${id}`, sk: 'FEEDSOURCE' });
export const feedSourceKeys = (s: { id: string; createdAt: string }): ItemKeys => ({
  ...feedSourceKey(s.id),
  gsi1pk: 'FEEDSOURCES',
  gsi1sk: timeOrdered(s.createdAt, s.id),
});
export const allFeedSources = (): KeyRange => ({ index: 'gsi1', partition: 'FEEDSOURCES' });
export const importedEntryKey = (sourceId: string, key: string): PrimaryKey => ({
  pk: `FEEDSOURCE#${sourceId}`,
  sk: `ENTRY#${key}`,
});
export const feedSourcePartition = (sourceId: string): KeyRange => ({ partition: `FEEDSOURCE#${sourceId}` });
// ── Digests: one item per subscriber × due time, in the subscriber's own partition (erasure finds them
// with one Query); while open or being sent they sit in the sparse gsi2 by due time, which the delivery
// tick reads. Keyed by pseudonym like the subscriber, never by chat id.
export const digestKey = (subscriberId: string, dueAt: string): PrimaryKey => ({
  pk: `DIGEST#${subscriberId}`,
  sk: dueAt,
});
export const digestDueKeys = (subscriberId: string, dueAt: string) => ({
  gsi2pk: 'DIGESTS_DUE',
  gsi2sk: `${dueAt}#${subscriberId}`,
});
/** Digests due at or before `until` (normalised ISO-8601): `<dueAt>#<pseudonym>` sorts below `<until>$`. */
export const digestsDue = (until: string): KeyRange => ({
  index: 'gsi2',
  partition: 'DIGESTS_DUE',
  sort: { below: `${until}$` },
});
export const digestsOf = (subscriberId: string): KeyRange => ({ partition: `DIGEST#${subscriberId}` });
// ── Start links (deep links, QR codes): listed newest first through gsi1; the subscription count is
// an attribute of the link's own item (one UpdateItem ADD per subscription it brought).
export const startLinkKey = (id: string): PrimaryKey => ({ pk: `STARTLINK#${id}`, sk: 'STARTLINK' });
export const startLinkKeys = (l: { id: string; createdAt: string }): ItemKeys => ({
  ...startLinkKey(l.id),
  gsi1pk: 'STARTLINKS',
  gsi1sk: timeOrdered(l.createdAt, l.id),
});
export const allStartLinks = (): KeyRange => ({ index: 'gsi1', partition: 'STARTLINKS' });
