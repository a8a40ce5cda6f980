// What publishing results says, in French, on each channel: « Voici ce que vous avez dit » for
// those who answered (Telegram), the feed item, the X post. All link to the public results page.
import type { Message } from '../campaigns/campaign';
import type { Questionnaire } from '../questionnaires/questionnaire';
import { type KeyFigures, describeKeyFigure, describeKeyFigures, frenchShare, respondentsPhrase } from './key-figures';

/** Campaign texts are at most 3,500 characters: figures are dropped from the end past this budget. */
const TEXT_BUDGET = 3400;

const cut = (s: string, max: number) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`);

/** Key figures, then « Et après ? »: the message answers « what became of what I said? » on its own. */
export function resultsText(q: Pick<Questionnaire, 'nextSteps'>, figures: KeyFigures): string {
  const lines = describeKeyFigures(figures);
  const text = () => [...lines, '', 'Et après ?', q.nextSteps].join('\n');
  while (text().length > TEXT_BUDGET && lines.length > 1) lines.pop();
  return cut(text(), 3500);
}

export function restitutionMessage(q: Pick<Questionnaire, 'title' | 'nextSteps'>, figures: KeyFigures, link: string) {
  return {
    title: cut(`Voici ce que vous avez dit : ${q.title}`, 200),
    text: resultsText(q, figures),
    link,
  } satisfies Message;
}

export function resultsFeedItem(q: Pick<Questionnaire, 'title' | 'nextSteps'>, figures: KeyFigures, link: string) {
  return { title: cut(`Résultats : ${q.title}`, 200), text: resultsText(q, figures), link };
}

/**
 * The X post's candidates, longest first: the caller keeps the first that fits 280 weighted
 * characters (the link counts 23 whatever its length).
 */
export function xPostCandidates(q: Pick<Questionnaire, 'title'>, figures: KeyFigures, link: string): string[] {
  const who = respondentsPhrase(figures.respondents);
  const first = figures.figures[0];
  const headline = first
    ? first.kind === 'leading_option'
      ? `${first.label} : ${frenchShare(first.share)}`
      : describeKeyFigure(first)
    : undefined;
  const title = (max: number) => cut(q.title, max);
  return [
    ...(headline ? [`Résultats « ${title(120)} » : ${who}. ${cut(headline, 100)}. Tous les résultats : ${link}`] : []),
    `Résultats « ${title(120)} » : ${who}. ${link}`,
    `Résultats « ${title(60)} » : ${link}`,
  ];
}
