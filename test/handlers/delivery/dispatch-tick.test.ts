// The delivery tick's restitution step, through the dispatch handler as the Lambda and the local
// runtime run it: when a démarche's synthesis or decision step starts, each of its questionnaires
// whose results are public gets « Voici ce que vous avez dit » once, to those who answered only.
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import type { Demarche } from '#core/demarches/demarche';
import { derivedId } from '#core/restitution/restitution';
import { type DispatchHandlerDeps, createDispatchHandler } from '#handlers/delivery/dispatch-tick';
import { subscriber } from '../../adapters/dynamodb/fixtures';
import { capturingQueue } from '../../core/delivery/support';
import { NOW, demarcheOf, questionnaireOf, seedResponses } from '../../core/restitution/fixtures';
import { type TestStore, startTestStore } from '../../support/dynalite';

let testStore: TestStore;
let deps: DispatchHandlerDeps;
let queue: ReturnType<typeof capturingQueue>;
const clock = fixedClock(NOW);
const SYNTHESIS = '2026-11-26T09:00:00.000Z';

beforeEach(async () => {
  clock.set(NOW);
  testStore = await startTestStore();
  queue = capturingQueue();
  deps = {
    store: testStore.store,
    clock,
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    publicUrl: 'https://participer.example',
    queue,
    logger: new Logger({ serviceName: 'porte-voix-test', logLevel: 'SILENT' }),
  };
});
afterEach(() => testStore.close());

const withSynthesis: Demarche = demarcheOf('parc', [
  { kind: 'consultation', start: '2026-11-01T08:00:00Z' },
  { kind: 'synthesis', start: SYNTHESIS },
]);

const restitutions = async () =>
  (await deps.store.campaigns.list({ limit: 100 })).items.filter((c) => c.audience.kind === 'respondents');

describe('the delivery tick, when a démarche reaches its synthesis', () => {
  it('starts « Voici ce que vous avez dit » once per public questionnaire of the démarche, then sends it to respondents only', async () => {
    await deps.store.demarches.create(withSynthesis);
    const closed = questionnaireOf('qClosed', { demarcheSlug: 'parc' });
    const hidden = questionnaireOf('qHidden', { demarcheSlug: 'parc', resultsPolicy: 'private' });
    const stillOpen = questionnaireOf('qOpen', { demarcheSlug: 'parc', closesAt: '2026-11-30T17:00:00Z' });
    const elsewhere = questionnaireOf('qAlone');
    for (const q of [closed, hidden, stillOpen, elsewhere]) {
      await deps.store.questionnaires.create(q);
      await seedResponses(deps.store, q.id);
    }
    // The sparse index holds what may still need one: neither the private one nor the one without démarche.
    expect((await deps.store.questionnaires.listAwaitingRestitution()).map((q) => q.id).sort()).toEqual([
      'qClosed',
      'qOpen',
    ]);
    for (let i = 0; i < 5; i++) await deps.store.subscribers.put(subscriber({ id: `sub${i}`, chatId: 2000 + i }));
    await deps.store.subscribers.put(subscriber({ id: 'follower', chatId: 3000 })); // follows, never answered
    await deps.store.subscribers.put(subscriber({ id: 'sub4', chatId: 2004, status: 'left' }));
    const tick = createDispatchHandler(deps);

    expect(await tick()).toMatchObject({ restitutions: 0 }); // the synthesis has not started
    expect(await restitutions()).toEqual([]);

    clock.set(SYNTHESIS);
    expect(await tick()).toMatchObject({ restitutions: 1 });
    const [campaign] = await restitutions();
    expect(campaign).toMatchObject({
      id: derivedId('restitution', 'qClosed'),
      status: 'scheduled',
      createdBy: 'system',
      audience: { kind: 'respondents', questionnaires: ['qClosed'] },
      sendAt: '2026-11-26T09:05:00.000Z',
    });
    expect((await deps.store.questionnaires.get('qClosed'))?.restitution).toMatchObject({ trigger: 'step' });
    const audit = (await deps.store.audit.list({ entity: { type: 'questionnaire', id: 'qClosed' } })).items;
    expect(audit.map((e) => [e.action, e.actor.name])).toEqual([['questionnaire.restitution', 'Porte-voix']]);
    expect((await deps.store.questionnaires.listAwaitingRestitution()).map((q) => q.id)).toEqual(['qOpen']);

    expect(await tick()).toMatchObject({ restitutions: 0 }); // once

    clock.set('2026-11-26T09:05:00.000Z');
    await tick();
    const recipients = queue.jobs.flatMap((job) => (job.channel === 'telegram' ? job.recipients : []));
    expect(recipients.sort()).toEqual(['sub0', 'sub1', 'sub2', 'sub3']); // not the follower, not who left

    // The questionnaire still open when the synthesis began gets its own once its results are public.
    clock.set('2026-11-30T17:00:00.000Z');
    expect(await tick()).toMatchObject({ restitutions: 1 });
    expect((await restitutions()).map((c) => c.audience)).toContainEqual({
      kind: 'respondents',
      questionnaires: ['qOpen'],
    });
    expect(await deps.store.questionnaires.listAwaitingRestitution()).toEqual([]);
  });

  it('starts one restitution when two ticks overlap', async () => {
    await deps.store.demarches.create(withSynthesis);
    const q = questionnaireOf('qHalf', { demarcheSlug: 'parc' });
    await deps.store.questionnaires.create(q);
    clock.set(SYNTHESIS);
    // Two ticks overlap: both read the index before either writes the marker.
    await Promise.all([createDispatchHandler(deps)(), createDispatchHandler(deps)()]);
    expect(await restitutions()).toHaveLength(1);
  });

  it('waits for the questionnaire to close, and ignores a synthesis from before it opened', async () => {
    // A démarche in its second phase: the first phase's synthesis is years old.
    await deps.store.demarches.create(
      demarcheOf('parc', [
        { kind: 'synthesis', start: '2019-01-15T08:00:00Z' },
        { kind: 'consultation', start: '2026-11-01T08:00:00Z' },
      ]),
    );
    const live = questionnaireOf('qLive', {
      demarcheSlug: 'parc',
      resultsPolicy: 'public_live',
      closesAt: '2026-11-30T17:00:00Z',
    });
    await deps.store.questionnaires.create(live);
    const tick = createDispatchHandler(deps);
    clock.set(SYNTHESIS);
    expect(await tick()).toMatchObject({ restitutions: 0 }); // public while open, but not final
    clock.set('2026-12-01T09:00:00.000Z');
    expect(await tick()).toMatchObject({ restitutions: 0 }); // closed, but no step of its own phase
    expect(await restitutions()).toEqual([]);
  });
});
