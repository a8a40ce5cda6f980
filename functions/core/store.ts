// The storage port: what the core asks of persistence, one repository per entity.
// Implemented by `adapters/dynamodb` on both runtimes. Writes are single-item and conditional
// (the embedded store has no transactions): `create` refuses an existing key with a `Conflict`,
// `update` refuses a stale `expectedVersion` with a `Conflict` (optimistic locking).
import type { Agent } from './agents/agent';
import type { Session } from './agents/session';
import type { TelegramLinkCode } from './agents/telegram-link';
import type { AnnouncementMarker } from './announcements/marker';
import type { AnnouncementTemplate } from './announcements/template';
import type { AuditEvent } from './audit/audit-event';
import type { Campaign, CampaignStatus } from './campaigns/campaign';
import type { Demarche } from './demarches/demarche';
import type { Delivery, JobLease } from './delivery/delivery';
import type { DigestRepository } from './digests/digest';
import type { CounterName, JobCounters } from './delivery/job-counters';
import type { FeedItem } from './feeds/feed-item';
import type { FeedSource, FeedSourceStatus, ImportedEntry } from './imports/feed-source';
import type { StartLink } from './links/start-link';
import type { ModerationDecision } from './moderation/decision';
import type { Questionnaire } from './questionnaires/questionnaire';
import type { Response } from './questionnaires/response';
import type { Subscriber, SubscriberStatus } from './subscribers/subscriber';

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; absent on the last page. */
  next?: string;
}

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

export interface DemarcheRepository {
  get(slug: string): Promise<Demarche | undefined>;
  list(options?: ListOptions): Promise<Page<Demarche>>;
  create(demarche: Demarche): Promise<void>;
  update(demarche: Demarche, expectedVersion: number): Promise<void>;
}

export interface QuestionnaireRepository {
  get(id: string): Promise<Questionnaire | undefined>;
  list(options?: ListOptions): Promise<Page<Questionnaire>>;
  create(questionnaire: Questionnaire): Promise<void>;
  update(questionnaire: Questionnaire, expectedVersion: number): Promise<void>;
  /** Questionnaires of a démarche, not private, without a restitution yet (sparse index): the delivery tick's round. */
  listAwaitingRestitution(): Promise<Questionnaire[]>;
}

export interface CampaignRepository {
  get(id: string): Promise<Campaign | undefined>;
  /** Newest first. */
  list(options?: ListOptions & { status?: CampaignStatus }): Promise<Page<Campaign>>;
  create(campaign: Campaign): Promise<void>;
  update(campaign: Campaign, expectedVersion: number): Promise<void>;
  /** Scheduled campaigns whose `sendAt` is at or before `until`, oldest first (sparse "due" index). */
  listDue(until: string, limit?: number): Promise<Campaign[]>;
  /**
   * Campaigns in `sending`, oldest send time first (sparse "sending" index): what finalize reads
   * every tick. Eventually consistent on AWS: the item's own status is re-checked by each write's version.
   */
  listSending(): Promise<Campaign[]>;
  /** Every scheduled campaign with `from` ≤ `sendAt` < `until`, oldest first (the same index): a month's X budget. */
  listScheduledBetween(from: string, until: string): Promise<Campaign[]>;
}

export interface AgentRepository {
  getByTokenHash(tokenHash: string): Promise<Agent | undefined>;
  get(id: string): Promise<Agent | undefined>;
  list(): Promise<Agent[]>;
  create(agent: Agent): Promise<void>;
  /** Revokes the agent's token. */
  delete(id: string): Promise<void>;
  /** Sets `lastActiveAt` to `at` unless it is already after `unlessAfter`; false when skipped or the agent is gone. */
  touch(agent: Pick<Agent, 'id' | 'tokenHash'>, at: string, unlessAfter: string): Promise<boolean>;
  /** Stores the agent's Telegram chat (`NotFound` if revoked meanwhile). */
  setTelegramChat(agent: Pick<Agent, 'id' | 'tokenHash'>, chatId: number): Promise<void>;
  /** Puts the agent's link code, replacing the one they had (one per agent). */
  putLinkCode(code: TelegramLinkCode): Promise<void>;
  /** The code with this hash, expired or not (the caller checks `validUntil`). */
  findLinkCode(codeHash: string): Promise<TelegramLinkCode | undefined>;
  /** Deletes the code if it is still the agent's current one: true for exactly one caller. */
  consumeLinkCode(code: TelegramLinkCode): Promise<boolean>;
}

