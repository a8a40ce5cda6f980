// Lambda run by EventBridge Scheduler every 15 minutes: polls the feed sources and imports what is new
// (an entry imported as a scheduled campaign gets its alarm).
import { feedReaderFor } from '#adapters/feeds/source-reader';
import { campaignAlarmFor } from '#adapters/scheduler/eventbridge';
import { config, deps } from './aws-deps';
import { createImportHandler } from '#handlers/imports/import-tick';

export const handler = createImportHandler({
  ...deps,
  feedReader: feedReaderFor(config),
  alarm: campaignAlarmFor(config, deps.clock),
});
