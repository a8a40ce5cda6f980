// publishResults against the real store (dynalite): what one publication creates, that it happens
// once (a second call, a race, a crash between its steps), and that only public aggregates leave.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { checkXPost } from '#core/campaigns/x-post';
import { publishResults } from '#core/restitution/publish';
import { type RestitutionDeps, derivedId, restitutionMarker } from '#core/restitution/restitution';
import { DomainError } from '#core/shared/errors';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { AGENT, NOW, demarcheOf, questionnaireOf, seedResponses } from './fixtures';

let testStore: TestStore;
let deps: RestitutionDeps;
const clock = fixedClock(NOW);

beforeEach(async () => {
  clock.set(NOW);
  testStore = await startTestStore();
  deps = {
    store: testStore.store,
    clock,
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    publicUrl: 'https://participer.example',
  };
  await deps.store.demarches.create(demarcheOf('parc-chantiers'));
});
afterEach(() => testStore.close());

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

const everyCampaign = async () => (await deps.store.campaigns.list({ limit: 100 })).items;

describe('publishResults', () => {
  it('publishes a feed item, an X draft and « Voici ce que vous avez dit » to the respondents', async () => {
    const q = questionnaireOf('qPub', { demarcheSlug: 'parc-chantiers' });
    await deps.store.questionnaires.create(q);
    await seedResponses(deps.store, q.id);

    const published = await publishResults(deps, AGENT, q.id);
    const link = 'https://participer.example/resultats/qPub';

    expect(published.questionnaire.publishedAt).toBe(NOW);
    expect(published.questionnaire.restitution).toEqual({
      campaignId: derivedId('restitution', q.id),
      at: NOW,
      trigger: 'published',
    });
    const stored = await deps.store.questionnaires.get(q.id);
    expect(stored?.publishedAt).toBe(NOW);
    expect(stored?.restitution?.campaignId).toBe(published.restitution.id);

    expect(published.feedItem).toMatchObject({ link, demarcheSlug: 'parc-chantiers', themes: ['environnement'] });
    expect(published.feedItem.title).toBe('Résultats : Le parc des Chantiers');
    expect(published.feedItem.text).toContain('5 personnes ont répondu.');
    expect(published.feedItem.text).toContain('Vous y allez… — Souvent : 60\u00a0%');
    expect(published.feedItem.text).toContain('Et après ?\nUne synthèse sera présentée en conseil de quartier.');

    expect(published.xDraft).toMatchObject({ status: 'draft', channels: ['x'], createdBy: 'ag1' });
    expect(published.xDraft.xText).toContain(link);
    expect(checkXPost(published.xDraft.xText!).weightedLength).toBeLessThanOrEqual(280);

    expect(published.restitution).toMatchObject({
      status: 'scheduled',
      channels: ['telegram'],
      audience: { kind: 'respondents', questionnaires: ['qPub'] },
      sendAt: '2026-11-25T10:05:00.000Z',
      message: { title: 'Voici ce que vous avez dit : Le parc des Chantiers', link },
    });
    expect(published.restitution.message.text).toContain('Reviendrez-vous ? — oui : 75\u00a0%');
    expect(published.restitution.message.text).toContain('note moyenne 4 (de 1 à 5)');

    // Aggregates only: no written answer, masked or not, in anything published.
    for (const text of [published.feedItem.text, published.xDraft.xText!, published.restitution.message.text]) {
      expect(text).not.toContain('arbres');
      expect(text).not.toContain('06 12');
      expect(text).not.toContain('Des bancs');
    }

    const audit = (await deps.store.audit.list({ limit: 50 })).items.map((e) => `${e.action} ${e.entity.type}`);
    expect(audit.sort()).toEqual([
      'campaign.create campaign',
      'campaign.create campaign',
      'questionnaire.publish_results questionnaire',
    ]);
  });

  it('refuses results that are not public now, saying when they will be, and writes nothing', async () => {
    const open = questionnaireOf('qOpen', { closesAt: '2026-12-01T17:00:00Z' });
    const secret = questionnaireOf('qPriv', { resultsPolicy: 'private' });
    await deps.store.questionnaires.create(open);
    await deps.store.questionnaires.create(secret);

    const notYet = await refusal(publishResults(deps, AGENT, open.id));
    expect(notYet.code).toBe('Conflict');
    expect(notYet.message).toContain('ils le seront le 1er décembre 2026 à 18:00');
    expect(notYet.violations[0]?.rule).toBe('results_visible_now');
    const privateOnes = await refusal(publishResults(deps, AGENT, secret.id));
    expect(privateOnes.message).toContain('privés');
    // Live results are public while answers come in; what is published (and told) waits for the close.
    const live = questionnaireOf('qLive', { resultsPolicy: 'public_live', closesAt: '2026-12-01T17:00:00Z' });
    await deps.store.questionnaires.create(live);
    const stillOpen = await refusal(publishResults(deps, AGENT, live.id));
    expect(stillOpen.violations[0]?.rule).toBe('questionnaire_closed');
    expect(stillOpen.message).toContain('se publient à sa clôture');
    expect(await everyCampaign()).toEqual([]);
    expect((await deps.store.questionnaires.get(open.id))?.publishedAt).toBeUndefined();
  });

  it('publishes once: a second call names the first date and creates nothing more', async () => {
    const q = questionnaireOf('qTwice');
    await deps.store.questionnaires.create(q);
    await publishResults(deps, AGENT, q.id);
    clock.advance(3_600_000);

    const again = await refusal(publishResults(deps, AGENT, q.id));
    expect(again.code).toBe('Conflict');
    expect(again.message).toContain('déjà été publiés le 25 novembre 2026 à 11:00');
    expect(await everyCampaign()).toHaveLength(2);
    expect(await deps.store.feedItems.listRecent({ limit: 10 })).toHaveLength(1);
  });

  it('lets one of two racing publications through', async () => {
    const q = questionnaireOf('qRace');
    await deps.store.questionnaires.create(q);
    const outcomes = await Promise.allSettled([publishResults(deps, AGENT, q.id), publishResults(deps, AGENT, q.id)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await everyCampaign()).toHaveLength(2);
    expect(await deps.store.feedItems.listRecent({ limit: 10 })).toHaveLength(1);
  });

  it('finishes, on a retry, a publication whose process died right after its first write', async () => {
    const q = questionnaireOf('qCrash');
    await deps.store.questionnaires.create(q);
    // What the first write of publishResults leaves, and nothing else (the process died then).
    const marked = { ...q, publishedAt: NOW, restitution: restitutionMarker(q, 'published', clock.now()), version: 2 };
    await deps.store.questionnaires.update(marked, 1);

    clock.advance(60_000);
    await refusal(publishResults(deps, AGENT, q.id));
    const campaigns = await everyCampaign();
    expect(campaigns.map((c) => c.id).sort()).toEqual(
      [derivedId('restitution', q.id), derivedId('x-draft', q.id)].sort(),
    );
    expect(await deps.store.feedItems.get(derivedId('feed', q.id))).toBeDefined();

    await refusal(publishResults(deps, AGENT, q.id));
    expect(await everyCampaign()).toHaveLength(2);
  });

  it('sends no second « Voici ce que vous avez dit » when the démarche’s step already sent one', async () => {
    const q = questionnaireOf('qStep');
    await deps.store.questionnaires.create(q);
    const stepCampaignId = derivedId('restitution', q.id);
    const marked = { ...q, restitution: restitutionMarker(q, 'step', clock.now()), version: 2 };
    await deps.store.questionnaires.update(marked, 1);
    const published = await publishResults(deps, AGENT, q.id);
    expect(published.questionnaire.restitution?.trigger).toBe('step');
    expect(published.restitution.id).toBe(stepCampaignId);
    const restitutions = (await everyCampaign()).filter((c) => c.channels.includes('telegram'));
    expect(restitutions).toHaveLength(1);
  });
});
