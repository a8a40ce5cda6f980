// Skip logic and the ranking kind in the outputs that are not pages: key figures (and the bot's
// results card that reads them, French and English), the agents' CSV export, and the X poll,
// which refuses a ranking and a conditional question with its reason.
import { describe, expect, it } from 'vitest';
import { renderResultsCard } from '#adapters/telegram/results-card';
import { xPollOptions } from '#core/campaigns/x-poll';
import { responsesCsv } from '#core/questionnaires/export';
import type { Question } from '#core/questionnaires/questionnaire';
import { describeKeyFigures, keyFigures } from '#core/restitution/key-figures';
import { NOW, questionnaireOf, responseOf } from '../restitution/fixtures';

const q = questionnaireOf('qRank', {
  questions: [
    {
      kind: 'single_choice',
      id: 'freq',
      prompt: 'Vous y allez…',
      options: [
        { id: 'souvent', label: 'Souvent' },
        { id: 'jamais', label: 'Jamais' },
      ],
    },
    { kind: 'yes_no', id: 'ombre', prompt: 'Assez d’ombre ?', showIf: { questionId: 'freq', anyOf: ['souvent'] } },
    {
      kind: 'ranking',
      id: 'envies',
      prompt: 'Vos envies ?',
      options: [
        { id: 'jeux', label: 'Des jeux' },
        { id: 'arbres', label: 'Des arbres' },
        { id: 'eau', label: 'De l’eau' },
      ],
    },
  ] as Question[],
});
const responses = [
  responseOf('qRank', 'a', { freq: ['souvent'], ombre: false, envies: ['arbres', 'jeux', 'eau'] }),
  responseOf('qRank', 'b', { freq: ['souvent'], ombre: false, envies: ['arbres', 'eau', 'jeux'] }),
  // Once « souvent », now « jamais »: their « oui » to the shade no longer counts.
  responseOf('qRank', 'c', { freq: ['jamais'], ombre: true, envies: ['jeux', 'arbres', 'eau'] }),
];

describe('key figures', () => {
  const figures = keyFigures(q, responses, new Date(NOW));

  it('give the option ranked best, with its mean rank and share of first places, and skip hidden answers', () => {
    expect(figures.figures).toEqual([
      { kind: 'leading_option', questionId: 'freq', prompt: 'Vous y allez…', label: 'Souvent', share: 67 },
      { kind: 'yes_share', questionId: 'ombre', prompt: 'Assez d’ombre ?', share: 0 },
      {
        kind: 'top_ranked',
        questionId: 'envies',
        prompt: 'Vos envies ?',
        label: 'Des arbres',
        meanRank: 1.33,
        share: 67,
      },
    ]);
    expect(describeKeyFigures(figures).join('\n')).toContain(
      'Vos envies ? — en tête : Des arbres (rang moyen 1,3, classée première par 67\u00a0% des personnes)',
    );
  });

  it('read in the bot’s results card, in French and in English', () => {
    expect(renderResultsCard(figures, undefined, 'fr', 1000)).toContain(
      '• Vos envies ? En tête : Des arbres (classée première par <b>67\u00a0%</b> des personnes)',
    );
    expect(renderResultsCard(figures, undefined, 'en', 1000)).toContain(
      '• Vos envies ? Top: Des arbres (ranked first by <b>67%</b> of people)',
    );
  });
});

describe('the agents’ CSV export', () => {
  it('writes a ranking as its labels from first to last, and leaves a hidden answer’s cell empty', () => {
    const rows = responsesCsv(q, responses).replace('\uFEFF', '').trim().split('\r\n');
    const c = rows.find((row) => row.startsWith('c;'))!.split(';');
    expect(c.slice(3)).toEqual(['Jamais', '', 'Des jeux | Des arbres | De l’eau']);
  });
});

describe('the X poll', () => {
  const rule = (question: Question) => {
    const result = xPollOptions(question);
    return 'violations' in result ? result.violations[0] : undefined;
  };

  it('refuses a ranking: X makes people pick one option, not order them', () => {
    expect(rule(q.questions[2]!)).toMatchObject({
      rule: 'x_poll_not_ranking',
      message: expect.stringContaining('ne peut pas faire ordonner les options'),
    });
  });

  it('refuses a conditional question: on X it would be put to everyone, out of context', () => {
    expect(rule(q.questions[1]!)).toMatchObject({
      rule: 'x_poll_unconditional',
      message: expect.stringContaining('n’est posée que selon une réponse précédente'),
    });
    expect(xPollOptions(q.questions[0]!)).toEqual({ options: ['Souvent', 'Jamais'] });
  });
});
