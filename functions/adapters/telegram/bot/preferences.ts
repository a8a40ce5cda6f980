// `/rythme` (`/preferences`): when messages reach the citizen. One message edited in place: the
// menu (pace and quiet hours as they are), a page of hours, of days, of quiet-hours windows. A
// choice is stored when its last button is pressed (one write); a forged or stale button is
// answered « rien n’a été enregistré » and stores nothing. callback_data ≤ 12 bytes (limit 64).
import { Composer } from 'telegraf';
import {
  DIGEST_HOURS,
  type PaceChoice,
  QUIET_HOURS_PRESETS,
  chooseQuietHours,
  choosePace,
} from '#core/digests/preferences';
import { DEFAULT_DIGEST_DAY, DEFAULT_DIGEST_HOUR } from '#core/digests/schedule';
import { isDomainError } from '#core/shared/errors';
import type { Subscriber } from '#core/subscribers/subscriber';
import type { Catalog } from '../messages/catalog';
import type { InlineButton } from '../question-message';
import { type BotContext, activeSubscriber, callbackData, toast } from './context';

type Page = { kind: 'menu' } | { kind: 'hours'; day?: number } | { kind: 'days' } | { kind: 'quiet' };
type Press =
  | { kind: 'page'; page: Page }
  | { kind: 'pace'; choice: PaceChoice }
  | { kind: 'quiet'; window?: { start: string; end: string } }
  | { kind: 'done' };

const button = (text: string, callback_data: string): InlineButton => ({ text, callback_data });
const rows = <T>(items: T[], size: number): T[][] =>
  items.reduce<T[][]>((all, item, i) => (i % size ? all[all.length - 1]!.push(item) : all.push([item]), all), []);
const compact = (hhmm: string) => hhmm.replace(':', '');

/** The pace and the quiet hours as a sentence each, in the citizen's language. */
export function describePreferences(s: Subscriber, t: Catalog): { pace: string; quiet: string } {
  const hour = t.hourLabel(s.digestHour ?? DEFAULT_DIGEST_HOUR);
  const pace =
    s.frequency === 'daily'
      ? t.paceDaily(hour)
      : s.frequency === 'weekly'
        ? t.paceWeekly(t.weekdays[(s.digestDay ?? DEFAULT_DIGEST_DAY) - 1]!, hour)
        : t.paceInstant;
  const quiet = s.quietHours ? t.quietRange(s.quietHours.start, s.quietHours.end) : t.quietNone;
  return { pace, quiet };
}

function render(page: Page, s: Subscriber, t: Catalog) {
  const back = [button(t.preferencesBack, 'p:m')];
  const check = (on: boolean, label: string) => (on ? `✅ ${label}` : label);
  switch (page.kind) {
    case 'menu': {
      const { pace, quiet } = describePreferences(s, t);
      return {
        text: t.preferencesMenu(pace, quiet),
        keyboard: [
          [button(check(s.frequency === 'instant', t.preferencesInstant), 'p:i')],
          [button(check(s.frequency === 'daily', t.preferencesDaily), 'p:d')],
          [button(check(s.frequency === 'weekly', t.preferencesWeekly), 'p:w')],
          [button(check(s.quietHours !== undefined, t.preferencesQuiet), 'p:q')],
          [button(t.preferencesDone, 'p:x')],
        ],
      };
    }
    case 'hours': {
      const data = (h: number) => (page.day ? `p:hw:${page.day}:${h}` : `p:hd:${h}`);
      const text = page.day ? t.preferencesHourWeekly(t.weekdays[page.day - 1]!) : t.preferencesHourDaily;
      return {
        text,
        keyboard: [
          ...rows(
            DIGEST_HOURS.map((h) => button(t.hourLabel(h), data(h))),
            5,
          ),
          back,
        ],
      };
    }
    case 'days':
      return {
        text: t.preferencesDay,
        keyboard: [
          ...rows(
            t.weekdays.map((d, i) => button(d, `p:wd:${i + 1}`)),
            4,
          ),
          back,
        ],
      };
    case 'quiet':
      return {
        text: t.preferencesQuietTitle,
        keyboard: [
          ...QUIET_HOURS_PRESETS.map((w) => [
            button(
              check(s.quietHours?.start === w.start && s.quietHours.end === w.end, t.quietRange(w.start, w.end)),
              `p:qs:${compact(w.start)}-${compact(w.end)}`,
            ),
          ]),
          [button(check(s.quietHours === undefined, t.preferencesQuietOff), 'p:qs:off')],
          back,
        ],
      };
  }
}

