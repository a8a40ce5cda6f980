// The `Store` port on DynamoDB: one repository per entity over the single table, plus the health
// check `/health` reports. The same code runs against AWS and against the embedded dynalite.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Store } from '#core/store';
import { tableStatus } from './client';
import type { TableRef } from './items';
import { createAnnouncementRepository } from './repositories/announcements';
import { createAgentRepository } from './repositories/agents';
import { createAuditRepository } from './repositories/audit';
import { createCampaignRepository } from './repositories/campaigns';
import { createDeliveryLedger } from './repositories/deliveries';
import { createDigestRepository } from './repositories/digests';
import { createDemarcheRepository } from './repositories/demarches';
import { createFeedItemRepository } from './repositories/feed-items';
import { createFeedSourceRepository } from './repositories/feed-sources';
import { createProcessedUpdates } from './repositories/processed-updates';
import { createQuestionnaireRepository } from './repositories/questionnaires';
import { createModerationRepository } from './repositories/moderation';
import { createResponseRepository } from './repositories/responses';
import { createSessionRepository } from './repositories/sessions';
import { createStartLinkRepository } from './repositories/start-links';
import { createSubscriberRepository } from './repositories/subscribers';
import { createXOutbox } from './repositories/x-outbox';

export interface DynamoStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export function createDynamoStore({ client, tableName }: DynamoStoreOptions): Store {
  const table: TableRef = { client, tableName };
  return {
    demarches: createDemarcheRepository(table),
    questionnaires: createQuestionnaireRepository(table),
    campaigns: createCampaignRepository(table),
    agents: createAgentRepository(table),
    sessions: createSessionRepository(table),
    audit: createAuditRepository(table),
    feedItems: createFeedItemRepository(table),
    subscribers: createSubscriberRepository(table),
    responses: createResponseRepository(table),
    moderation: createModerationRepository(table),
    deliveries: createDeliveryLedger(table),
    processedUpdates: createProcessedUpdates(table),
    xOutbox: createXOutbox(table),
    announcements: createAnnouncementRepository(table),
    feedSources: createFeedSourceRepository(table),
    digests: createDigestRepository(table),
    startLinks: createStartLinkRepository(table),
    async health() {
      try {
        const status = await tableStatus(client, tableName);
        if (status === undefined) return { ok: false, table: tableName, detail: 'table not found' };
        return { ok: status === 'ACTIVE', table: tableName, detail: status };
      } catch (e) {
        // Name only: the message of an SDK error may carry the endpoint or the account id.
        return { ok: false, table: tableName, detail: e instanceof Error ? e.name : 'unreachable' };
      }
    },
  };
}
