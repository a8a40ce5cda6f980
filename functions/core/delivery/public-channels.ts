// The public channels of a campaign: one X post and one feed item, each with one ledger line
// claimed before the post and updated with its outcome (ledger-line.ts). X refuses the same text
// twice and a feed item's id is the campaign's, so a retry after an unknown outcome does not publish a twin.
import type { Campaign } from '../campaigns/campaign';
import { isXPublishError, xPostRequestOf } from '../campaigns/x-publisher';
import { publishFeedItem } from '../feeds/publish';
import { isDomainError } from '../shared/errors';
import { PUBLIC_RECIPIENT, X_OUTBOX_ID, writeNote } from './ledger';
import { type LineKey, claimLine, deferAndRethrow, recordOutcome } from './ledger-line';
import { SendJobIncomplete } from './ports';
import type { SendDeps, SendJobReport } from './send-job';

export async function postOnX(
  deps: SendDeps,
  campaign: Campaign,
  report: SendJobReport,
  leaseMs: number,
  leasesDeadBefore?: Date,
) {
  const line: LineKey = { campaignId: campaign.id, channel: 'x', recipient: PUBLIC_RECIPIENT.x };
  const claim = await claimLine(deps, line, leaseMs, leasesDeadBefore);
  if (claim.kind !== 'mine') return void (claim.kind === 'held' ? report.heldElsewhere++ : report.alreadyDone++);
  const claimed = claim.line;
  const attempts = claimed.attempts + 1;
  try {
    // The text, the poll and the price decided at the campaign's last write (x-poll.ts).
    const result = await deps.x.publish(xPostRequestOf(campaign));
    // `queued`: no X credentials; the post waits in the outbox for an agent, which is this channel's delivery.
    const externalId = result.status === 'posted' ? result.postId : X_OUTBOX_ID;
    await recordOutcome(deps, line, claimed, {
      status: 'sent',
      attempts,
      externalId,
      ...writeNote({ deferred: false, uncertain: claimed.uncertain }),
    });
    report.sent++;
  } catch (error) {
    if (!isXPublishError(error)) return deferAndRethrow(deps, line, claimed, attempts, error);
    // X refuses the same text twice: after an unknown outcome, that means the first try landed.
    if (error.reason === 'duplicate' && claimed.uncertain) {
      await recordOutcome(deps, line, claimed, {
        status: 'sent',
        attempts,
        ...writeNote({ deferred: false, uncertain: true, message: error.message }),
      });
      return void report.sent++;
    }
    const uncertain = claimed.uncertain || error.reason === 'unreachable';
    if (error.retryable) {
      await recordOutcome(deps, line, claimed, {
        status: 'pending',
        attempts,
        ...writeNote({ deferred: true, uncertain, message: error.message }),
      });
      throw new SendJobIncomplete(error.message, error.retryAt);
    }
    await recordOutcome(deps, line, claimed, {
      status: 'failed',
      attempts,
      ...writeNote({ deferred: false, uncertain, message: error.message }),
    });
    report.failed++;
  }
}

export async function publishInFeeds(
  deps: SendDeps,
  campaign: Campaign,
  report: SendJobReport,
  leaseMs: number,
  leasesDeadBefore?: Date,
) {
  const line: LineKey = { campaignId: campaign.id, channel: 'feeds', recipient: PUBLIC_RECIPIENT.feeds };
  const claim = await claimLine(deps, line, leaseMs, leasesDeadBefore);
  if (claim.kind !== 'mine') return void (claim.kind === 'held' ? report.heldElsewhere++ : report.alreadyDone++);
  const claimed = claim.line;
  const attempts = claimed.attempts + 1;
  const { title, text, link, imageUrl } = campaign.message;
  try {
    // The campaign id is the item's id: a retry finds the item published instead of publishing a twin.
    const item = await publishFeedItem(deps, {
      id: campaign.id,
      campaignId: campaign.id,
      title,
      text,
      link,
      ...(imageUrl ? { imageUrl } : {}),
      ...(campaign.demarcheSlug ? { demarcheSlug: campaign.demarcheSlug } : {}),
    });
    await recordOutcome(deps, line, claimed, { status: 'sent', attempts, externalId: item.id });
    report.sent++;
  } catch (error) {
    if (!isDomainError(error)) return deferAndRethrow(deps, line, claimed, attempts, error);
    await recordOutcome(deps, line, claimed, {
      status: 'failed',
      attempts,
      ...writeNote({ deferred: false, uncertain: false, message: error.message }),
    });
    report.failed++;
  }
}
