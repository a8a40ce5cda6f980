// What of a written answer reaches the public: approved texts only, masked, redacted.
import { describe, expect, it } from 'vitest';
import { type ModerationDecision, REDACTED, publicTexts, publishedText, textHash } from '#core/moderation/decision';
import { at, questionnaire, response } from '../../adapters/dynamodb/fixtures';

const q = questionnaire();
const decision = (text: string, over: Partial<ModerationDecision> = {}): ModerationDecision => ({
  questionnaireId: q.id,
  questionId: 'why',
  textHash: textHash(text),
  status: 'approved',
  redactions: [],
  decidedBy: { agentId: 'a1', name: 'Camille' },
  decidedAt: at(5),
  version: 1,
  ...over,
});
const wrote = (subscriberId: string, why: string) => response({ subscriberId, answers: { freq: ['a'], why } });

describe('public texts', () => {
  it('publishes approved texts only, and none whose text changed since its approval', () => {
    const responses = [
      wrote('s1', 'Plus de pistes cyclables'),
      wrote('s2', 'Texte en attente'),
      wrote('s3', 'Texte rejeté'),
      wrote('s4', 'Texte réécrit après approbation'),
    ];
    const decisions = [
      decision('Plus de pistes cyclables', { category: 'Aménagements' }),
      decision('Texte rejeté', { status: 'rejected', reason: 'hors sujet' }),
      decision('Texte avant réécriture'),
    ];
    expect(publicTexts(q.questions, responses, decisions)).toEqual([
      { questionId: 'why', text: 'Plus de pistes cyclables', category: 'Aménagements' },
    ]);
  });

  it('shares one decision between identical texts', () => {
    const responses = [wrote('s1', 'RAS'), wrote('s2', 'RAS')];
    expect(publicTexts(q.questions, responses, [decision('RAS')])).toHaveLength(2);
  });

  it('masks personal details and applies the agent’s redactions', () => {
    const original = 'Appelez Jean au 06 12 34 56 78, il connaît le carrefour Dupont';
    expect(publishedText(original, ['Jean'])).toBe(
      `Appelez ${REDACTED} au [téléphone masqué], il connaît le carrefour Dupont`,
    );
  });
});