/** What the audit trail can be narrowed to; every filter given must hold. */
export interface AuditFilter {
  /** One entity's history (read from its own partition). */
  entity?: { type: AuditEvent['entity']['type']; id: string };
  /** Every entity of one type (with `entity`, ignored). */
  entityType?: AuditEvent['entity']['type'];
  /** What one agent did. */
  agentId?: string;
  /** Actions starting with this, e.g. `campaign.` or `campaign.schedule`. */
  actionPrefix?: string;
}

export interface AuditRepository {
  record(event: AuditEvent): Promise<void>;
  /** Newest first, narrowed by the filters given; pages stay full whatever the filter. */
  list(options?: ListOptions & AuditFilter): Promise<Page<AuditEvent>>;
}

export interface FeedItemRepository {
  /** Conditional create: a feed item's id is its permanent guid. */
  create(item: FeedItem): Promise<void>;
  get(id: string): Promise<FeedItem | undefined>;
  /** Newest first; one démarche's items when `demarcheSlug` is given. */
  listRecent(options: { limit: number; demarcheSlug?: string }): Promise<FeedItem[]>;
}

export interface SubscriberRepository {
  get(id: string): Promise<Subscriber | undefined>;
  /** Many at once, in the order of `ids` (undefined where none): a send job's recipients in one round trip per 100. */
  getMany(ids: readonly string[]): Promise<(Subscriber | undefined)[]>;
  /** Creates or replaces the subscriber (the id is derived from the chat id, so it is stable). */
  put(subscriber: Subscriber): Promise<void>;
  /** One conditional UpdateItem (`NotFound` if absent); answers the status it replaced. */
  setStatus(id: string, status: SubscriberStatus, at: string): Promise<SubscriberStatus>;
  /**
   * Records that an active subscriber is being asked to accept consent `version` (one conditional
   * UpdateItem): false when they were asked already, or are not active (or not there).
   */
  markConsentAsked(id: string, version: number, at: string): Promise<boolean>;
  /** Deletes the subscriber item, the only one with the chat id (eraseSubscriber moves responses first). */
  delete(id: string): Promise<void>;
  /** How many subscribers are in each status (no personal data: for agents and operators). */
  countByStatus(): Promise<Record<SubscriberStatus, number>>;
  /** Active subscribers, page by page. */
  listActive(options?: ListOptions): Promise<Page<Subscriber>>;
  /** Adds to a day's growth counters (one UpdateItem ADD); `day` is a Paris date, YYYY-MM-DD. */
  addGrowth(day: string, change: Partial<GrowthCounts>): Promise<void>;
  /** Every day with counters from `fromDay` on (YYYY-MM-DD), oldest first: one Query. */
  listGrowth(fromDay: string): Promise<(GrowthCounts & { day: string })[]>;
}

/** How many subscribers became active (consent) and stopped being active (left, blocked, erased). */
export interface GrowthCounts {
  joined: number;
  left: number;
}

export interface ResponseRepository {
  get(questionnaireId: string, subscriberId: string): Promise<Response | undefined>;
  /** Conditional put: creates when `expectedVersion` is undefined, else replaces that version. */
  save(response: Response, expectedVersion: number | undefined): Promise<void>;
  listByQuestionnaire(questionnaireId: string, options?: ListOptions): Promise<Page<Response>>;
  /**
   * Files `response` (as read) under `subscriberId` instead (erasure): a conditional put of the
   * copy, then a delete of the original if still at the version read (`Conflict` if it changed).
   * Repeating it after a crash between the two finishes the move; nothing is lost in between.
   */
  moveTo(response: Response, subscriberId: string): Promise<void>;
}

