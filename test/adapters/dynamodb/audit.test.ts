// The audit trail on dynalite: one entity's history and everyone's, both newest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, auditEvent } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
  const events = [
    auditEvent({ id: 'e1', at: at(1), entity: { type: 'demarche', id: 'plan-velo' }, action: 'demarche.create' }),
    auditEvent({ id: 'e2', at: at(2), entity: { type: 'campaign', id: 'c1' }, action: 'campaign.create' }),
    auditEvent({ id: 'e3', at: at(3), entity: { type: 'demarche', id: 'plan-velo' }, action: 'demarche.update' }),
    auditEvent({ id: 'e4', at: at(4), entity: { type: 'demarche', id: 'autre' }, action: 'demarche.create' }),
    auditEvent({ id: 'e5', at: at(5), entity: { type: 'campaign', id: 'c1' }, action: 'campaign.schedule' }),
  ];
  // Recorded out of order: the order read back comes from the keys, not from insertion.
  for (const i of [2, 0, 4, 1, 3]) await t.store.audit.record(events[i]!);
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('lists everything newest first, page by page', async () => {
    const first = await t.store.audit.list({ limit: 3 });
    expect(first.items.map((e) => e.id)).toEqual(['e5', 'e4', 'e3']);
    const second = await t.store.audit.list({ limit: 3, cursor: first.next });
    expect(second.items.map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(second.next).toBeUndefined();
  });

  it('lists one entity’s history newest first', async () => {
    const page = await t.store.audit.list({ entity: { type: 'demarche', id: 'plan-velo' } });
    expect(page.items.map((e) => [e.id, e.action])).toEqual([
      ['e3', 'demarche.update'],
      ['e1', 'demarche.create'],
    ]);
    expect((await t.store.audit.list({ entity: { type: 'campaign', id: 'c1' } })).items.map((e) => e.id)).toEqual([
      'e5',
      'e2',
    ]);
    expect((await t.store.audit.list({ entity: { type: 'agent', id: 'personne' } })).items).toEqual([]);
  });

  it('keeps the before/after of each change', async () => {
    const [latest] = (await t.store.audit.list({ limit: 1 })).items;
    expect(latest).toEqual(
      auditEvent({ id: 'e5', at: at(5), entity: { type: 'campaign', id: 'c1' }, action: 'campaign.schedule' }),
    );
  });

  it('never overwrites an event', async () => {
    await expect(
      t.store.audit.record(auditEvent({ id: 'e1', at: at(1), entity: { type: 'demarche', id: 'plan-velo' } })),
    ).rejects.toMatchObject({
      code: 'Conflict',
    });
  });
});

describe('audit trail filters', () => {
  let f: TestStore;
  const ids = (page: { items: { id: string }[] }) => page.items.map((e) => e.id);
  beforeAll(async () => {
    f = await startTestStore();
    const camille = { agentId: 'ag-camille', name: 'Camille' };
    const dominique = { agentId: 'ag-dominique', name: 'Dominique' };
    const events = [
      auditEvent({ id: 'f1', at: at(1), actor: camille, action: 'demarche.create' }),
      auditEvent({
        id: 'f2',
        at: at(2),
        actor: dominique,
        action: 'campaign.create',
        entity: { type: 'campaign', id: 'c1' },
      }),
      auditEvent({
        id: 'f3',
        at: at(3),
        actor: camille,
        action: 'campaign.schedule',
        entity: { type: 'campaign', id: 'c1' },
      }),
      auditEvent({
        id: 'f4',
        at: at(4),
        actor: camille,
        action: 'campaign.test',
        entity: { type: 'campaign', id: 'c2' },
      }),
      auditEvent({ id: 'f5', at: at(5), actor: dominique, action: 'agent.create', entity: { type: 'agent', id: 'x' } }),
    ];
    for (const e of events) await f.store.audit.record(e);
  });
  afterAll(() => f.close());

  it('narrows to one agent, newest first, page by page', async () => {
    const first = await f.store.audit.list({ agentId: 'ag-camille', limit: 2 });
    expect(ids(first)).toEqual(['f4', 'f3']);
    expect(ids(await f.store.audit.list({ agentId: 'ag-camille', limit: 2, cursor: first.next }))).toEqual(['f1']);
    expect(ids(await f.store.audit.list({ agentId: 'nobody' }))).toEqual([]);
  });

  it('narrows by entity type, action prefix, and any combination, keeping pages full', async () => {
    expect(ids(await f.store.audit.list({ entityType: 'campaign' }))).toEqual(['f4', 'f3', 'f2']);
    expect(ids(await f.store.audit.list({ actionPrefix: 'campaign.' }))).toEqual(['f4', 'f3', 'f2']);
    expect(ids(await f.store.audit.list({ actionPrefix: 'campaign.s' }))).toEqual(['f3']);
    expect(ids(await f.store.audit.list({ agentId: 'ag-dominique', entityType: 'campaign' }))).toEqual(['f2']);
    expect(ids(await f.store.audit.list({ entity: { type: 'campaign', id: 'c1' }, agentId: 'ag-camille' }))).toEqual([
      'f3',
    ]);
    // A filter that skips events still fills the page: it reads on past them.
    const page = await f.store.audit.list({ actionPrefix: 'campaign.', limit: 2 });
    expect(ids(page)).toEqual(['f4', 'f3']);
    expect(ids(await f.store.audit.list({ actionPrefix: 'campaign.', limit: 2, cursor: page.next }))).toEqual(['f2']);
  });
});
