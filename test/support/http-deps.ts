// HTTP deps for route tests: the real store on dynalite, a pinned clock, real ids, a silent logger.
import { Logger } from '@aws-lambda-powertools/logger';
import { fixedClock } from '#adapters/system/clock';
import { randomIds } from '#adapters/system/ids';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { LICENCES } from '#core/results/open-data';
import type { HttpDeps } from '#handlers/http/deps';
import { startTestStore } from './dynalite';

/** The open-data settings of the tests: the defaults (Licence Ouverte 2.0, threshold 5). */
export const TEST_OPEN_DATA = { licence: LICENCES['etalab-2.0'], publisher: 'Ville de test', smallGroupThreshold: 5 };

export async function startHttpDeps(now = '2026-11-25T10:00:00.000Z') {
  const testStore = await startTestStore();
  const clock = fixedClock(now);
  const deps: HttpDeps = {
    store: testStore.store,
    clock,
    ids: randomIds,
    telegramFormat: telegramCampaignFormat,
    publicUrl: 'http://localhost:3000',
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    openData: TEST_OPEN_DATA,
  };
  return { deps, clock, close: testStore.close };
}
