// The citizen's rights over their data: `/mesdonnees` (`/mydata`) shows everything kept about
// them (GDPR art. 15, access) as a summary, then sends it whole as a JSON file (my-data-file.ts);
// `/supprimer` (`/delete`) erases it after a confirmation (art. 17).
import { Composer } from 'telegraf';
import type { CoreContext } from '#core/context';
import { CONSENT_VERSIONS, acceptedConsentVersion, consentOutdated, requiredConsent } from '#core/subscribers/consent';
import type { Language } from '#core/subscribers/subscriber';
import { type SubscriberData, eraseSubscriber, exportSubscriberData } from '#core/subscribers/use-cases';
import type { Catalog } from '../messages/catalog';
import { escapeHtml, formatInstant, visibleLength } from '../messages/format';
import { formatConsentDate } from '../consent-message';
import { describeAnswer } from '../question-message';
import { type BotContext, toast } from './context';
import { MY_DATA_FILENAME, renderMyDataFile } from './my-data-file';
import { describePreferences } from './preferences';

/** Telegram refuses texts over 4,096 characters: a long export goes out in several messages. */
const MESSAGE_MAX = 4000;
/** A document's caption: at most 1,024 characters as Telegram counts them. */
const CAPTION_MAX = 1024;

/** The summary, in messages of at most MESSAGE_MAX characters; the file follows them. */
export function renderMyData(
  data: SubscriberData,
  t: Catalog,
  language: Language,
  core: Pick<CoreContext, 'consentVersions'>,
  closing: string,
): string[] {
  const s = data.subscriber;
  const f = t.myDataFields;
  const date = (iso: string) => formatInstant(iso, language);
  const list = (items: string[]) => (items.length ? items.map(escapeHtml).join(', ') : '—');
  const lines = [
    t.myDataTitle,
    t.labelled(f.pseudonym, `<code>${s.id}</code>`),
    t.labelled(f.chatId, `<code>${s.chatId}</code>`),
    t.labelled(f.status, t.statusLabels[s.status]),
    t.labelled(f.language, t.languageLabels[s.language]),
    t.labelled(f.frequency, describePreferences(s, t).pace),
    t.labelled(t.myDataQuietHours, describePreferences(s, t).quiet),
    t.labelled(f.follows, ''),
    `  • ${t.labelled(f.followsDemarches, list(s.follows.demarches))}`,
    `  • ${t.labelled(f.followsThemes, list(s.follows.themes.map((k) => t.themeLabels[k])))}`,
    `  • ${t.labelled(f.followsTerritories, list(s.follows.territories))}`,
    ...(s.awaitingText
      ? [
          t.labelled(
            f.awaitingText,
            `${escapeHtml(s.awaitingText.questionnaireId)} / ${escapeHtml(s.awaitingText.questionId)}`,
          ),
        ]
      : []),
    ...(s.consentAt ? [t.labelled(f.consentAt, date(s.consentAt))] : []),
    ...(s.consentAt ? [consentLine(s, t, language, core)] : []),
    ...(consentOutdated(core, s) ? [t.myDataConsentOutdated(requiredConsent(core).version)] : []),
    t.myDataDeliveries(data.deliveries.length),
    t.myDataDigests(data.digests.length),
    t.labelled(f.createdAt, date(s.createdAt)),
    t.labelled(f.updatedAt, date(s.updatedAt)),
    '',
    `<b>${f.responses}</b>`,
  ];
  if (data.responses.length === 0) lines.push(f.noResponses);
  for (const { questionnaire, response } of data.responses) {
    lines.push(`« ${escapeHtml(questionnaire.title)} » — ${date(response.updatedAt)}`);
    for (const question of questionnaire.questions) {
      const answer = response.answers[question.id];
      if (answer !== undefined)
        lines.push(`  • ${escapeHtml(question.prompt)} → ${escapeHtml(describeAnswer(question, answer, language))}`);
    }
  }
  lines.push('', closing);
  // Split on line boundaries; one line never exceeds the limit (prompts ≤ 300, texts ≤ 1,000).
  const messages: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > MESSAGE_MAX) {
      messages.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) messages.push(current);
  return messages;
}

/** The version they accepted, with its date when this version of the code knows it. */
function consentLine(
  s: SubscriberData['subscriber'],
  t: Catalog,
  language: Language,
  core: Pick<CoreContext, 'consentVersions'>,
) {
  const accepted = acceptedConsentVersion(s);
  const known = (core.consentVersions ?? CONSENT_VERSIONS).find((v) => v.version === accepted);
  return t.myDataConsentVersion(accepted, known ? formatConsentDate(known.date, language) : '—');
}

export function privacy(): Composer<BotContext> {
  const bot = new Composer<BotContext>();

  bot.command(['mesdonnees', 'mydata'], async (ctx) => {
    const data = await exportSubscriberData(ctx.deps.core, ctx.subscriber);
    ctx.log.info('data export', {
      outcome: data
        ? `${data.responses.length} response(s), ${data.deliveries.length} delivery line(s), ${data.digests.length} digest(s)`
        : 'nothing stored',
    });
    if (!data) {
      await ctx.reply(ctx.t.nothingStored);
      return;
    }
    const core = ctx.deps.core;
    const file = {
      source: Buffer.from(renderMyDataFile(data, ctx.t, ctx.language, core.clock.now().toISOString()), 'utf8'),
      filename: MY_DATA_FILENAME,
    };
    // One message when the summary fits in the file's caption: Telegram takes ~1 message a second per chat.
    const attached = renderMyData(data, ctx.t, ctx.language, core, ctx.t.myDataFileAttached);
    if (attached.length === 1 && visibleLength(attached[0]!) <= CAPTION_MAX) {
      await ctx.replyWithDocument(file, { caption: attached[0], parse_mode: 'HTML' });
      return;
    }
    // Longer: the summary, then the file (the flood-wait retry spaces them out: bot/flood-wait.ts).
    for (const text of renderMyData(data, ctx.t, ctx.language, core, ctx.t.myDataFileFollows))
      await ctx.reply(text, { parse_mode: 'HTML' });
    await ctx.replyWithDocument(file, { caption: ctx.t.myDataFileCaption });
  });

  bot.command(['supprimer', 'delete'], async (ctx) => {
    if (!ctx.subscriber) {
      await ctx.reply(ctx.t.nothingStored);
      return;
    }
    await ctx.reply(ctx.t.deleteConfirm, {
      reply_markup: {
        inline_keyboard: [
          [
            { text: ctx.t.deleteYes, callback_data: 'x:y' },
            { text: ctx.t.deleteNo, callback_data: 'x:n' },
          ],
        ],
      },
    });
  });

  bot.action('x:y', async (ctx) => {
    const erased = await eraseSubscriber(ctx.deps.core, ctx.subscriber);
    ctx.log.info('erasure', { outcome: erased ? 'erased' : 'nothing stored' });
    ctx.subscriber = undefined;
    await toast(ctx);
    await ctx.editMessageText(erased ? ctx.t.deleted : ctx.t.nothingStored);
  });

  bot.action('x:n', async (ctx) => {
    await toast(ctx);
    await ctx.editMessageText(ctx.t.deleteCancelled);
  });

  return bot;
}
