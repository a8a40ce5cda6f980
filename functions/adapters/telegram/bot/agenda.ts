// `/agenda`: the next steps of what the subscriber follows (démarches, themes, places), each with
// its Paris date and démarche, and the calendar (.ics) that holds them, to subscribe to once.
import { Composer } from 'telegraf';
import { type CalendarEvent, calendarPath } from '#core/calendars/read';
import { readAgenda } from '#core/calendars/agenda';
import { stepPhase } from '#core/demarches/demarche';
import type { Catalog } from '../messages/catalog';
import { escapeHtml, formatInstant, normalizeUrl } from '../messages/format';
import type { Language } from '#core/subscribers/subscriber';
import { type BotContext, activeSubscriber } from './context';

/** Enough to plan a week or two; a longer list is the calendar's job. */
const AGENDA_LENGTH = 8;

export function agenda(): Composer<BotContext> {
  const bot = new Composer<BotContext>();
  bot.command('agenda', async (ctx) => {
    const subscriber = await activeSubscriber(ctx);
    if (!subscriber) return;
    const { demarches, themes, territories } = subscriber.follows;
    if (demarches.length + themes.length + territories.length === 0)
      return void (await ctx.reply(ctx.t.agendaNothingFollowed));
    const { steps, calendar } = await readAgenda(ctx.deps.core, subscriber.follows, AGENDA_LENGTH);
    if (steps.length === 0) return void (await ctx.reply(ctx.t.agendaEmpty));
    const now = ctx.deps.core.clock.now();
    const lines = steps.map((event) => agendaLine(ctx.t, ctx.language, event, now));
    const base = ctx.deps.publicUrl();
    // A relative link is no link in Telegram: without a known public URL the calendar is left out.
    const link = base
      ? `\n\n<a href="${escapeHtml(normalizeUrl(base + calendarPath(calendar)))}">${escapeHtml(ctx.t.agendaCalendar)}</a>`
      : '';
    await ctx.reply(`${ctx.t.agendaTitle}\n\n${lines.join('\n\n')}${link}`, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    });
  });
  return bot;
}

function agendaLine(t: Catalog, language: Language, { demarche, step }: CalendarEvent, now: Date): string {
  const when =
    stepPhase(step, now) === 'upcoming'
      ? t.agendaUpcoming(formatInstant(step.start, language))
      : step.end
        ? t.agendaOpenUntil(formatInstant(step.end, language))
        : t.agendaOpen;
  return [
    `• <b>${escapeHtml(when)}</b> — ${escapeHtml(t.agendaStep(t.stepKindLabels[step.kind], step.title))}`,
    `<a href="${escapeHtml(normalizeUrl(step.link ?? demarche.link))}">${escapeHtml(demarche.title)}</a>`,
  ].join('\n');
}
