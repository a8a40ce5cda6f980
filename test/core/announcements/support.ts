// Shared material for the announcement tests: the delivery tick's deps on a real store (a queue
// that keeps what dispatch enqueues), a movable clock, and a démarche whose timeline opens,
// reminds, and publishes.
import { Logger } from '@aws-lambda-powertools/logger';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import type { Campaign } from '#core/campaigns/campaign';
import type { DemarcheInput } from '#core/demarches/demarche';
import type { Store } from '#core/store';
import { type DispatchHandlerDeps, createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { capturingQueue } from '../delivery/support';

/** A Monday morning, before anything in the timeline. */
export const START = '2026-03-02T08:00:00.000Z';
export const AGENT = { agentId: 'ag1', name: 'Camille' };

export const timeline = (over: Partial<DemarcheInput> = {}): DemarcheInput => ({
  slug: 'budget-2027',
  title: 'Budget participatif 2027',
  summary: 'Proposez et choisissez les projets de votre quartier.',
  link: 'https://participer.example/budget-2027',
  themes: ['urbanisme'],
  territories: ['nantes'],
  announcementPolicy: 'auto',
  steps: [
    {
      id: 'consult',
      kind: 'consultation',
      title: 'Dépôt des idées',
      start: '2026-03-03T08:00:00Z',
      end: '2026-03-10T17:00:00Z',
      questionnaireId: 'q1',
    },
    { id: 'atelier', kind: 'workshop', title: 'Atelier de quartier', start: '2026-03-05T17:00:00Z' },
    { id: 'quest', kind: 'questionnaire', title: 'Vos priorités', start: '2026-03-04T08:00:00Z' },
    { id: 'synth', kind: 'synthesis', title: 'Synthèse des idées', start: '2026-03-20T09:00:00Z' },
  ],
  ...over,
});

/** The delivery tick's deps on `store`: a new call is a restarted process on the same table. */
export function tickDeps(store: Store, clock: ReturnType<typeof fixedClock>) {
  const queue = capturingQueue();
  const deps: DispatchHandlerDeps = {
    store,
    clock,
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    publicUrl: 'https://participer.example',
    queue,
    logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'SILENT' }),
  };
  const tick = createDispatchHandler(deps, { steps: ['dispatch', 'announcements'] });
  /** The campaigns whose jobs the dispatch enqueued, in order, once each per enqueue. */
  const dispatched = () => [...new Set(queue.jobs.flatMap((j) => ('campaignId' in j ? [j.campaignId] : [])))];
  return { deps, queue, tick, dispatched };
}

export const newClock = () => fixedClock(START);

/** Every campaign in the store (a few per test). */
export const allCampaigns = async (store: Store): Promise<Campaign[]> =>
  (await store.campaigns.list({ limit: 100 })).items;

export const byRule = (campaigns: Campaign[]) =>
  Object.fromEntries(
    campaigns
      .filter((c) => c.origin?.kind === 'announcement')
      .map((c) => [c.origin?.kind === 'announcement' ? `${c.origin.stepId}:${c.origin.rule}` : '', c]),
  );
