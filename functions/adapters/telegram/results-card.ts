// The results card a subscriber reads after their last answer when the results are public while
// the questionnaire runs: how many answered, each question's leading figure, the link to the
// public page. Aggregates only (core/restitution/key-figures.ts): no citizen's text ever.
import type { KeyFigure, KeyFigures } from '#core/restitution/key-figures';
import type { Language } from '#core/subscribers/subscriber';
import { catalog } from './messages/catalog';
import { escapeHtml, normalizeUrl, visibleLength } from './messages/format';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

function figureLine(figure: KeyFigure, language: Language): string {
  const t = catalog(language);
  const numbers = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 });
  const share = (n: number) => (language === 'fr' ? `${n}\u00a0%` : `${n}%`);
  const prompt = escapeHtml(figure.prompt);
  switch (figure.kind) {
    case 'leading_option':
      return t.resultsCardLeading(prompt, escapeHtml(figure.label), `<b>${share(figure.share)}</b>`);
    case 'yes_share':
      return t.resultsCardYes(prompt, `<b>${share(figure.share)}</b>`);
    case 'scale_mean':
      return t.resultsCardMean(prompt, `<b>${numbers.format(figure.mean)}</b>`, figure.min, figure.max);
    case 'top_ranked':
      return t.resultsCardTopRanked(prompt, escapeHtml(figure.label), `<b>${share(figure.share)}</b>`);
  }
}

/**
 * The card as Telegram HTML, at most `room` visible characters (it shares one message with the
 * thank-you: one send per interaction): figures are dropped from the end until it fits.
 */
export function renderResultsCard(
  figures: KeyFigures,
  link: string | undefined,
  language: Language,
  room: number,
): string | undefined {
  const t = catalog(language);
  const lines = figures.figures.map((f) => figureLine(f, language));
  const html = () =>
    [
      t.resultsCardTitle(figures.respondents),
      ...lines,
      ...(link ? ['', `<a href="${escapeHtml(normalizeUrl(link))}">${t.resultsCardLink}</a>`] : []),
    ].join('\n');
  while (visibleLength(html()) > room && lines.length > 0) lines.pop();
  return visibleLength(html()) <= room ? html() : undefined;
}
