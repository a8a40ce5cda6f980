// The one-time alarm of a scheduled campaign: on AWS an EventBridge Scheduler schedule that runs
// dispatch for this campaign at its time, so it leaves within seconds instead of at the next minute
// tick. The tick stays the safety net: an alarm that could not be set (or cleared) is logged, never
// allowed to refuse or lose the campaign, whose scheduled status in the table is what counts.
import type { CoreContext } from '../context';
import type { Campaign } from './campaign';

export interface CampaignAlarm {
  /** Sets (or moves) the campaign's alarm so that dispatch runs for it at `at`. */
  set(campaignId: string, at: Date): Promise<void>;
  /** Removes the campaign's alarm; one that does not exist (already fired, never set) is no error. */
  clear(campaignId: string): Promise<void>;
}

/** Where a failed alarm is reported: the edge's logger, when the caller has one. */
interface AlarmDeps extends CoreContext {
  logger?: { warn(message: string, extra: Record<string, unknown>): void };
}

const errorName = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

async function guarded(deps: AlarmDeps, campaignId: string, action: 'set' | 'clear', run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    deps.logger?.warn('campaign alarm not updated: the minute tick will dispatch it', {
      campaignId,
      action,
      error: errorName(error),
    });
  }
}

/**
 * Brings the campaign's alarm in line with what was just written: set at its `sendAt` while it is
 * scheduled, cleared otherwise. Called after the write, so a failure costs at most the tick's minute.
 */
export async function syncAlarm(deps: AlarmDeps, campaign: Campaign): Promise<void> {
  const alarm = deps.alarm;
  if (!alarm) return;
  if (campaign.status === 'scheduled')
    await guarded(deps, campaign.id, 'set', () => alarm.set(campaign.id, new Date(campaign.sendAt)));
  else await guarded(deps, campaign.id, 'clear', () => alarm.clear(campaign.id));
}
