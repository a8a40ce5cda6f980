// Lambda run by EventBridge Scheduler every 15 minutes: polls the feed sources and imports what is new
// (an entry imported as a scheduled campaign gets its alarm).
import { feedReaderFor } from '#adapters/feeds/source-reader';
import { campaignAlarmFor } from '#adapters/scheduler/eventbridge';
import { config, deps, logger, metrics } from './aws-deps';
import { withLogContext } from './log-context';
import { createImportHandler } from '#handlers/imports/import-tick';

const importRound = createImportHandler(
  {
    ...deps,
    metrics,
    feedReader: feedReaderFor(config),
    alarm: campaignAlarmFor(config, deps.clock),
  },
  { budgetMs: config.TIME_BUDGET_MS },
);

export const handler = withLogContext(logger, () => importRound());
