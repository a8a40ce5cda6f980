// Follows: `/suivre` (`/follow`) opens a menu of démarches, themes and places; each press toggles
// one (one subscriber write) and the same message is edited in place, so the chat stays short.
import { Composer } from 'telegraf';
import { isDomainError } from '#core/shared/errors';
import { type FollowKind, toggleFollow } from '#core/subscribers/use-cases';
import type { Subscriber } from '#core/subscribers/subscriber';
import { type BotContext, activeSubscriber, callbackData, toast } from './context';
import {
  type FollowPage,
  counts,
  decodeFollowPage,
  decodeFollowToggle,
  demarcheHash,
  followLabel,
  followableDemarches,
  renderFollowPage,
} from './follow-menu';

/** The menu as a new message, e.g. after consent or on `/suivre`. */
export async function sendFollowMenu(ctx: BotContext, subscriber: Subscriber, intro?: string) {
  const view = renderFollowPage({ section: 'menu' }, subscriber, ctx.t);
  await ctx.reply(intro ? `${intro}\n\n${view.text}` : view.text, {
    parse_mode: 'HTML',
    reply_markup: view.reply_markup,
  });
}

async function showPage(ctx: BotContext, subscriber: Subscriber, page: FollowPage) {
  const demarches = page.section === 'demarches' ? await followableDemarches(ctx.deps.core, subscriber.follows) : [];
  const view = renderFollowPage(page, subscriber, ctx.t, demarches);
  await ctx.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: view.reply_markup });
}

export function follows(): Composer<BotContext> {
  const bot = new Composer<BotContext>();

  bot.command(['suivre', 'follow'], async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (subscriber) await sendFollowMenu(ctx, subscriber);
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
    await toast(ctx);
    await showPage(ctx, subscriber, page);
  });

  bot.action(/^ft:/, async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    const toggle = decodeFollowToggle(callbackData(ctx));
    if (!toggle) return toast(ctx, ctx.t.toastUnknownButton);
    let key = toggle.key;
    const demarches = toggle.kind === 'demarches' ? await followableDemarches(ctx.deps.core, subscriber.follows) : [];
    const demarche = demarches.find((d) => demarcheHash(d.slug) === toggle.key);
    if (toggle.kind === 'demarches') {
      // A hash that matches no listed démarche: a forged or stale button (the démarche ended).
      if (!demarche) return toast(ctx, ctx.t.toastUnknownButton);
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
    const view = renderFollowPage(toggle.page, next, ctx.t, demarches);
    await ctx.editMessageText(view.text, { parse_mode: 'HTML', reply_markup: view.reply_markup });
  });

  return bot;
}
