// Agents on dynalite: found by token hash, listed, revoked by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { agent, at } from './fixtures';

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

describe('agents: last activity and Telegram chat', () => {
  const sacha = agent({ id: 'ag-sacha', name: 'Sacha', tokenHash: '5'.repeat(64) });

  it('finds an agent by id, and records activity unless a later one is already there', async () => {
    await t.store.agents.create(sacha);
    expect(await t.store.agents.get('ag-sacha')).toEqual(sacha);
    expect(await t.store.agents.get('ag-nobody')).toBeUndefined();
    expect(await t.store.agents.touch(sacha, at(10), at(5))).toBe(true);
    expect(await t.store.agents.get('ag-sacha')).toMatchObject({ lastActiveAt: at(10) });
    // Another request saw it stale too, but the first already wrote: the condition refuses the second.
    expect(await t.store.agents.touch(sacha, at(11), at(6))).toBe(false);
    expect(await t.store.agents.getByTokenHash('5'.repeat(64))).toMatchObject({ lastActiveAt: at(10) });
    expect(await t.store.agents.touch(sacha, at(20), at(15))).toBe(true);
    expect((await t.store.agents.get('ag-sacha'))?.lastActiveAt).toBe(at(20));
  });

  it('stores the chat id on the agent item; a revoked agent is not recreated by it', async () => {
    await t.store.agents.setTelegramChat(sacha, 424242);
    expect(await t.store.agents.getByTokenHash('5'.repeat(64))).toMatchObject({ telegramChatId: 424242 });
    const gone = agent({ id: 'ag-gone', tokenHash: '6'.repeat(64) });
    await expect(t.store.agents.setTelegramChat(gone, 1)).rejects.toMatchObject({ code: 'NotFound' });
    expect(await t.store.agents.touch(gone, at(1), at(0))).toBe(false);
    expect(await t.store.agents.getByTokenHash('6'.repeat(64))).toBeUndefined();
  });

  it('keeps one link code per agent, found by its hash and consumed once; a replaced code is gone', async () => {
    const code = (hash: string, validUntil = at(10)) => ({
      agentId: 'ag-sacha',
      codeHash: hash.repeat(64),
      createdAt: at(0),
      validUntil,
    });
    await t.store.agents.putLinkCode(code('1'));
    expect(await t.store.agents.findLinkCode('1'.repeat(64))).toEqual(code('1'));
    await t.store.agents.putLinkCode(code('2', at(12)));
    expect(await t.store.agents.findLinkCode('1'.repeat(64))).toBeUndefined();
    // Read before it was replaced: its delete must not take the newer code with it.
    expect(await t.store.agents.consumeLinkCode(code('1'))).toBe(false);
    expect(await t.store.agents.consumeLinkCode(code('2', at(12)))).toBe(true);
    expect(await t.store.agents.consumeLinkCode(code('2', at(12)))).toBe(false);
    expect(await t.store.agents.findLinkCode('2'.repeat(64))).toBeUndefined();
  });
});
