// The X outbox on the agents' side: a post waiting to be posted by hand (no X credentials, or the
// API refused it) is marked posted with its URL; the campaign's X count says so; the journal too.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { PUBLIC_RECIPIENT } from '../delivery/ledger';
import { conflict, invalid, isDomainError, notFound } from '../shared/errors';
import type { XPost } from '../store';

/** https://x.com/<account>/status/<id>, or the same on twitter.com (www. and mobile. too), query string ignored. */
const POST_URL =
  /^https:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,20})\/?(?:[?#].*)?$/;

/** The post's id and its canonical URL, or a refusal that shows what is expected. */
export function parseXPostUrl(url: string): { postId: string; postUrl: string } {
  const match = POST_URL.exec(url.trim());
  if (!match)
    throw invalid(
      'url',
      'x_post_url',
      'adresse de publication X attendue : https://x.com/<compte>/status/<numéro> (ou sur twitter.com)',
    );
  const [, account, postId] = match as unknown as [string, string, string];
  return { postId, postUrl: `https://x.com/${account}/status/${postId}` };
}

export async function getXPost(ctx: CoreContext, id: string): Promise<XPost> {
  const post = await ctx.store.xOutbox.get(id);
  if (!post) throw notFound('Publication X', id);
  return post;
}

/**
 * An agent posted it by hand: the line becomes posted with its id, URL and author. A post made in
 * X's own app is not billed by the API, so it does not count in the monthly budget (x-budget.ts).
 */
export async function markXPostPosted(ctx: CoreContext, actor: Actor, id: string, url: string): Promise<XPost> {
  const { postId, postUrl } = parseXPostUrl(url);
  const line = await getXPost(ctx, id);
  if (line.status === 'posted')
    throw conflict(
      `cette publication X est déjà publiée${line.postUrl ? ` (${line.postUrl})` : ''}`,
      'x_post_not_posted',
    );
  const { error: _error, ...rest } = line;
  const posted: XPost = {
    ...rest,
    status: 'posted',
    postId,
    postUrl,
    postedBy: { agentId: actor.agentId, name: actor.name },
    updatedAt: ctx.clock.now().toISOString(),
  };
  await ctx.store.xOutbox.putUnlessPosted(posted);
  await countPostedOnCampaign(ctx, line.campaignId, postId);
  await recordChange(
    ctx,
    actor,
    'campaign.x_posted',
    { type: 'campaign', id: line.campaignId },
    { xPost: { id, status: line.status } },
    { xPost: { id, status: 'posted', postUrl } },
  );
  return posted;
}

/**
 * The campaign's X count follows: its ledger line carries the post's id (so a recount says posted),
 * and a finished campaign's counts are corrected (one X post per campaign: posted 1, nothing else).
 * A campaign still sending counts it when it finishes, from the ledger.
 */
async function countPostedOnCampaign(ctx: CoreContext, campaignId: string, postId: string) {
  const now = ctx.clock.now().toISOString();
  const ledgerLine = await ctx.store.deliveries.get(campaignId, 'x', PUBLIC_RECIPIENT.x);
  if (ledgerLine && ledgerLine.status !== 'pending') {
    const { error: _error, deferred: _deferred, ...kept } = ledgerLine;
    await ctx.store.deliveries.update({ ...kept, status: 'sent', externalId: postId, updatedAt: now });
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const campaign = await ctx.store.campaigns.get(campaignId);
    if (!campaign?.counts?.x) return;
    const counts = { ...campaign.counts, x: { posted: 1, queued: 0, failed: 0 } };
    try {
      await ctx.store.campaigns.update(
        { ...campaign, counts, updatedAt: now, version: campaign.version + 1 },
        campaign.version,
      );
      return;
    } catch (error) {
      // Changed meanwhile (the finalizer writing its counts): read it again, once.
      if (!isDomainError(error) || error.code !== 'Conflict') throw error;
    }
  }
}
