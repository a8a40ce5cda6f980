// Use cases of campaigns on the agents' side: write, correct, schedule, cancel (with pause and
// resume, in sending-control.ts, since a cancel may stop a sending under way). Every rule a campaign must meet before it may be scheduled is checked in `assertSendable`.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { conflict, notFound } from '../shared/errors';
import { applyMergePatch, mergePatchSchema, sameJson } from '../shared/merge-patch';
import { parseOrThrow } from '../shared/parse';
import type { ListOptions } from '../store';
import { questionnairePhase } from '../questionnaires/questionnaire';
import { syncAlarm } from './alarm';
import {
  type Campaign,
  CampaignInput,
  type CampaignOrigin,
  type CampaignStatus,
  assertEditable,
  assertSendAtInFuture,
  transition,
} from './campaign';
import { type TelegramFormat, assertFitsTelegram } from './telegram-format';
import { assertWithinXBudget } from './x-budget';
import { composeXPublication } from './x-poll';
import { assertXPostFits } from './x-post';
import { cancelCampaign as stopOrCancel } from './sending-control';

/** Writing a campaign also needs the Telegram adapter's word on whether its message fits Telegram. */
export interface CampaignDeps extends CoreContext {
  telegramFormat: TelegramFormat;
  /** X_MONTHLY_BUDGET_USD: scheduling past it on X is refused; absent, no limit. */
  xMonthlyBudgetUsd?: number;
}

/** The rules that hold for any campaign that is, or is about to be, scheduled. */
async function assertSendable(ctx: CampaignDeps, campaign: Campaign, now: Date) {
  assertSendAtInFuture(campaign.sendAt, now);
  await assertReferencesExist(ctx, campaign, now);
  await assertWithinXBudget(ctx, ctx.xMonthlyBudgetUsd, campaign);
}

/**
 * Rules checked at every write: the message fits each chosen channel; references exist. Answers the
 * campaign with its X publication decided (text, poll, price), which is what the send path will post.
 */
async function assertWellFormed(ctx: CampaignDeps, campaign: Campaign, now: Date): Promise<Campaign> {
  if (campaign.channels.includes('telegram')) assertFitsTelegram(ctx.telegramFormat, campaign.message);
  if (campaign.channels.includes('x')) assertXPostFits(campaign);
  const { xPublication: _previous, ...rest } = campaign;
  const xPublication = await composeXPublication(ctx, campaign);
  await assertReferencesExist(ctx, campaign, now);
  return xPublication ? { ...rest, xPublication } : rest;
}

async function assertReferencesExist(ctx: CoreContext, campaign: Campaign, now: Date) {
  if (campaign.demarcheSlug && !(await ctx.store.demarches.get(campaign.demarcheSlug)))
    throw notFound('Démarche', campaign.demarcheSlug);
  if (campaign.questionnaireId) {
    const questionnaire = await ctx.store.questionnaires.get(campaign.questionnaireId);
    if (!questionnaire) throw notFound('Questionnaire', campaign.questionnaireId);
    if (questionnairePhase(questionnaire, now) === 'closed' || questionnaire.closesAt <= campaign.sendAt)
      throw conflict(
        'le questionnaire sera clos à l’heure d’envoi : prolongez-le ou retirez-le',
        'questionnaire_open_at_send_time',
      );
  }
}

export async function createCampaign(
  ctx: CampaignDeps,
  actor: Actor,
  input: unknown,
  // `id`: a caller that may retry (the results' publication) names its campaign, so a replay finds it (`Conflict`).
  // `origin`: what generated it (a timeline step, an imported entry), kept through every edit.
  options: { schedule?: boolean; id?: string; origin?: CampaignOrigin } = {},
): Promise<Campaign> {
  const data = parseOrThrow(CampaignInput, input, 'la campagne');
  const now = ctx.clock.now();
  // A draft is meant to be sent: a time already past is a typo, refused wherever it is set.
  assertSendAtInFuture(data.sendAt, now);
  const draft: Campaign = {
    ...data,
    id: options.id ?? ctx.ids.next(),
    status: 'draft',
    createdBy: actor.agentId,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    ...(options.origin ? { origin: options.origin } : {}),
  };
  const checked = await assertWellFormed(ctx, draft, now);
  const campaign = options.schedule
    ? (await assertSendable(ctx, checked, now), transition(checked, 'scheduled', now))
    : checked;
  await ctx.store.campaigns.create(campaign);
  await recordChange(ctx, actor, 'campaign.create', { type: 'campaign', id: campaign.id }, undefined, campaign);
  if (campaign.status === 'scheduled') await syncAlarm(ctx, campaign);
  return campaign;
}

