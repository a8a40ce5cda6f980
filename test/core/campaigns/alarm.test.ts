// A campaign's alarm follows what agents (and announcements, imports) do to it: set when it is
// scheduled, moved when it is rescheduled, cleared when it goes back to draft or is cancelled. An
// alarm that fails is logged and costs the campaign nothing: the minute tick is the safety net.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignAlarm } from '#core/campaigns/alarm';
import {
  type CampaignDeps,
  cancelCampaign,
  createCampaign,
  scheduleCampaign,
  unscheduleCampaign,
  updateCampaign,
} from '#core/campaigns/use-cases';
import { startHttpDeps } from '../../support/http-deps';

/** The alarm port as the use cases see it, noting each call (the AWS adapter has its own test). */
function recordingAlarm(fail = false): CampaignAlarm & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    set(campaignId, at) {
      calls.push(`set ${campaignId} ${at.toISOString()}`);
      return fail ? Promise.reject(new Error('Scheduler unreachable')) : Promise.resolve();
    },
    clear(campaignId) {
      calls.push(`clear ${campaignId}`);
      return fail ? Promise.reject(new Error('Scheduler unreachable')) : Promise.resolve();
    },
  };
}

const ACTOR = { agentId: 'ag1', name: 'Camille' };
const input = (sendAt: string) => ({
  message: { title: 'Réunion publique', text: 'Venez nombreux.', link: 'https://participer.example/parc' },
  channels: ['telegram'],
  sendAt,
});

let started: Awaited<ReturnType<typeof startHttpDeps>>;
beforeEach(async () => {
  started = await startHttpDeps('2026-11-25T10:00:00.000Z');
});
afterEach(() => started.close());

describe('a campaign’s alarm', () => {
  it('is set when it is scheduled, moved when rescheduled, cleared back in draft or cancelled', async () => {
    const alarm = recordingAlarm();
    const deps: CampaignDeps = { ...started.deps, alarm };
    const draft = await createCampaign(deps, ACTOR, input('2026-11-26T09:00:00Z'));
    expect(alarm.calls).toEqual([]); // a draft leaves at no time

    await scheduleCampaign(deps, ACTOR, draft.id);
    await updateCampaign(deps, ACTOR, draft.id, { sendAt: '2026-11-26T09:30:00Z' });
    await updateCampaign(deps, ACTOR, draft.id, { message: { title: 'Réunion publique, salle B' } });
    await unscheduleCampaign(deps, ACTOR, draft.id);
    await scheduleCampaign(deps, ACTOR, draft.id);
    await cancelCampaign(deps, ACTOR, draft.id);
    expect(alarm.calls).toEqual([
      `set ${draft.id} 2026-11-26T09:00:00.000Z`,
      `set ${draft.id} 2026-11-26T09:30:00.000Z`, // the title's edit kept the time: no call
      `clear ${draft.id}`,
      `set ${draft.id} 2026-11-26T09:30:00.000Z`,
      `clear ${draft.id}`,
    ]);
  });

  it('is set for a campaign created scheduled (announcements, imports, restitutions)', async () => {
    const alarm = recordingAlarm();
    const campaign = await createCampaign({ ...started.deps, alarm }, ACTOR, input('2026-11-26T09:00:00Z'), {
      schedule: true,
    });
    expect(alarm.calls).toEqual([`set ${campaign.id} 2026-11-26T09:00:00.000Z`]);
  });

  it('that fails is logged, and the campaign stays scheduled: the minute tick dispatches it', async () => {
    const warned: unknown[] = [];
    const deps = {
      ...started.deps,
      alarm: recordingAlarm(true),
      logger: { warn: (message: string, extra: Record<string, unknown>) => warned.push({ message, ...extra }) },
    };
    const draft = await createCampaign(deps, ACTOR, input('2026-11-26T09:00:00Z'));
    const scheduled = await scheduleCampaign(deps, ACTOR, draft.id);
    expect(scheduled.status).toBe('scheduled');
    expect((await started.deps.store.campaigns.get(draft.id))?.status).toBe('scheduled');
    expect(warned).toEqual([
      {
        message: 'campaign alarm not updated: the minute tick will dispatch it',
        campaignId: draft.id,
        action: 'set',
        error: 'Error: Scheduler unreachable',
      },
    ]);
    await expect(cancelCampaign(deps, ACTOR, draft.id)).resolves.toMatchObject({ status: 'cancelled' });
  });
});
