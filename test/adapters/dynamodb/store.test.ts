// The store as a whole on dynalite: health, table creation, corrupt items, and what each
// operation costs (only Get and Query to read, never Scan; one write per write operation).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '#adapters/dynamodb/client';
import { CorruptItemError } from '#adapters/dynamodb/items';
import { createDynamoStore } from '#adapters/dynamodb/store';
import { type TestStore, startTestStore } from '../../support/dynalite';
import {
  at,
  auditEvent,
  campaign,
  delivery,
  demarche,
  feedItem,
  questionnaire,
  response,
  subscriber,
  xPost,
} from './fixtures';

let t: TestStore;
const commands: string[] = [];
beforeAll(async () => {
  t = await startTestStore();
  // Records the name of every DynamoDB operation the store sends.
  t.client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
});
afterAll(() => t.close());

/** The operations `action` sent to DynamoDB, in order. */
async function operationsOf(action: () => Promise<unknown>): Promise<string[]> {
  commands.length = 0;
  await action();
  return [...commands];
}

describe('health', () => {
  it('reports the table ACTIVE', async () => {
    expect(await t.store.health()).toEqual({ ok: true, table: t.tableName, detail: 'ACTIVE' });
  });

  it('reports a missing table', async () => {
    const elsewhere = createDynamoStore({ client: t.client, tableName: 'no-such-table' });
    expect(await elsewhere.health()).toEqual({ ok: false, table: 'no-such-table', detail: 'table not found' });
  });

  it('reports an unreachable store without throwing', async () => {
    const gone = await startTestStore();
    await gone.close();
    const health = await gone.store.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toEqual(expect.any(String));
  });
});

describe('ensureTable', () => {
  it('creates a missing table, and leaves an existing one alone', async () => {
    await ensureTable(t.client, 'second-table');
    expect(await createDynamoStore({ client: t.client, tableName: 'second-table' }).health()).toMatchObject({
      ok: true,
    });
    await t.store.demarches.create(demarche({ slug: 'survit' }));
    await ensureTable(t.client, t.tableName);
    expect(await t.store.demarches.get('survit')).toBeDefined();
  });
});

describe('corrupt items', () => {
  it('fail loudly on read, naming the item and the field', async () => {
    // A table of its own: the broken item would break every list of the other tests.
    const { title: _title, ...withoutTitle } = demarche({ slug: 'abimee' });
    const broken = await startTestStore();
    await broken.client.send(
      new PutCommand({
        TableName: broken.tableName,
        Item: { ...withoutTitle, pk: 'DEMARCHE#abimee', sk: 'DEMARCHE', gsi1pk: 'DEMARCHES', gsi1sk: 'abimee' },
      }),
    );
    const read = broken.store.demarches.get('abimee');
    await expect(read).rejects.toBeInstanceOf(CorruptItemError);
    await expect(read).rejects.toThrow(/DEMARCHE#abimee \/ DEMARCHE is corrupt: title:/);
    await expect(broken.store.demarches.list()).rejects.toBeInstanceOf(CorruptItemError);
    await broken.close();
  });
});

describe('cost', () => {
  it('writes once per write operation, and an answer costs two writes', async () => {
    expect(await operationsOf(() => t.store.processedUpdates.markFirstSeen(77, new Date(at(0))))).toEqual(['PutItem']);
    expect(await operationsOf(() => t.store.responses.save(response({ subscriberId: 'cost' }), undefined))).toEqual([
      'PutItem',
    ]);
    expect(
      await operationsOf(() =>
        t.store.responses.save(response({ subscriberId: 'cost', version: 2, complete: true }), 1),
      ),
    ).toEqual(['PutItem']);
    expect(await operationsOf(() => t.store.deliveries.claim(delivery({ recipient: 'cost' })))).toEqual(['PutItem']);
    expect(
      await operationsOf(() => t.store.deliveries.update(delivery({ recipient: 'cost', status: 'sent' }))),
    ).toEqual(['PutItem']);
    await t.store.subscribers.put(subscriber({ id: 'cost' }));
    expect(await operationsOf(() => t.store.subscribers.setStatus('cost', 'blocked', at(1)))).toEqual(['UpdateItem']);
    expect(await operationsOf(() => t.store.subscribers.addGrowth('2026-03-01', { joined: 1 }))).toEqual([
      'UpdateItem',
    ]);
  });

  it('reads only with GetItem and Query, never Scan', async () => {
    await t.store.campaigns.create(campaign({ id: 'tour', status: 'scheduled' }));
    await t.store.questionnaires.create(questionnaire({ id: 'tour' }));
    await t.store.feedItems.create(feedItem({ id: 'tour', demarcheSlug: 'plan-velo' }));
    await t.store.audit.record(auditEvent({ id: 'tour' }));
    await t.store.xOutbox.put(xPost({ id: 'tour' }));
    const reads = await operationsOf(async () => {
      await t.store.demarches.get('survit');
      await t.store.demarches.list();
      await t.store.questionnaires.get('tour');
      await t.store.questionnaires.list();
      await t.store.campaigns.get('tour');
      await t.store.campaigns.list({ status: 'scheduled' });
      await t.store.campaigns.listDue(at(600));
      await t.store.agents.list();
      await t.store.agents.getByTokenHash('f'.repeat(64));
      await t.store.audit.list();
      await t.store.audit.list({ entity: { type: 'demarche', id: 'plan-velo' } });
      await t.store.feedItems.get('tour');
      await t.store.feedItems.listRecent({ limit: 10 });
      await t.store.feedItems.listRecent({ limit: 10, demarcheSlug: 'plan-velo' });
      await t.store.subscribers.get('cost');
      await t.store.subscribers.listActive();
      await t.store.responses.get('q1', 'cost');
      await t.store.responses.listByQuestionnaire('q1');
      await t.store.deliveries.get('c1', 'telegram', 'cost');
      await t.store.deliveries.listByCampaign('c1');
      await t.store.xOutbox.list();
      await t.store.agents.get('ag1');
      await t.store.agents.findLinkCode('f'.repeat(64));
      await t.store.audit.list({ agentId: 'agent-1', actionPrefix: 'campaign.' });
      await t.store.audit.list({ entityType: 'campaign' });
      await t.store.subscribers.listGrowth('2026-01-01');
    });
    expect(reads).toHaveLength(26);
    expect(new Set(reads)).toEqual(new Set(['GetItem', 'Query']));
  });
});
