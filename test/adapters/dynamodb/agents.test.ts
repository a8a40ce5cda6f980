// Agents on dynalite: found by token hash, listed, revoked by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { agent } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

describe('agents', () => {
  const camille = agent({ id: 'ag-camille', name: 'Camille', tokenHash: 'c'.repeat(64) });
  const dominique = agent({ id: 'ag-dominique', name: 'Dominique', role: 'admin', tokenHash: 'd'.repeat(64) });

  it('finds an agent by the hash of their token, and lists them all', async () => {
    await t.store.agents.create(dominique);
    await t.store.agents.create(camille);
    expect(await t.store.agents.getByTokenHash('c'.repeat(64))).toEqual(camille);
    expect(await t.store.agents.getByTokenHash('e'.repeat(64))).toBeUndefined();
    expect(await t.store.agents.list()).toEqual([camille, dominique]);
  });

  it('refuses a second agent with the same token hash', async () => {
    await expect(t.store.agents.create(agent({ id: 'ag-other', tokenHash: 'c'.repeat(64) }))).rejects.toMatchObject({
      code: 'Conflict',
    });
  });

  it('revokes by id: the token no longer authenticates and the agent leaves the list', async () => {
    await t.store.agents.delete('ag-camille');
    expect(await t.store.agents.getByTokenHash('c'.repeat(64))).toBeUndefined();
    expect(await t.store.agents.list()).toEqual([dominique]);
    await expect(t.store.agents.delete('ag-camille')).rejects.toMatchObject({ code: 'NotFound' });
  });
});
