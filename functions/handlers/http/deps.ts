// What the HTTP route modules receive: the core context plus the edge's own needs. Built once per
// process, by the local runtime (`functions/local`) or a Lambda's cold start (`handlers/lambda`).
import type { Logger } from '@aws-lambda-powertools/logger';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import type { ChannelStatusReader } from '#core/channels/status';
import type { TelegramSender } from '#core/delivery/ports';
import type { FeedReader } from '#core/imports/ports';
import type { OpenDataSettings } from '#core/results/open-data';

/** `telegramFormat` (from CampaignDeps): the Telegram adapter's renderer, so campaigns too long for Telegram are refused when written. */
export interface HttpDeps extends CampaignDeps {
  /** Absolute base URL the public sees (feed self links, links in messages), no trailing slash. */
  publicUrl: string;
  logger: Logger;
  /** Licence, publisher and small-group threshold of the public results and the open-data index. */
  openData: OpenDataSettings;
  /** Sends campaign tests to agents' own chats; absent where the process has no bot token (« Telegram non configuré »). */
  telegram?: TelegramSender;
  /**
   * The bot's username, for `t.me/<bot>?start=…` links (core/links): TELEGRAM_BOT_USERNAME, else the
   * bot's own getMe where the process has a bot (locally, the simulator's). Undefined: links are not shown.
   */
  botUsername?: () => Promise<string | undefined>;
  /**
   * Whether Telegram (and X, where known) can send right now: the API's `GET /api/v1/status` and the
   * console's « Telegram non configuré » banner. Absent: configured (the local runtime always has a bot).
   */
  channelStatus?: ChannelStatusReader;
  /** Reads and judges feed sources; absent, the production reader (public addresses only). */
  feedReader?: FeedReader;
}
