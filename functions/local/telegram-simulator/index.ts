// An embedded, faithful Telegram Bot API for the local runtime and the tests: a bot pointed at `url` (telegraf's
// apiRoot) gets Telegram's answers, errors and limits; tests and the README act as citizens through /simulator/.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Timers } from '#adapters/system/timers';
import { BotApi } from './bot-api';
import {
  Citizens,
  type CitizenAttachment,
  type CitizenMessageResult,
  type CitizenPress,
  type CitizenPressResult,
  type GroupInvitation,
  type GroupResult,
  type MembershipResult,
} from './citizens';
import { handleControl } from './control-routes';
import { CitizenActionError, SimulatedConnectionDrop } from './errors';
import { FaultInjector, type FaultHandle, type FaultSpec } from './faults';
import { createRequestListener } from './http-server';
import { persistState } from './persistence';
import type { ApiContext } from './methods';
import type { Params } from './params';
import { SendRateLimiter, TELEGRAM_RATE_LIMITS, type RateLimits } from './rate-limiter';
import { SimulatorState, type CitizenProfile } from './state';
import { newStats, type SimulatorStats } from './stats';
import type { ApiResponse, ChatSummary, MessageView, Update, User } from './types';
import {
  DEFAULT_WEBHOOK_DELIVERY,
  UpdateDispatcher,
  type DeliveryReport,
  type WebhookDeliveryOptions,
} from './update-delivery';

export interface TelegramSimulatorOptions {
  /** Bot token the API answers to; anything else gets 401. Its numeric prefix is the bot's user id. */
  token?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  bot?: { first_name?: string; username?: string };
  /** Telegram's flood limits (on by default), or false to accept every send. */
  rateLimits?: Partial<RateLimits> | false;
  /** Milliseconds since the epoch; message dates, rate windows and callback ages read it. */
  clock?: () => number;
  /** Injected delays (`delayMs` faults) are spent on this time; tests pass virtual timers with `clock: timers.now`. */
  timers?: Timers;
  webhookDelivery?: Partial<WebhookDeliveryOptions>;
  /** Accept any positive chat_id as a citizen who started the bot (benchmarks seed subscribers directly). */
  autoCreateChats?: boolean;
  firstUpdateId?: number;
  /** Updates kept for redelivery (oldest forgotten first). */
  updateHistoryLimit?: number;
  /** Refuse answerCallbackQuery for queries older than this; Telegram's own delay is undocumented. */
  callbackQueryTtlMs?: number;
  /** Keep the chats in this file across restarts (the local runtime: DATA_DIR); in memory when absent. */
  persistFile?: string;
  /** Where a persistence problem is told (an unreadable file, a full disk). */
  warn?: (message: string) => void;
}

export interface TelegramSimulator {
  readonly token: string;
  /** The apiRoot for telegraf, e.g. http://127.0.0.1:41234; available once started. */
  readonly url: string;
  readonly botInfo: User;
  /** The Node request listener, to mount the simulator on another server instead of start(). */
  readonly listener: RequestListener;
  start(): Promise<string>;
  stop(): Promise<void>;
  /** A Bot API call in-process, without HTTP: the answer Telegram would send. Faults apply only if asked. */
  callApi(method: string, params?: Params, options?: { applyFaults?: boolean }): Promise<ApiResponse>;
  openChat(chatId: number, profile?: CitizenProfile): ChatSummary;
  citizenSays(chatId: number, text: string, from?: CitizenProfile): Promise<CitizenMessageResult>;
  citizenPresses(chatId: number, press: CitizenPress): Promise<CitizenPressResult>;
  /** A photo, sticker, voice message, document, location…: a message without text. */
  citizenAttaches(chatId: number, attachment: CitizenAttachment, from?: CitizenProfile): Promise<CitizenMessageResult>;
  /** The citizen edits one of their text messages (an edited_message update). */
  citizenEdits(
    chatId: number,
    messageId: number,
    text: string,
  ): Promise<{ update_id: number; delivery: DeliveryReport }>;
  /** Someone adds the bot to a group, supergroup or channel; resolves once the bot reacted (leaving included). */
  addBotToGroup(invitation: GroupInvitation): Promise<GroupResult>;
  /** A member writes in a group the bot is in (in a channel: a channel post). */
  citizenWritesInGroup(groupId: number, text: string): Promise<GroupResult>;
  citizenBlocks(chatId: number): Promise<MembershipResult>;
  /** Resolves once the updates the bot's own calls caused (leaveChat → my_chat_member « left ») are delivered. */
  settle(): Promise<void>;
  citizenUnblocks(chatId: number): Promise<MembershipResult>;
  messages(chatId: number): MessageView[];
  lastBotMessage(chatId: number): MessageView | undefined;
  chats(): ChatSummary[];
  update(updateId: number): Update | undefined;
  redeliver(updateId: number): Promise<{ update_id: number; delivery: DeliveryReport }>;
  injectFaults(spec: FaultSpec): FaultHandle;
  clearFaults(): void;
  stats(): SimulatorStats;
  webhookInfo(): Record<string, unknown>;
  /** Forgets chats, messages, updates, webhook, faults and counters; the server keeps running. */
  reset(): void;
}

/** A well-formed token (digits, colon, 35 characters), recognisable in logs as the simulator's. */
export const SIMULATOR_TOKEN = '7000000001:AAPorteVoixSimulatorToken0000000000';