/** What a button asks, or undefined for anything the screen never offers (forged, or from an older screen). */
export function decodePreferences(data: string): Press | undefined {
  const simple: Record<string, Press> = {
    'p:m': { kind: 'page', page: { kind: 'menu' } },
    'p:x': { kind: 'done' },
    'p:i': { kind: 'pace', choice: { frequency: 'instant' } },
    'p:d': { kind: 'page', page: { kind: 'hours' } },
    'p:w': { kind: 'page', page: { kind: 'days' } },
    'p:q': { kind: 'page', page: { kind: 'quiet' } },
    'p:qs:off': { kind: 'quiet' },
  };
  if (simple[data]) return simple[data];
  const offeredHour = (h: string) => (DIGEST_HOURS as readonly number[]).includes(Number(h)) && String(Number(h)) === h;
  let m = /^p:hd:(\d{1,2})$/.exec(data);
  if (m && offeredHour(m[1]!)) return { kind: 'pace', choice: { frequency: 'daily', hour: Number(m[1]) } };
  m = /^p:wd:([1-7])$/.exec(data);
  if (m) return { kind: 'page', page: { kind: 'hours', day: Number(m[1]) } };
  m = /^p:hw:([1-7]):(\d{1,2})$/.exec(data);
  if (m && offeredHour(m[2]!))
    return { kind: 'pace', choice: { frequency: 'weekly', day: Number(m[1]), hour: Number(m[2]) } };
  m = /^p:qs:(\d{4})-(\d{4})$/.exec(data);
  const window = m && QUIET_HOURS_PRESETS.find((w) => compact(w.start) === m[1] && compact(w.end) === m[2]);
  if (window) return { kind: 'quiet', window: { start: window.start, end: window.end } };
  return undefined;
}

async function show(ctx: BotContext, page: Page, s: Subscriber) {
  const view = render(page, s, ctx.t);
  await ctx.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: { inline_keyboard: view.keyboard } });
}

export function preferences(): Composer<BotContext> {
  const bot = new Composer<BotContext>();

  bot.command(['rythme', 'preferences'], async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    const view = render({ kind: 'menu' }, subscriber, ctx.t);
    await ctx.reply(view.text, { parse_mode: 'HTML', reply_markup: { inline_keyboard: view.keyboard } });
  });

  bot.action(/^p:/, async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    const press = decodePreferences(callbackData(ctx));
    if (!press) return toast(ctx, ctx.t.toastUnknownButton);
    if (press.kind === 'page') {
      await toast(ctx);
      return show(ctx, press.page, subscriber);
    }
    if (press.kind === 'done') {
      await toast(ctx);
      const { pace, quiet } = describePreferences(subscriber, ctx.t);
      return void (await ctx.editMessageText(ctx.t.preferencesSaved(pace, quiet)));
    }
    let saved: Subscriber;
    try {
      saved =
        press.kind === 'pace'
          ? await choosePace(ctx.deps.core, subscriber, press.choice)
          : await chooseQuietHours(ctx.deps.core, subscriber, press.window);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      ctx.log.warn('preference refused', { outcome: e.code });
      return toast(ctx, ctx.t.toastUnknownButton);
    }
    ctx.subscriber = saved;
    await toast(ctx, ctx.t.toastPreferenceSaved);
    await show(ctx, { kind: 'menu' }, saved);
  });

  return bot;
}
