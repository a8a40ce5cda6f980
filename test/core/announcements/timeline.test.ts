// A démarche's timeline announces itself: each step opens, reminds and publishes exactly once as
// the clock moves, through restarts, edits of its dates, and steps deleted or cancelled; an
// announcement whose time passed beyond its grace is cancelled (« périmée »), never sent late.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnnouncedDemarche, updateAnnouncedDemarche } from '#core/announcements/demarche-hook';
import { announcementId } from '#core/announcements/wanted';
import { createDemarche } from '#core/demarches/use-cases';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { AGENT, allCampaigns, byRule, newClock, tickDeps, timeline } from './support';

let testStore: TestStore;
let clock: ReturnType<typeof newClock>;
beforeEach(async () => {
  testStore = await startTestStore();
  clock = newClock();
});
afterEach(() => testStore.close());

const id = (stepId: string, rule: 'step_opens' | 'closing_soon' | 'step_published') =>
  announcementId('budget-2027', stepId, rule);

describe('announcements from the timeline', () => {
  it('announces each step once as the clock moves, through a restart', async () => {
    const first = tickDeps(testStore.store, clock);
    await createAnnouncedDemarche(first.deps, AGENT, timeline());
    const made = byRule(await allCampaigns(testStore.store));
    // A questionnaire step without an end has no « Plus que 2 jours »; a workshop has none either.
    expect(Object.keys(made).sort()).toEqual([
      'atelier:step_opens',
      'consult:closing_soon',
      'consult:step_opens',
      'quest:step_opens',
      'synth:step_published',
    ]);
    expect(made['consult:closing_soon']).toMatchObject({
      id: id('consult', 'closing_soon'),
      status: 'scheduled',
      createdBy: 'system',
      sendAt: '2026-03-08T17:00:00.000Z', // end − 48 h
      notAfter: '2026-03-09T05:00:00.000Z', // + 12 h of grace
      channels: ['telegram', 'feeds'],
      demarcheSlug: 'budget-2027',
      audience: { kind: 'followers', demarches: ['budget-2027'], excludeRespondentsOf: ['q1'] },
      message: {
        title: 'Plus que 2 jours : Budget participatif 2027',
        text: 'La consultation « Dépôt des idées » se termine le mardi 10 mars à 18:00. Donnez votre avis avant la clôture.',
        link: 'https://participer.example/budget-2027',
        en: { title: 'Only 2 days left: Budget participatif 2027' },
      },
    });
    expect(made['consult:step_opens']?.message.title).toBe('La consultation est ouverte : Budget participatif 2027');
    expect(made['synth:step_published']?.message.title).toBe('Voici la synthèse : Budget participatif 2027');

    const moments = ['2026-03-03T08:00:00Z', '2026-03-04T08:00:00Z', '2026-03-05T17:00:00Z', '2026-03-08T17:00:00Z'];
    for (const at of moments) {
      clock.set(at);
      await first.tick();
      await first.tick(); // a second tick in the same minute finds nothing more to do
    }
    expect(first.dispatched()).toEqual([
      id('consult', 'step_opens'),
      id('quest', 'step_opens'),
      id('atelier', 'step_opens'),
      id('consult', 'closing_soon'),
    ]);

    // The process restarts (new deps on the same table) and replays the whole period: nothing twice.
    const second = tickDeps(testStore.store, clock);
    for (const at of [...moments, '2026-03-20T09:00:00Z', '2026-03-25T09:00:00Z']) {
      clock.set(at);
      await second.tick();
    }
    expect(second.dispatched()).toEqual([id('synth', 'step_published')]);
    expect(await allCampaigns(testStore.store)).toHaveLength(5);
  });

  it('reschedules pending announcements when a step’s dates change, and leaves a sent one alone', async () => {
    const { deps, tick } = tickDeps(testStore.store, clock);
    const created = await createAnnouncedDemarche(deps, AGENT, timeline());
    clock.set('2026-03-03T08:00:00Z');
    await tick(); // the consultation's opening goes out
    const [consult, ...rest] = created.steps;
    const moved = { ...consult!, title: 'Dépôt des propositions', end: '2026-03-12T17:00:00Z' };
    await updateAnnouncedDemarche(deps, AGENT, 'budget-2027', { steps: [moved, ...rest] });

    const now = byRule(await allCampaigns(testStore.store));
    expect(now['consult:closing_soon']).toMatchObject({
      status: 'scheduled',
      sendAt: '2026-03-10T17:00:00.000Z',
      notAfter: '2026-03-11T05:00:00.000Z',
      message: { text: expect.stringContaining('« Dépôt des propositions » se termine le jeudi 12 mars') },
    });
    // Already sending: history, not rewritten with the new title.
    expect(now['consult:step_opens']).toMatchObject({
      status: 'sending',
      message: { text: expect.stringContaining('Dépôt des idées') },
    });
  });

  it('cancels the pending announcements of a step deleted or cancelled, or whose end is removed', async () => {
    const { deps } = tickDeps(testStore.store, clock);
    const created = await createAnnouncedDemarche(deps, AGENT, timeline());
    clock.advance(60_000); // the audit trail orders events by time: the cancel comes a minute after the create
    const steps = created.steps.map((s) =>
      s.id === 'atelier' ? { ...s, cancelled: true } : s.id === 'consult' ? { ...s, end: undefined } : s,
    );
    await updateAnnouncedDemarche(deps, AGENT, 'budget-2027', { steps: steps.filter((s) => s.id !== 'synth') });
    const status = Object.fromEntries(
      Object.entries(byRule(await allCampaigns(testStore.store))).map(([k, c]) => [k, c.status]),
    );
    expect(status).toEqual({
      'atelier:step_opens': 'cancelled',
      'consult:closing_soon': 'cancelled',
      'consult:step_opens': 'scheduled',
      'quest:step_opens': 'scheduled',
      'synth:step_published': 'cancelled',
    });
    const audit = await deps.store.audit.list({ entity: { type: 'campaign', id: id('synth', 'step_published') } });
    expect(audit.items.map((e) => [e.action, e.actor.name])).toEqual([
      ['campaign.cancel', 'Porte-voix'],
      ['campaign.create', 'Porte-voix'],
    ]);
  });

  it('cancels an announcement past its grace instead of sending it late, and never creates a stale one', async () => {
    const { deps, tick, dispatched } = tickDeps(testStore.store, clock);
    await createAnnouncedDemarche(deps, AGENT, timeline());
    // The service was down from Monday to Wednesday noon: the consultation opened 28 h ago (grace 6 h).
    clock.set('2026-03-04T12:00:00Z');
    expect(await tick()).toMatchObject({ dispatched: 1, expired: 1 }); // the questionnaire opened 4 h ago: sent
    expect(dispatched()).toEqual([id('quest', 'step_opens')]);
    const opens = await deps.store.campaigns.get(id('consult', 'step_opens'));
    expect(opens).toMatchObject({ status: 'cancelled', notAfter: '2026-03-03T14:00:00.000Z' });
    const audit = await deps.store.audit.list({ entity: { type: 'campaign', id: opens!.id } });
    expect(audit.items[0]).toMatchObject({ action: 'campaign.expire', actor: { name: 'Porte-voix' } });

    // A démarche written now with a step that opened yesterday: its opening is not announced at all.
    await createAnnouncedDemarche(deps, AGENT, timeline({ slug: 'parc', steps: [timeline().steps![0]!] }));
    const parc = (await allCampaigns(testStore.store)).filter((c) => c.demarcheSlug === 'parc');
    expect(parc.map((c) => c.origin?.kind === 'announcement' && c.origin.rule)).toEqual(['closing_soon']);
  });

  it('catches up in the delivery tick when the save did not reconcile, and not again afterwards', async () => {
    const { deps, tick } = tickDeps(testStore.store, clock);
    await createDemarche(deps, AGENT, timeline()); // saved, then the process stopped before reconciling
    expect(await allCampaigns(testStore.store)).toEqual([]);
    expect(await tick()).toMatchObject({ reconciled: 1 });
    expect(await allCampaigns(testStore.store)).toHaveLength(5);
    expect(await tick()).toMatchObject({ reconciled: 0 });
  });
});
