// Test helpers for the Telegram simulator: a started simulator on virtual time, JSON over HTTP, and a
// tiny webhook receiver that records what Telegram (the simulator) posts to the bot.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegram } from 'telegraf';
import {
  createTelegramSimulator,
  type TelegramSimulator,
  type TelegramSimulatorOptions,
} from '#local/telegram-simulator/index';
import { VirtualTimers } from '../../support/virtual-timers';

export interface Harness {
  sim: TelegramSimulator;
  telegram: Telegram;
  /** The simulator's time: its clock (rate windows, message dates) and its injected delays. */
  timers: VirtualTimers;
  /** Moves the simulator's clock (rate windows, message dates). */
  advance(ms: number): void;
}

export async function startSimulator(options: TelegramSimulatorOptions = {}): Promise<Harness> {
  const timers = new VirtualTimers(Date.UTC(2026, 2, 1, 9, 0, 0));
  const sim = createTelegramSimulator({ clock: timers.now, timers, ...options });
  await sim.start();
  return { sim, telegram: new Telegram(sim.token, { apiRoot: sim.url }), timers, advance: (ms) => timers.shift(ms) };
}

export async function http<T = any>(url: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: any;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** What the bot answers: a status and an optional JSON body (a webhook reply). */
  respond: (request: ReceivedRequest) => { status: number; json?: unknown };
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    respond: () => ({ status: 200 }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const request = { headers: req.headers, body: JSON.parse(raw) };
    receiver.received.push(request);
    const answer = receiver.respond(request);
    if (answer.json === undefined) res.writeHead(answer.status).end();
    else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  const close = receiver.close;
  receiver.close = () => {
    server.closeAllConnections();
    return close();
  };
  return receiver;
}

/** The Telegram error a telegraf call rejects with, to assert on its code and description. */
export async function telegramError(
  call: Promise<unknown>,
): Promise<{ code: number; description: string; retry_after?: number }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code: number; description: string; parameters?: { retry_after?: number } };
    return {
      code: e.code,
      description: e.description,
      ...(e.parameters?.retry_after ? { retry_after: e.parameters.retry_after } : {}),
    };
  }
  throw new TypeError('expected the Telegram call to fail');
}
