// Deep links: `https://t.me/<bot>?start=<payload>` (a poster's QR code) subscribes straight to the
// démarche, theme or place its start link names. Consent always comes first: a newcomer's pending
// item keeps the link (`startLink`) and the follow is applied when they accept; an active
// subscriber follows at once. An unknown or deleted link says so, and onboarding goes on as usual.
// Each update answers with one message (what the link does is said inside the consent screen and
// the welcome): Telegram allows about one message a second in a chat.
import type { ResolvedStartLink } from '#core/links/use-cases';
import { applyKeptStartLink, followThroughLink, keepStartLink, resolveStartLink } from '#core/links/use-cases';
import type { Subscriber } from '#core/subscribers/subscriber';
import { escapeHtml } from '../messages/format';
import type { BotContext } from './context';

const what = (ctx: BotContext, resolved: ResolvedStartLink) =>
  ctx.t.linkTarget(resolved.link.target, escapeHtml(resolved.targetTitle));
const paragraph = (text: string) => `${text}\n\n`;

/**
 * `/start <payload>`, after startSubscription. `answered`: an active subscriber was told what the
 * link did. Otherwise onboarding goes on to the consent screen, opened with `preface` (what the link
 * will follow, or that it is no longer valid; '' without a link).
 */
export async function startThroughLink(
  ctx: BotContext,
  payload: string,
): Promise<{ answered: true } | { answered: false; preface: string }> {
  const subscriber = ctx.subscriber;
  const given = payload.trim();
  if (!subscriber) return { answered: false, preface: '' };
  if (!given) {
    // A plain /start while consent is pending: the consent screen still says what the link will follow.
    const kept =
      subscriber.status === 'pending' && subscriber.startLink
        ? await resolveStartLink(ctx.deps.core, subscriber.startLink)
        : undefined;
    return { answered: false, preface: kept ? paragraph(ctx.t.linkBeforeConsent(what(ctx, kept))) : '' };
  }
  const resolved = await resolveStartLink(ctx.deps.core, given);
  ctx.log.info('start link', { outcome: resolved ? 'known' : 'unknown' });
  if (subscriber.status === 'active') {
    if (!resolved) await ctx.reply(ctx.t.linkInvalidActive);
    else {
      const followed = await followThroughLink(ctx.deps.core, subscriber, resolved);
      ctx.subscriber = followed.subscriber;
      ctx.log.info('start link applied', { outcome: followed.outcome });
      const text = followed.outcome === 'followed' ? ctx.t.linkFollowed : ctx.t.linkAlreadyFollowing;
      await ctx.reply(text(what(ctx, resolved)), { parse_mode: 'HTML' });
    }
    return { answered: true };
  }
  if (!resolved) return { answered: false, preface: paragraph(ctx.t.linkInvalid) };
  ctx.subscriber = await keepStartLink(ctx.deps.core, subscriber, resolved.link);
  return { answered: false, preface: paragraph(ctx.t.linkBeforeConsent(what(ctx, resolved))) };
}

/**
 * After « J'accepte »: follows what the kept link names. Answers the subscriber as now stored and the
 * follow menu's intro: `welcome`, or one that says what the link brought (or that it expired).
 */
export async function followKeptStartLink(
  ctx: BotContext,
  subscriber: Subscriber,
  welcome: string,
): Promise<[Subscriber, string]> {
  const applied = await applyKeptStartLink(ctx.deps.core, subscriber);
  ctx.subscriber = applied.subscriber;
  if (applied.outcome === 'none') return [applied.subscriber, welcome];
  ctx.log.info('start link applied', { outcome: applied.outcome });
  const intro = applied.resolved ? ctx.t.linkWelcome(what(ctx, applied.resolved)) : ctx.t.linkWelcomeExpired;
  return [applied.subscriber, intro];
}

/**
 * After a renewed consent (consent-gate.ts): follows the link scanned while the request was
 * pending, and says what it did in a sentence (undefined when no link was kept).
 */
export async function followLinkKeptDuringRenewal(
  ctx: BotContext,
  subscriber: Subscriber,
): Promise<string | undefined> {
  const applied = await applyKeptStartLink(ctx.deps.core, subscriber);
  ctx.subscriber = applied.subscriber;
  if (applied.outcome === 'none') return undefined;
  ctx.log.info('start link applied', { outcome: applied.outcome });
  if (!applied.resolved) return ctx.t.linkInvalidActive;
  const text = applied.outcome === 'followed' ? ctx.t.linkFollowed : ctx.t.linkAlreadyFollowing;
  return text(what(ctx, applied.resolved));
}

/** The payload of a `/start <payload>` message, '' for a plain /start or anything else. */
export const startPayloadOf = (text: string | undefined): string =>
  /^\/start(?:@\w+)?\s+(\S+)/.exec(text ?? '')?.[1] ?? '';
