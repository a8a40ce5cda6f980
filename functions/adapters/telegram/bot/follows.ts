// Follows: `/suivre` (`/follow`) opens a menu of démarches, themes and places; each press toggles
// one (one subscriber write) and the same message is edited in place, so the chat stays short.
// `/suivis` (`/following`) shows everything followed in that same kind of message, each removable.
// A stale or forged button (a deleted démarche, an unknown theme, a page that no longer exists)
// gets a toast that says so and stores nothing.
import { Composer, TelegramError } from 'telegraf';
import { isDomainError } from '#core/shared/errors';
import { type FollowKind, toggleFollow } from '#core/subscribers/use-cases';
import type { Subscriber } from '#core/subscribers/subscriber';
import { type BotContext, activeSubscriber, callbackData, toast } from './context';
import {
  type FollowPage,
  type FollowView,
  type ListedDemarche,
  counts,
  decodeFollowPage,
  decodeFollowToggle,
  demarcheHash,
  demarchesPageCount,
  followLabel,
  listDemarches,
  renderFollowPage,
} from './follow-menu';
import {
  decodeFollowRemoval,
  followedItemOf,
  followedItems,
  followingPageCount,
  renderFollowingView,
} from './following-view';

/** Démarches are read only for the pages that show or count them. */
const needsDemarches = (page: FollowPage, subscriber: Subscriber) =>
  page.section === 'demarches' ||
  page.section === 'following' ||
  (page.section === 'menu' && subscriber.follows.demarches.length > 0);

const demarchesFor = (ctx: BotContext, subscriber: Subscriber, page: FollowPage) =>
  needsDemarches(page, subscriber) ? listDemarches(ctx.deps.core) : Promise.resolve([]);

function viewOf(ctx: BotContext, subscriber: Subscriber, page: FollowPage, listed: readonly ListedDemarche[]) {
  return page.section === 'following'
    ? renderFollowingView(page.page, subscriber, ctx.t, listed)
    : renderFollowPage(page, subscriber, ctx.t, listed);
}

/** The menu as a new message, e.g. after consent or on `/suivre`. */
export async function sendFollowMenu(ctx: BotContext, subscriber: Subscriber, intro?: string) {
  const page = { section: 'menu' } as const;
  // A welcome (intro) leaves out the « ended démarche » hint: someone who just followed the Grand
  // débat from a poster is not asked at once whether to stop following it.
  const demarches = intro ? [] : await demarchesFor(ctx, subscriber, page);
  const view = viewOf(ctx, subscriber, page, demarches);
  await ctx.reply(intro ? `${intro}\n\n${view.text}` : view.text, {
    parse_mode: 'HTML',
    reply_markup: view.reply_markup,
  });
}

/**
 * Shows `view` in the pressed message. A stale press may redraw exactly what is shown (a page
 * past the last when the last is on screen): Telegram then answers 400 « message is not
 * modified », which means the screen is already right.
 */
async function edit(ctx: BotContext, view: FollowView) {
  try {
    await ctx.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: view.reply_markup });
  } catch (e) {
    if (!(e instanceof TelegramError && e.code === 400 && /message is not modified/.test(e.description))) throw e;
  }
}

/** A page past the last (the list shrank since the button was drawn): said, then the last page shown. */
function pageExists(ctx: BotContext, subscriber: Subscriber, page: FollowPage, listed: readonly ListedDemarche[]) {
  if (page.section === 'demarches') return page.page < demarchesPageCount(listed);
  if (page.section === 'following') return page.page < followingPageCount(followedItems(subscriber, listed, ctx.t));
  return true;
}

export function follows(): Composer<BotContext> {
  const bot = new Composer<BotContext>();

  bot.command(['suivre', 'follow'], async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (subscriber) await sendFollowMenu(ctx, subscriber);
  });

  bot.command(['suivis', 'following'], async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    const page = { section: 'following', page: 0 } as const;
    const view = viewOf(ctx, subscriber, page, await demarchesFor(ctx, subscriber, page));
    await ctx.reply(view.text, { parse_mode: 'HTML', reply_markup: view.reply_markup });
  });

  bot.action(/^f:/, async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    if (callbackData(ctx) === 'f:x') {
      await toast(ctx);
      await ctx.editMessageText(ctx.t.followSaved(counts(subscriber.follows)));
      return;
    }
    const page = decodeFollowPage(callbackData(ctx));
    if (!page) return toast(ctx, ctx.t.toastUnknownButton);
    const listed = await demarchesFor(ctx, subscriber, page);
    await toast(ctx, pageExists(ctx, subscriber, page, listed) ? undefined : ctx.t.toastNoSuchPage);
    await edit(ctx, viewOf(ctx, subscriber, page, listed));
  });

  bot.action(/^ft:/, async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    const toggle = decodeFollowToggle(callbackData(ctx));
    if (!toggle) return toast(ctx, ctx.t.toastUnknownButton);
    let key = toggle.key;
    const listed = toggle.kind === 'demarches' ? await listDemarches(ctx.deps.core) : [];
    const demarche = listed.find((d) => demarcheHash(d.demarche.slug) === toggle.key)?.demarche;
    if (toggle.kind === 'demarches') {
      // A hash that matches no démarche: deleted since the button was drawn, or forged.
      if (!demarche) return toast(ctx, ctx.t.toastDemarcheGone);
      key = demarche.slug;
    }
    let result: Awaited<ReturnType<typeof toggleFollow>>;
    try {
      result = await toggleFollow(ctx.deps.core, subscriber, toggle.kind satisfies FollowKind, key);
    } catch (e) {
      // An unknown theme or place in the data: forged. Anything else is a real failure.
      if (!isDomainError(e)) throw e;
      ctx.log.warn('follow refused', { outcome: e.code });
      return toast(ctx, ctx.t.toastUnknownButton);
    }
    const { subscriber: next, following } = result;
    ctx.subscriber = next;
    const label = followLabel(toggle, ctx.t, demarche);
    await toast(ctx, following ? ctx.t.toastFollowed(label) : ctx.t.toastUnfollowed(label));
    await edit(ctx, renderFollowPage(toggle.page, next, ctx.t, listed));
  });

  // A removal from `/suivis`: only ever stops following (a stale press never follows again).
  bot.action(/^fu:/, async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    const removal = decodeFollowRemoval(callbackData(ctx));
    if (!removal) return toast(ctx, ctx.t.toastUnknownButton);
    const listed = await listDemarches(ctx.deps.core);
    const item = followedItemOf(removal, subscriber, listed, ctx.t);
    if (!item) return toast(ctx, ctx.t.toastAlreadyRemoved);
    const { subscriber: next } = await toggleFollow(ctx.deps.core, subscriber, item.kind, item.key);
    ctx.subscriber = next;
    ctx.log.info('follow removed', { outcome: item.kind === 'demarches' ? `demarche_${item.phase}` : item.kind });
    await toast(ctx, ctx.t.toastUnfollowed(item.kind === 'demarches' ? (item.title ?? item.key) : item.label));
    await edit(ctx, renderFollowingView(removal.page, next, ctx.t, listed));
  });

  return bot;
}