export interface ModerationRepository {
  /** Every decision on one questionnaire's written answers (one Query of its partition). */
  listByQuestionnaire(questionnaireId: string): Promise<ModerationDecision[]>;
  get(questionnaireId: string, questionId: string, textHash: string): Promise<ModerationDecision | undefined>;
  /** Conditional put: creates when `expectedVersion` is undefined, else replaces that version (`Conflict` otherwise). */
  save(decision: ModerationDecision, expectedVersion: number | undefined): Promise<void>;
}

export interface DeliveryLedger {
  /**
   * Conditional put of a line as given; false when the line exists. X and feeds claim a pending line
   * before their one post; Telegram writes the final line with it, once the outcome is known.
   */
  claim(delivery: Delivery): Promise<boolean>;
  get(campaignId: string, channel: Delivery['channel'], recipient: string): Promise<Delivery | undefined>;
  /** Lines of many recipients at once, in their order (undefined where none), strongly consistent: one round trip per 100. */
  getMany(
    campaignId: string,
    channel: Delivery['channel'],
    recipients: readonly string[],
  ): Promise<(Delivery | undefined)[]>;
  /** Records the outcome of an attempt (unconditional: only the line's claimant, or the lease's holder, writes it). */
  update(delivery: Delivery): Promise<void>;
  listByCampaign(campaignId: string, options?: ListOptions): Promise<Page<Delivery>>;
  /**
   * Files a Telegram line (as read) under `recipient` instead (erasure): a conditional put of the
   * copy, then a delete of the original if still as read (`Conflict` if it changed meanwhile).
   * Repeating it after a crash between the two finishes the move; the line is never missing.
   */
  moveTo(delivery: Delivery, recipient: string): Promise<void>;
  /**
   * Conditional put of a Telegram job's lease: with `previous`, only if the item still is that
   * (expired) lease, a takeover; without, only if there is none. False when another worker got it.
   */
  takeLease(lease: JobLease, previous?: JobLease): Promise<boolean>;
  getLease(campaignId: string, job: string): Promise<JobLease | undefined>;
  /** Deletes the lease if `owner` still holds it (a no-op otherwise). */
  releaseLease(campaignId: string, job: string, owner: string): Promise<void>;
  /** The leases not released: jobs being sent, or whose worker died. */
  listLeases(campaignId: string): Promise<JobLease[]>;
  /** Adds to the campaign's job counters (one UpdateItem ADD, creating them), and sets their `updatedAt`. */
  addCounters(campaignId: string, change: Partial<Record<CounterName, number>>, at: string): Promise<void>;
  getCounters(campaignId: string): Promise<JobCounters | undefined>;
  /** Replaces the counters with exact ones (finalize, after a tally). */
  putCounters(counters: JobCounters): Promise<void>;
}

export interface ProcessedUpdates {
  /** True the first time an update id is seen, false on every redelivery (conditional put, TTL'd). */
  markFirstSeen(updateId: number, at: Date): Promise<boolean>;
}

export interface XPost {
  id: string;
  campaignId: string;
  text: string;
  status: 'queued' | 'posted' | 'failed';
  postId?: string;
  error?: string;
  /** The native poll posted with the text (an agent posting by hand needs the options too). */
  poll?: { options: string[]; durationMinutes: number };
  /** Estimated price through the API (US dollars); billed only when posted by the API (no `postedBy`). */
  costUsd?: number;
  /** Set when an agent posted it by hand and said so, with its URL (https://x.com/<account>/status/<id>). */
  postUrl?: string;
  postedBy?: { agentId: string; name: string };
  /** Start of the latest attempt (by the API) or when it was queued. */
  createdAt: string;
  updatedAt: string;
}

export interface SessionRepository {
  /** By the hash of the session token. */
  get(id: string): Promise<Session | undefined>;
  create(session: Session): Promise<void>;
  /** Records the session's last request (sliding idle expiry). */
  touch(id: string, lastSeenAt: string): Promise<void>;
  /** Ends the session; a missing one is not an error. */
  delete(id: string): Promise<void>;
}

