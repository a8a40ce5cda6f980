// Agents in the table: keyed by their token's hash, so authenticating an API call is one GetItem;
// listed (and found by id, to revoke) through gsi1. Each agent's pending Telegram link code is an
// item of its own, keyed by the agent (one per agent) and found by the code's hash through gsi1.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Agent } from '#core/agents/agent';
import { TelegramLinkCode } from '#core/agents/telegram-link';
import { conflict, notFound } from '#core/shared/errors';
import type { AgentRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import {
  agentById,
  agentKey,
  agentKeys,
  agentLinkCodeKey,
  agentLinkCodeKeys,
  allAgents,
  linkCodeByHash,
} from '../keys';
import { getItem, queryUpTo } from '../reads';
import { TABLE } from '../table';
import { isConditionFailed, putNew } from '../writes';

const agentToItem = (a: Agent) => toItem(agentKeys(a), a);
const agentFromItem = (item: Item) => fromItem(Agent, item);

/** AWS deletes the code a few days after `validUntil`; reads check `validUntil` themselves (dynalite keeps it). */
const linkCodeToItem = (c: TelegramLinkCode) => ({
  ...toItem(agentLinkCodeKeys(c), c),
  [TABLE.ttlAttribute]: Math.ceil(Date.parse(c.validUntil) / 1000),
});

export function createAgentRepository(table: TableRef): AgentRepository {
  /** One UpdateItem on the agent's item, only while it exists; false when the condition refused it. */
  const update = async (
    agent: Pick<Agent, 'tokenHash'>,
    set: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
    extraCondition?: string,
  ): Promise<boolean> => {
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: agentKey(agent.tokenHash),
          UpdateExpression: `SET ${set}`,
          ConditionExpression: ['attribute_exists(#pk)', extraCondition].filter(Boolean).join(' AND '),
          ExpressionAttributeNames: { '#pk': 'pk', ...names },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  };

  return {
    async getByTokenHash(tokenHash) {
      const item = await getItem(table, agentKey(tokenHash));
      return item && agentFromItem(item);
    },
    async get(id) {
      const [item] = await queryUpTo(table, agentById(id), 1);
      return item && agentFromItem(item);
    },
    async list() {
      // The team is a handful of people: every agent, in id order, in one or two queries.
      return (await queryUpTo(table, allAgents())).map(agentFromItem);
    },
    async create(agent) {
      await putNew(table, agentToItem(agent), () => conflict(`un agent a déjà ce jeton (${agent.id})`, 'token_unique'));
    },
    async delete(id) {
      const [item] = await queryUpTo(table, agentById(id), 1);
      if (!item) throw notFound('Agent', id);
      const agent = agentFromItem(item);
      await table.client.send(new DeleteCommand({ TableName: table.tableName, Key: agentKey(agent.tokenHash) }));
    },
    touch(agent, at, unlessAfter) {
      return update(
        agent,
        '#lastActiveAt = :at',
        { '#lastActiveAt': 'lastActiveAt' },
        { ':at': at, ':unlessAfter': unlessAfter },
        '(attribute_not_exists(#lastActiveAt) OR #lastActiveAt <= :unlessAfter)',
      );
    },
    async setTelegramChat(agent, chatId) {
      const set = await update(agent, '#chat = :chat', { '#chat': 'telegramChatId' }, { ':chat': chatId });
      if (!set) throw notFound('Agent', agent.id);
    },
    async putLinkCode(code) {
      await table.client.send(new PutCommand({ TableName: table.tableName, Item: linkCodeToItem(code) }));
    },
    async findLinkCode(codeHash) {
      const [item] = await queryUpTo(table, linkCodeByHash(codeHash), 1);
      return item && fromItem(TelegramLinkCode, item);
    },
    async consumeLinkCode(code) {
      // Conditional on the hash: a code replaced by a newer one (same key) is not consumed by it.
      try {
        await table.client.send(
          new DeleteCommand({
            TableName: table.tableName,
            Key: agentLinkCodeKey(code.agentId),
            ConditionExpression: '#codeHash = :codeHash',
            ExpressionAttributeNames: { '#codeHash': 'codeHash' },
            ExpressionAttributeValues: { ':codeHash': code.codeHash },
          }),
        );
        return true;
      } catch (e) {
        if (isConditionFailed(e)) return false;
        throw e;
      }
    },
  };
}
