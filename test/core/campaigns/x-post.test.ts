// The X post of a campaign: its layout, X's weighted count (official twitter-text), the 280 rule
// and the cost agents see before scheduling.
import { describe, expect, it } from 'vitest';
import type { Campaign } from '#core/campaigns/campaign';
import { assertXPostFits, checkXPost, estimateXCost, renderXPost } from '#core/campaigns/x-post';
import { DomainError } from '#core/shared/errors';

const LINK = 'https://dialoguecitoyen.metropole.nantes.fr/projets/ile-de-nantes-le-parc-des-chantiers-2026';

const campaign = (
  message: Partial<Campaign['message']> = {},
  extra: Partial<Pick<Campaign, 'xText' | 'channels'>> = {},
): Pick<Campaign, 'message' | 'xText' | 'channels'> => ({
  message: { title: 'Parc des Chantiers', text: 'Donnez votre avis jusqu’au 15 décembre.', link: LINK, ...message },
  channels: ['telegram', 'x'],
  ...extra,
});

const refusal = (fn: () => void): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('checkXPost counts as X does', () => {
  it('counts every URL as 23, however long', () => {
    expect(LINK.length).toBeGreaterThan(23);
    expect(checkXPost(`Voir ${LINK}`).weightedLength).toBe(5 + 23);
    expect(checkXPost('Voir https://x.co').weightedLength).toBe(5 + 23);
  });

  it('counts a bare domain as a URL too', () => {
    expect(checkXPost('Voir nantes.fr').weightedLength).toBe(5 + 23);
  });

  it('counts accented letters, guillemets and apostrophes 1, emoji 2 (sequences included)', () => {
    expect(checkXPost('éèàçôœÉ').weightedLength).toBe(7);
    expect(checkXPost('« l’avis »').weightedLength).toBe(10);
    expect(checkXPost('🗳️').weightedLength).toBe(2);
    expect(checkXPost('👩‍👩‍👧').weightedLength).toBe(2);
    expect(checkXPost('🇫🇷').weightedLength).toBe(2);
  });

  it('reports validity and the share of 280 used', () => {
    expect(checkXPost('a'.repeat(140))).toEqual({ weightedLength: 140, valid: true, permillage: 500 });
    expect(checkXPost('a'.repeat(281))).toMatchObject({ weightedLength: 281, valid: false });
  });
});

describe('renderXPost', () => {
  it('lays out title, text and link as three paragraphs', () => {
    expect(renderXPost(campaign())).toBe(`Parc des Chantiers\n\nDonnez votre avis jusqu’au 15 décembre.\n\n${LINK}`);
  });

  it('posts xText as it is when given', () => {
    expect(renderXPost(campaign({}, { xText: 'Parc des Chantiers : à vous ! nantes.fr/parc' }))).toBe(
      'Parc des Chantiers : à vous ! nantes.fr/parc',
    );
  });

  it('turns French narrow no-break spaces (weight 2) into no-break spaces (weight 1)', () => {
    expect(checkXPost('\u202F').weightedLength).toBe(2);
    const post = renderXPost(campaign({ text: 'À vous\u202F! Avis\u202F: oui' }));
    expect(post).toContain('À vous\u00A0! Avis\u00A0: oui');
    expect(post).not.toContain('\u202F');
  });
});

describe('assertXPostFits', () => {
  // Title "T", two blank lines around the text, the link (23): 1 + 2 + text + 2 + 23.
  const ofWeight = (total: number) => campaign({ title: 'T', text: 'é'.repeat(total - 28) });

  it('accepts exactly 280 weighted characters', () => {
    expect(checkXPost(renderXPost(ofWeight(280))).weightedLength).toBe(280);
    expect(() => assertXPostFits(ofWeight(280))).not.toThrow();
  });

  it('refuses 281 on message.text, with the count and the way out', () => {
    const error = refusal(() => assertXPostFits(ofWeight(281)));
    expect(error.code).toBe('Invalid');
    expect(error.violations).toEqual([
      {
        field: 'message.text',
        rule: 'x_post_max_280',
        message:
          'le message pour X compte 281 caractères pondérés sur 280 (les liens comptent 23, les émojis 2) : ' +
          'raccourcissez-le ou renseignez xText',
      },
    ]);
  });

  it('checks xText instead when given, and blames it', () => {
    const long = campaign({}, { xText: `${'😀'.repeat(140)} ${LINK}` });
    const error = refusal(() => assertXPostFits(long));
    expect(error.violations[0]).toMatchObject({ field: 'xText', rule: 'x_post_max_280' });
    expect(error.message).toContain('304 caractères pondérés sur 280');
    expect(() => assertXPostFits(campaign({ text: 'x'.repeat(3000) }, { xText: 'Court.' }))).not.toThrow();
  });

  it('ignores campaigns that do not go to X', () => {
    expect(() => assertXPostFits({ ...ofWeight(400), channels: ['telegram', 'feeds'] })).not.toThrow();
  });

  it('refuses characters X refuses, such as a pasted byte-order mark', () => {
    const error = refusal(() => assertXPostFits(campaign({ text: 'Avis\uFEFF ouvert' })));
    expect(error.violations[0]).toMatchObject({ field: 'message.text', rule: 'x_post_invalid_characters' });
  });
});

describe('estimateXCost', () => {
  it('prices a post without a link at $0.015', () => {
    expect(estimateXCost('Réunion publique ce soir à 18 h, salle Paul-Fort.')).toEqual({ usd: 0.015, hasUrl: false });
  });

  it('prices a post with a link at $0.20, as X detects links', () => {
    expect(estimateXCost(renderXPost(campaign()))).toEqual({ usd: 0.2, hasUrl: true });
    expect(estimateXCost('Tout est sur nantes.fr')).toEqual({ usd: 0.2, hasUrl: true });
  });
});
