// Agents in the table: keyed by their token's hash, so authenticating an API call is one GetItem;
// listed (and found by id, to revoke) through gsi1.
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { Agent } from '#core/agents/agent';
import { conflict, notFound } from '#core/shared/errors';
import type { AgentRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { agentById, agentKey, agentKeys, allAgents } from '../keys';
import { getItem, queryUpTo } from '../reads';
import { putNew } from '../writes';

const agentToItem = (a: Agent) => toItem(agentKeys(a), a);
const agentFromItem = (item: Item) => fromItem(Agent, item);

export function createAgentRepository(table: TableRef): AgentRepository {
  return {
    async getByTokenHash(tokenHash) {
      const item = await getItem(table, agentKey(tokenHash));
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
  };
}