export async function getCampaign(ctx: CoreContext, id: string): Promise<Campaign> {
  const campaign = await ctx.store.campaigns.get(id);
  if (!campaign) throw notFound('Campagne', id);
  return campaign;
}

export const listCampaigns = (ctx: CoreContext, options?: ListOptions & { status?: CampaignStatus }) =>
  ctx.store.campaigns.list(options);

/** The body of a PATCH: a JSON Merge Patch of the campaign's input (status moves by its own routes). */
export const CampaignPatch = mergePatchSchema(CampaignInput);

/** Applies a JSON Merge Patch to a draft or scheduled campaign; a patch that changes nothing writes nothing. */
export async function updateCampaign(
  ctx: CampaignDeps,
  actor: Actor,
  id: string,
  patch: unknown,
  expectedVersion?: number,
): Promise<Campaign> {
  const changes = parseOrThrow(CampaignPatch, patch, 'la modification');
  const current = await getCampaign(ctx, id);
  assertEditable(current);
  if (expectedVersion !== undefined && expectedVersion !== current.version)
    throw conflict(`la campagne a été modifiée entre-temps (version ${current.version})`, 'version_matches');
  const now = ctx.clock.now();
  const {
    id: _id,
    status,
    createdBy,
    createdAt,
    updatedAt: _updated,
    version,
    recipientCount,
    counts,
    sentAt,
    origin,
    xPublication: _decided,
    ...editable
  } = current;
  const data = parseOrThrow(CampaignInput, applyMergePatch(editable, changes), 'la campagne');
  if (sameJson(data, editable)) return current;
  if (changes.sendAt !== undefined) assertSendAtInFuture(data.sendAt, now);
  const written: Campaign = {
    ...data,
    id,
    status,
    createdBy,
    createdAt,
    updatedAt: now.toISOString(),
    version: version + 1,
    recipientCount,
    counts,
    sentAt,
    ...(origin ? { origin } : {}),
  };
  const next = await assertWellFormed(ctx, written, now);
  if (next.status === 'scheduled') await assertSendable(ctx, next, now);
  await ctx.store.campaigns.update(next, current.version);
  await recordChange(ctx, actor, 'campaign.update', { type: 'campaign', id }, current, next);
  // Rescheduled: the alarm moves with the time.
  if (next.status === 'scheduled' && next.sendAt !== current.sendAt) await syncAlarm(ctx, next);
  return next;
}

/** Moves a campaign along its lifecycle on an agent's request (schedule, unschedule). */
async function move(ctx: CampaignDeps, actor: Actor, id: string, to: CampaignStatus, action: string) {
  const current = await getCampaign(ctx, id);
  const now = ctx.clock.now();
  let checked = current;
  if (to === 'scheduled') {
    // Decided again: the questionnaire's question may have changed since the draft was written.
    checked = await assertWellFormed(ctx, current, now);
    await assertSendable(ctx, checked, now);
  }
  const next = { ...transition(checked, to, now), version: current.version + 1 };
  await ctx.store.campaigns.update(next, current.version);
  await recordChange(ctx, actor, action, { type: 'campaign', id }, current, next);
  await syncAlarm(ctx, next);
  return next;
}

export const scheduleCampaign = (ctx: CampaignDeps, actor: Actor, id: string) =>
  move(ctx, actor, id, 'scheduled', 'campaign.schedule');
export const unscheduleCampaign = (ctx: CampaignDeps, actor: Actor, id: string) =>
  move(ctx, actor, id, 'draft', 'campaign.unschedule');

/** Cancels (sending-control.ts) and clears the campaign's alarm, should it still have one. */
export async function cancelCampaign(ctx: CoreContext, actor: Actor, id: string): Promise<Campaign> {
  const cancelled = await stopOrCancel(ctx, actor, id);
  await syncAlarm(ctx, cancelled);
  return cancelled;
}
