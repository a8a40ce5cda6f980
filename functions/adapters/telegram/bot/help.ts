// `/aide` (`/help`), and the last resort for what no other feature handled. Every answer says what
// the bot does understand, and stores nothing: who is not subscribed learns the one step to take
// (/start, or the consent on screen), who left learns how to come back; an active subscriber's
// unknown command gets the command list, a long text a pointer to where opinions are read, a photo
// or a voice message a word that the bot reads neither, an edit that edits are not taken into account.
import { Composer } from 'telegraf';
import type { Message } from 'telegraf/types';
import type { NonTextKind } from '../messages/membership';
import { type BotContext, followsSomething, toast } from './context';

/**
 * Past this many characters a text is no stray word but an opinion written for someone: it gets an
 * answer that says where opinions are read (a questionnaire, the platform), rather than the hint.
 */
export const LONG_TEXT_CHARACTERS = 300;

export function help(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.command(['aide', 'help'], (ctx) => ctx.reply(ctx.t.help, { parse_mode: 'HTML' }));

  bot.on('message', async (ctx) => {
    const kind = messageKind(ctx.message);
    if (kind === 'service') return; // e.g. an auto-delete timer set by the citizen: nothing was said to us
    const notActive = statusHint(ctx);
    ctx.log.info('unread message', { outcome: notActive ? `${kind}, not active` : kind });
    if (notActive) return void (await ctx.reply(notActive));
    if (kind === 'command') return void (await ctx.reply(`${ctx.t.unknownCommand}\n\n${ctx.t.help}`, html));
    if (kind === 'long_text') return void (await ctx.reply(ctx.t.longText));
    if (kind === 'text') return void (await ctx.reply(ctx.t.unknownText));
    const what = ctx.t.nonTextNames[kind];
    await ctx.reply(ctx.subscriber?.awaitingText ? ctx.t.nonTextAwaiting(what) : ctx.t.nonText(what));
  });

  bot.on('edited_message', async (ctx) => {
    ctx.log.info('edited message', { outcome: 'not taken into account' });
    await ctx.reply(statusHint(ctx) ?? ctx.t.edited(ctx.t.changeText));
  });

  // A button nobody handled: for someone away, what matters is how to come back, not the button.
  bot.on('callback_query', (ctx) => {
    const s = ctx.subscriber;
    if (!s) return toast(ctx, ctx.t.toastNotSubscriber);
    return toast(ctx, s.status === 'left' || s.status === 'blocked' ? ctx.t.toastComeBack : ctx.t.toastUnknownButton);
  });
  return bot;
}

const html = { parse_mode: 'HTML' as const };

/** What someone who is not an active subscriber needs to hear, whatever they sent; undefined if active. */
function statusHint(ctx: BotContext): string | undefined {
  const s = ctx.subscriber;
  if (!s) return ctx.t.introduction;
  if (s.status === 'pending') return ctx.t.consentFirst;
  if (s.status === 'left' || s.status === 'blocked') return ctx.t.comeBack(followsSomething(s));
  return undefined;
}

type MessageKind = 'command' | 'text' | 'long_text' | NonTextKind | 'service';

/** The kinds of content a citizen can send, by the field Telegram fills (https://core.telegram.org/bots/api#message). */
const CONTENT_FIELDS: [string, NonTextKind][] = [
  // animation before document: Telegram fills both for a GIF.
  ['animation', 'animation'],
  ['photo', 'photo'],
  ['sticker', 'sticker'],
  ['voice', 'voice'],
  ['audio', 'audio'],
  ['video', 'video'],
  ['video_note', 'video_note'],
  ['document', 'document'],
  ['location', 'location'],
  ['venue', 'location'],
  ['contact', 'contact'],
  ['poll', 'poll'],
  ['dice', 'other'],
  ['game', 'other'],
  ['story', 'other'],
  ['paid_media', 'other'],
];

export function messageKind(message: Message): MessageKind {
  if ('text' in message) {
    if (message.text.startsWith('/')) return 'command';
    return [...message.text.trim()].length > LONG_TEXT_CHARACTERS ? 'long_text' : 'text';
  }
  for (const [field, kind] of CONTENT_FIELDS) if (field in message) return kind;
  return 'service';
}