export function createTelegramSimulator(options: TelegramSimulatorOptions = {}): TelegramSimulator {
  const token = options.token ?? SIMULATOR_TOKEN;
  const botId = Number(/^(\d+):/.exec(token)?.[1]);
  if (!Number.isSafeInteger(botId)) throw new TypeError(`token must look like <bot id>:<secret>, got "${token}"`);
  const clockMs = options.clock ?? Date.now;
  const botInfo: User = {
    id: botId,
    is_bot: true,
    first_name: options.bot?.first_name ?? 'Porte-voix (simulateur)',
    username: options.bot?.username ?? 'porte_voix_sim_bot',
  };
  const state = new SimulatorState({
    bot: botInfo,
    clockMs,
    firstUpdateId: options.firstUpdateId ?? 1,
    updateHistoryLimit: options.updateHistoryLimit ?? 100_000,
    autoCreateChats: options.autoCreateChats ?? false,
  });
  const stats = newStats();
  const limits = options.rateLimits === false ? false : { ...TELEGRAM_RATE_LIMITS, ...options.rateLimits };
  const limiter = new SendRateLimiter(limits);
  const dispatcher = new UpdateDispatcher({ ...DEFAULT_WEBHOOK_DELIVERY, ...options.webhookDelivery }, stats, () =>
    state.nowSeconds(),
  );
  const ctx: ApiContext = {
    state,
    limiter,
    stats,
    dispatcher,
    nowMs: clockMs,
    ...(options.callbackQueryTtlMs !== undefined ? { callbackQueryTtlMs: options.callbackQueryTtlMs } : {}),
  };
  const persisted = options.persistFile
    ? persistState(state, options.persistFile, options.warn ?? ((message) => console.warn(message)))
    : undefined;
  const faults = new FaultInjector();
  const api = new BotApi(ctx, faults, options.timers);
  const citizens = new Citizens(state, dispatcher);
  dispatcher.executeWebhookReply = async (method, params) => {
    const outcome = await api.invoke(method, params, false);
    return outcome.kind === 'answer' && outcome.body.ok;
  };

  let server: Server | undefined;
  let url: string | undefined;

  const knownChat = (chatId: number) => {
    const record = state.chats.get(chatId);
    if (!record) throw new CitizenActionError(404, `chat ${chatId} not found`);
    return record;
  };

  const sim: TelegramSimulator = {
    token,
    botInfo,
    get url() {
      if (!url) throw new TypeError('the Telegram simulator is not started: await sim.start() first');
      return url;
    },
    listener: createRequestListener({
      token,
      api,
      control: (method, segments, body) => handleControl(sim, method, segments, body),
    }),
    async start() {
      if (url) return url;
      dispatcher.reopen();
      server = createServer({ keepAliveTimeout: 30_000 }, sim.listener);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
      });
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}`;
      return url;
    },
    async stop() {
      persisted?.close();
      dispatcher.close();
      const closing = server;
      server = undefined;
      url = undefined;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async callApi(method, params = {}, { applyFaults = false } = {}) {
      const outcome = await api.invoke(method, params, applyFaults);
      if (outcome.kind === 'drop') throw new SimulatedConnectionDrop(outcome.tookEffect);
      // A copy, so the caller cannot alter the simulator's memory through the result.
      return structuredClone(outcome.body);
    },
    openChat: (chatId, profile) => state.summary(state.openChat(chatId, profile)),
    citizenSays: (chatId, text, from) => citizens.says(chatId, text, from),
    citizenPresses: (chatId, press) => citizens.presses(chatId, press),
    citizenAttaches: (chatId, attachment, from) => citizens.attaches(chatId, attachment, from),
    citizenEdits: (chatId, messageId, text) => citizens.edits(chatId, messageId, text),
    addBotToGroup: (invitation) => citizens.addsBotTo(invitation),
    citizenWritesInGroup: (groupId, text) => citizens.writesInGroup(groupId, text),
    citizenBlocks: (chatId) => citizens.blocks(chatId),
    settle: () => dispatcher.settle(),
    citizenUnblocks: (chatId) => citizens.unblocks(chatId),
    messages: (chatId) => knownChat(chatId).messages.map((m) => structuredClone(state.view(m))),
    lastBotMessage(chatId) {
      const messages = knownChat(chatId).messages;
      for (let i = messages.length - 1; i >= 0; i--)
        if (messages[i]!.direction === 'bot') return structuredClone(state.view(messages[i]!));
      return undefined;
    },
    chats: () => [...state.chats.values()].map((record) => state.summary(record)),
    update: (updateId) => structuredClone(state.updates.get(updateId)),
    async redeliver(updateId) {
      const update = state.updates.get(updateId);
      if (!update)
        throw new CitizenActionError(404, `update ${updateId} not found (never created, or past the history limit)`);
      return { update_id: update.update_id, delivery: await dispatcher.redeliver(update) };
    },
    injectFaults: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    stats: () => ({
      ...structuredClone(stats),
      peakSentPerSecond: limiter.peakPerSecond,
      updates: { ...stats.updates, pending: dispatcher.pendingCount },
    }),
    webhookInfo: () => dispatcher.webhookInfo(),
    reset() {
      state.reset();
      dispatcher.reset();
      limiter.reset();
      faults.clear();
      // Counters are reset in place: the dispatcher and the handlers hold the same object.
      Object.assign(stats, newStats());
    },
  };
  return sim;
}

export type {
  CitizenAttachment,
  CitizenMessageResult,
  CitizenPress,
  CitizenPressResult,
  GroupInvitation,
  GroupResult,
  MembershipResult,
} from './citizens';
export type { FaultHandle, FaultSpec } from './faults';
export type { RateLimits } from './rate-limiter';
export type { CitizenProfile } from './state';
export type { SimulatorStats } from './stats';
export type { ApiResponse, ChatSummary, MessageView, Update, User } from './types';
export type { DeliveryReport, WebhookDeliveryOptions } from './update-delivery';
