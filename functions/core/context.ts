// What every use case receives: storage, time and identifiers, passed in explicitly so the core
// stays free of AWS, network and process.env (ports and adapters).
import type { CampaignAlarm } from './campaigns/alarm';
import type { ConsentVersion } from './subscribers/consent';
import type { Clock, IdGenerator } from './shared/ports';
import type { Store } from './store';

export interface CoreContext {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  /** One-time alarms of scheduled campaigns (AWS: EventBridge Scheduler); absent, the dispatch tick alone. */
  alarm?: CampaignAlarm;
  /** The consent text's versions; absent, the real ones (subscribers/consent.ts). Tests inject a bump here. */
  consentVersions?: readonly ConsentVersion[];
}

/** Who is acting, for the audit trail. */
export interface Actor {
  agentId: string;
  name: string;
}
