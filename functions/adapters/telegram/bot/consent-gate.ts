// The consent gate: an active subscriber who accepted a version of the consent text older than its
// latest material change (core/subscribers/consent.ts) sees the request to accept the new one
// before anything else they ask, and their presses store nothing until they answer. Their rights
// stay open meanwhile: /mesdonnees, /supprimer and /stop need no consent (GDPR art. 15, 17, 21).
// Also answers the request's two buttons (`rc:y:<version>`, `rc:n:<version>`).
import type { MiddlewareFn } from 'telegraf';
import { consentOutdated, currentConsent, requiredConsent } from '#core/subscribers/consent';
import { declineRenewedConsent, giveConsent } from '#core/subscribers/use-cases';
import { keepStartLink, resolveStartLink } from '#core/links/use-cases';
import { RENEW_CALLBACK, renderConsentRequest } from '../consent-message';
import { type BotContext, callbackData, toast } from './context';
import { followLinkKeptDuringRenewal, startPayloadOf } from './deep-link';

/** Commands that work whatever the consent: access, erasure, stopping the messages. */
const RIGHTS = new Set(['mesdonnees', 'mydata', 'supprimer', 'delete', 'stop', 'arreter']);
/** The erasure's confirmation buttons (privacy.ts). */
const RIGHTS_BUTTONS = new Set(['x:y', 'x:n']);

const commandOf = (ctx: BotContext): string | undefined => {
  const text = ctx.message && 'text' in ctx.message ? ctx.message.text : undefined;
  const match = text && /^\/([a-z0-9_]+)(?:@\w+)?(?:\s|$)/i.exec(text);
  return match ? match[1]!.toLowerCase() : undefined;
};

export function consentGate(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const renewal = RENEW_CALLBACK.exec(callbackData(ctx));
    if (renewal) return answerRequest(ctx, renewal[1] === 'y', Number(renewal[2]));
    const s = ctx.subscriber;
    if (!s || !consentOutdated(ctx.deps.core, s)) return next();
    // Membership changes (blocked, unblocked) and anything but a message or a press go on as usual.
    if (!ctx.message && !ctx.callbackQuery) return next();
    const command = commandOf(ctx);
    if ((command && RIGHTS.has(command)) || RIGHTS_BUTTONS.has(callbackData(ctx))) return next();
    ctx.log.info('consent to renew', { outcome: ctx.callbackQuery ? 'press held' : 'message held' });
    // A poster's link scanned meanwhile is kept, and followed once they accept (deep-link.ts).
    const payload = command === 'start' && ctx.message && 'text' in ctx.message ? startPayloadOf(ctx.message.text) : '';
    if (payload) {
      const resolved = await resolveStartLink(ctx.deps.core, payload);
      if (resolved) ctx.subscriber = await keepStartLink(ctx.deps.core, s, resolved.link);
    }
    if (ctx.callbackQuery) await toast(ctx, ctx.t.toastConsentRenewFirst);
    await sendRequest(ctx);
  };
}

async function sendRequest(ctx: BotContext) {
  const request = renderConsentRequest(ctx.language, currentConsent(ctx.deps.core));
  await ctx.reply(request.html, { parse_mode: 'HTML', reply_markup: request.replyMarkup });
}

/** « J'accepte » or « Non merci » on a request naming `version`. */
async function answerRequest(ctx: BotContext, accepted: boolean, version: number) {
  const core = ctx.deps.core;
  const s = ctx.subscriber;
  if (!s || s.status !== 'active') return toast(ctx, ctx.t.toastNotSubscriber);
  if (!consentOutdated(core, s)) {
    // Answered already (a second press, or another device): the buttons go, nothing changes.
    await toast(ctx, ctx.t.toastDone);
    await removeButtons(ctx);
    return;
  }
  if (version < requiredConsent(core).version || version > currentConsent(core).version) {
    // A request for a version replaced since (or one we never wrote): the current one is shown.
    await toast(ctx, ctx.t.toastConsentRenewStale);
    await removeButtons(ctx);
    return sendRequest(ctx);
  }
  await toast(ctx);
  // The request stays in the chat as the record of what was agreed; only its buttons go.
  await removeButtons(ctx);
  if (accepted) {
    const renewed = (await giveConsent(core, s, version)).subscriber;
    ctx.log.info('consent renewed');
    const linked = await followLinkKeptDuringRenewal(ctx, renewed);
    await ctx.reply(linked ? `${ctx.t.consentRenewed}\n\n${linked}` : ctx.t.consentRenewed, { parse_mode: 'HTML' });
    return;
  }
  await declineRenewedConsent(core, s);
  ctx.subscriber = { ...s, status: 'left' };
  ctx.log.info('consent renewal declined', { outcome: 'left' });
  await ctx.reply(ctx.t.consentRenewDeclined);
}

/** Takes the buttons off the pressed message, unless they are gone already (Telegram refuses an edit that changes nothing). */
async function removeButtons(ctx: BotContext) {
  const message = ctx.callbackQuery?.message;
  if (message && 'reply_markup' in message && message.reply_markup) await ctx.editMessageReplyMarkup(undefined);
}
