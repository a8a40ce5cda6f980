// How a send job learns that an agent paused, cancelled or resumed its campaign: it reads the
// campaign before its first send, then again at most once a second of the clock while it sends
// (one GetItem, never one per send), and starts no new send once the campaign says stop.
import type { Campaign } from '../campaigns/campaign';
import type { CoreContext } from '../context';

/** Re-read the campaign at most this often while sending: a pause stops new sends within about a second. */
export const CAMPAIGN_CHECK_EVERY_MS = 1000;

/**
 * Whether a job must start no new send: the campaign is not sending (paused, cancelled, finished
 * or given up), or it was resumed since the job was enqueued (`round`: the resume enqueued what is
 * left again, and this job would only race that copy of its work).
 */
export const sendingStops = (campaign: Campaign, jobRound: number | undefined) =>
  campaign.status !== 'sending' || (jobRound !== undefined && jobRound < (campaign.round ?? 0));

export interface CampaignWatch {
  /** Stop already seen: synchronous, for the last look just before a send leaves. */
  readonly stopped: boolean;
  /** Whether to stop, reading the campaign again if the last read is a second old (one read shared by concurrent sends). */
  check(): Promise<boolean>;
}

/** Watches `campaign` (as read when the job began) for a job of `round`. */
export function watchCampaign(deps: CoreContext, campaign: Campaign, round: number): CampaignWatch {
  let readAt = deps.clock.now().getTime();
  let stopped = sendingStops(campaign, round);
  let reading: Promise<boolean> | undefined;
  const read = async () => {
    const current = await deps.store.campaigns.get(campaign.id);
    readAt = deps.clock.now().getTime();
    stopped ||= !current || sendingStops(current, round);
    return stopped;
  };
  return {
    get stopped() {
      return stopped;
    },
    check() {
      if (stopped) return Promise.resolve(true);
      if (deps.clock.now().getTime() - readAt < CAMPAIGN_CHECK_EVERY_MS) return Promise.resolve(false);
      reading ??= read().finally(() => (reading = undefined));
      return reading;
    },
  };
}