export interface XOutbox {
  put(post: XPost): Promise<void>;
  get(id: string): Promise<XPost | undefined>;
  list(options?: ListOptions): Promise<Page<XPost>>;
  /** Every line whose `createdAt` is at or after `from`, newest first: one Query that stops there. */
  listSince(from: string): Promise<XPost[]>;
  /** Replaces the line unless it is posted already (`Conflict`, rule `x_post_not_posted`). */
  putUnlessPosted(post: XPost): Promise<void>;
}

/** Announcements from the timeline: the agents' templates, and one marker per démarche (see core/announcements/marker.ts). */
export interface AnnouncementRepository {
  /** Every saved template (one Query; the built-in ones are not stored). */
  listTemplates(): Promise<AnnouncementTemplate[]>;
  /** Creates or replaces the template of its key. */
  putTemplate(template: AnnouncementTemplate): Promise<void>;
  getMarker(demarcheSlug: string): Promise<AnnouncementMarker | undefined>;
  /** Creates or replaces the démarche's marker (reconcilers racing write the same content, by construction). */
  putMarker(marker: AnnouncementMarker): Promise<void>;
  /** Every démarche's marker (one Query): what the delivery tick compares with the démarches' versions. */
  listMarkers(): Promise<AnnouncementMarker[]>;
}

export interface FeedSourceRepository {
  get(id: string): Promise<FeedSource | undefined>;
  /** Every source, oldest first (a city has a handful: one Query). */
  list(): Promise<FeedSource[]>;
  create(source: FeedSource): Promise<void>;
  /** Deletes the source and its imported-entry records; a missing one is not an error. */
  delete(id: string): Promise<void>;
  /**
   * Writes the status and adds `imported` to its `entriesImported` (the status's own count is
   * ignored): one UpdateItem, so overlapping polls add up. Answers the stored status, or undefined
   * when the source was deleted meanwhile (a poll never resurrects it).
   */
  setStatus(id: string, status: FeedSourceStatus, imported: number): Promise<FeedSourceStatus | undefined>;
  getEntry(sourceId: string, key: string): Promise<ImportedEntry | undefined>;
  /** Conditional put of a `pending` record: true for exactly one caller, false when the entry is known. */
  claimEntry(entry: ImportedEntry): Promise<boolean>;
  /** Marks the entry `done` (its feed item and announcement exist). */
  completeEntry(entry: ImportedEntry): Promise<void>;
}

/** Deep links printed as QR codes (core/links). A handful per démarche: listed in one Query. */
export interface StartLinkRepository {
  get(id: string): Promise<StartLink | undefined>;
  /** Every link, newest first. */
  list(): Promise<StartLink[]>;
  /** Conditional create (`Conflict` if the id exists). */
  create(link: StartLink): Promise<void>;
  /** A missing one is not an error. */
  delete(id: string): Promise<void>;
  /** Adds one to the link's `subscriptions` (one UpdateItem ADD); false, writing nothing, when the link is gone. */
  countSubscription(id: string): Promise<boolean>;
}

export interface Store {
  demarches: DemarcheRepository;
  questionnaires: QuestionnaireRepository;
  campaigns: CampaignRepository;
  agents: AgentRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  feedItems: FeedItemRepository;
  subscribers: SubscriberRepository;
  responses: ResponseRepository;
  moderation: ModerationRepository;
  deliveries: DeliveryLedger;
  processedUpdates: ProcessedUpdates;
  xOutbox: XOutbox;
  announcements: AnnouncementRepository;
  feedSources: FeedSourceRepository;
  /** Messages held for a subscriber's digest or the end of their quiet hours (core/digests). */
  digests: DigestRepository;
  /** Deep links and QR codes that subscribe to a démarche, a theme or a place (core/links). */
  startLinks: StartLinkRepository;
  /** Reachability of the store, for `/health`. */
  health(): Promise<{ ok: boolean; table: string; detail?: string }>;
}
