// Agents against the real store: last activity written at most once per 5 minutes, the bootstrap
// admin refused what it cannot have, and linking a Telegram chat with a one-time code.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { LINK_CODE_LENGTH, linkTelegramChat, startTelegramLink } from '#core/agents/telegram-link';
import { BOOTSTRAP_ADMIN, authenticate, createAgent, getAgent, listAgents, touchAgent } from '#core/agents/use-cases';
import type { CoreContext } from '#core/context';
import { type TestStore, startTestStore } from '../../support/dynalite';

const T0 = '2026-11-25T10:00:00.000Z';
const MINUTE = 60_000;
let testStore: TestStore;
let ctx: CoreContext;
const clock = fixedClock(T0);
const admin = { ...BOOTSTRAP_ADMIN };

/** Counts the write requests the store sends, so "no write per request" is a verdict. */
const writes: string[] = [];

beforeAll(async () => {
  testStore = await startTestStore();
  testStore.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName).replace(/Command$/, '');
      if (/^(Put|Update|Delete)/.test(name)) writes.push(name);
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  ctx = { store: testStore.store, clock, ids: randomIds };
});
afterAll(() => testStore.close());

const scanAll = () => new ScanCommand({ TableName: testStore.tableName });
const newAgent = async (name: string) => createAgent(ctx, admin, { name, role: 'editor' });

describe('last activity', () => {
  it('is written by authentication at most once per 5 minutes, not once per request', async () => {
    clock.set(T0);
    const { agent, token } = await newAgent('Camille');
    expect(agent).toMatchObject({ telegramLinked: false });
    expect(agent).not.toHaveProperty('lastActiveAt');
    const bearer = `Bearer ${token}`;

    writes.length = 0;
    await authenticate(ctx, bearer, undefined);
    expect(writes).toEqual(['UpdateItem']);
    expect((await getAgent(ctx, agent.id)).lastActiveAt).toBe(T0);

    writes.length = 0;
    for (const minutes of [1, 2, 4.9]) {
      clock.set(new Date(Date.parse(T0) + minutes * MINUTE));
      await authenticate(ctx, bearer, undefined);
    }
    expect(writes).toEqual([]);
    expect((await getAgent(ctx, agent.id)).lastActiveAt).toBe(T0);

    clock.set(new Date(Date.parse(T0) + 6 * MINUTE));
    await authenticate(ctx, bearer, undefined);
    expect(writes).toEqual(['UpdateItem']);
    const later = new Date(Date.parse(T0) + 6 * MINUTE).toISOString();
    expect((await listAgents(ctx)).find((a) => a.id === agent.id)?.lastActiveAt).toBe(later);
  });

  it('is touched by the console the same way, by id; the bootstrap admin has none and writes nothing', async () => {
    clock.set(T0);
    const { agent } = await newAgent('Dominique');
    writes.length = 0;
    await touchAgent(ctx, agent.id, clock.now());
    await touchAgent(ctx, agent.id, new Date(Date.parse(T0) + 3 * MINUTE));
    expect(writes).toEqual(['UpdateItem']);
    await touchAgent(ctx, BOOTSTRAP_ADMIN.agentId, clock.now());
    await touchAgent(ctx, 'ag-revoked-long-ago', clock.now());
    expect(writes).toEqual(['UpdateItem']);
    await expect(getAgent(ctx, BOOTSTRAP_ADMIN.agentId)).rejects.toMatchObject({
      code: 'Conflict',
      message: expect.stringContaining('n’est pas un agent enregistré'),
    });
  });
});

describe('linking a Telegram chat', () => {
  it('gives a code of 8 unambiguous characters, valid 10 minutes, stored only as a hash', async () => {
    clock.set(T0);
    const { agent } = await newAgent('Alex');
    const link = await startTelegramLink(ctx, { agentId: agent.id, name: agent.name });
    expect(link.code).toMatch(new RegExp(`^[A-HJKMNP-Z2-9]{${LINK_CODE_LENGTH}}$`));
    expect(link.expiresAt).toBe('2026-11-25T10:10:00.000Z');
    expect(link.command).toBe(`/lier ${link.code}`);
    const stored = JSON.stringify((await testStore.client.send(scanAll())).Items);
    expect(stored).not.toContain(link.code);
  });

  it('links the chat with a good code, once; the API shows only that it is linked', async () => {
    clock.set(T0);
    const { agent } = await newAgent('Maël');
    const { code } = await startTelegramLink(ctx, { agentId: agent.id, name: agent.name });
    clock.advance(9 * MINUTE);
    // As typed in a hurry: lower case, a space in the middle.
    const linked = await linkTelegramChat(ctx, ` ${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`, 777001);
    expect(linked).toMatchObject({ id: agent.id, telegramLinked: true });
    expect(linked).not.toHaveProperty('telegramChatId');
    expect((await ctx.store.agents.get(agent.id))?.telegramChatId).toBe(777001);
    expect((await getAgent(ctx, agent.id)).telegramLinked).toBe(true);
    const [event] = (await ctx.store.audit.list({ entity: { type: 'agent', id: agent.id } })).items;
    expect(event).toMatchObject({ action: 'agent.telegram_link', actor: { agentId: agent.id } });
    expect(JSON.stringify(event)).not.toContain('777001');

    await expect(linkTelegramChat(ctx, code, 999)).rejects.toMatchObject({
      violations: [{ rule: 'link_code_unknown' }],
    });
    expect((await ctx.store.agents.get(agent.id))?.telegramChatId).toBe(777001);
  });

  it('refuses an expired code, a wrong one and one replaced by a newer code, storing nothing', async () => {
    clock.set(T0);
    const { agent } = await newAgent('Noa');
    const first = await startTelegramLink(ctx, { agentId: agent.id, name: agent.name });
    const second = await startTelegramLink(ctx, { agentId: agent.id, name: agent.name });
    await expect(linkTelegramChat(ctx, first.code, 1)).rejects.toMatchObject({
      violations: [{ rule: 'link_code_unknown' }],
    });
    await expect(linkTelegramChat(ctx, 'ZZZZ2222', 1)).rejects.toMatchObject({
      violations: [{ rule: 'link_code_unknown' }],
    });
    await expect(linkTelegramChat(ctx, 'short', 1)).rejects.toMatchObject({
      violations: [{ rule: 'link_code_unknown' }],
    });
    clock.advance(10 * MINUTE);
    await expect(linkTelegramChat(ctx, second.code, 1)).rejects.toMatchObject({
      code: 'Conflict',
      violations: [{ rule: 'link_code_expired' }],
    });
    expect((await ctx.store.agents.get(agent.id))?.telegramChatId).toBeUndefined();
  });

  it('refuses the bootstrap admin, which is not a stored agent', async () => {
    await expect(startTelegramLink(ctx, admin)).rejects.toMatchObject({
      code: 'Conflict',
      message: expect.stringMatching(/administrateur de démarrage.*ne peut pas lier de chat Telegram/),
    });
  });
});
