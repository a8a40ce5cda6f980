// The import tick: polls every feed source once (core/imports pollFeedSources) and logs what each
// came to. Run by EventBridge every 15 minutes on AWS (handlers/lambda/import.ts) and by the local
// runtime's timer (local/imports.ts). A failing source is logged and recorded in its status; the
// tick itself never throws for it.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ImportDeps } from '#core/imports/check-source';
import { isFailing } from '#core/imports/feed-source';
import { pollFeedSources } from '#core/imports/use-cases';

export interface ImportTickDeps extends ImportDeps {
  logger: Logger;
}

export interface ImportTickSummary {
  checked: number;
  imported: number;
  failing: number;
}

export function createImportHandler(deps: ImportTickDeps | (() => Promise<ImportTickDeps>)) {
  let ready: Promise<ImportTickDeps> | undefined;
  return async (): Promise<ImportTickSummary> => {
    ready ??= typeof deps === 'function' ? deps() : Promise.resolve(deps);
    const d = await ready;
    const outcomes = await pollFeedSources(d);
    for (const { source, imported, error } of outcomes) {
      if (error !== undefined)
        d.logger.error('feed source import failed', {
          sourceId: source.id,
          errorName: (error as Error)?.name,
          errorMessage: (error as Error)?.message,
        });
      else if (isFailing(source.status))
        d.logger.warn('feed source failing', { sourceId: source.id, reason: source.status.lastError });
      else if (imported > 0) d.logger.info('feed source imported', { sourceId: source.id, imported });
    }
    return {
      checked: outcomes.length,
      imported: outcomes.reduce((n, o) => n + o.imported, 0),
      failing: outcomes.filter((o) => isFailing(o.source.status)).length,
    };
  };
}
