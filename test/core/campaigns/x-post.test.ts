// The X post of a campaign: its layout, X's weighted count (official twitter-text), the 280 rule
// and the cost agents see before scheduling.
import { describe, expect, it } from 'vitest';
import type { Campaign } from '#core/campaigns/campaign';
import { assertXPostFits, checkXPost, composeXText, estimateXCost } from '#core/campaigns/x-post';
import { DomainError } from '#core/shared/errors';

const LINK = 'https://dialoguecitoyen.metropole.nantes.fr/projets/ile-de-nantes-le-parc-des-chantiers-2026';

const campaign = (
  message: Partial<Campaign['message']> = {},
  extra: Partial<Pick<Campaign, 'xText' | 'channels' | 'questionnaireId'>> = {},
): Pick<Campaign, 'message' | 'xText' | 'channels' | 'questionnaireId'> => ({
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

describe('composeXText builds the post for X', () => {
  it('lays out title, text and link as three paragraphs when they fit', () => {
    expect(composeXText(campaign())).toBe(`Parc des Chantiers\n\nDonnez votre avis jusqu’au 15 décembre.\n\n${LINK}`);
  });

  it('posts xText as it is when given', () => {
    expect(composeXText(campaign({}, { xText: 'Parc des Chantiers : à vous ! nantes.fr/parc' }))).toBe(
      'Parc des Chantiers : à vous ! nantes.fr/parc',
    );
  });

  it('turns French narrow no-break spaces (weight 2) into no-break spaces (weight 1)', () => {
    expect(checkXPost('\u202F').weightedLength).toBe(2);
    const post = composeXText(campaign({ text: 'À vous\u202F! Avis\u202F: oui' }));
    expect(post).toContain('À vous\u00A0! Avis\u00A0: oui');
    expect(post).not.toContain('\u202F');
  });

  it('leaves out a text too long for X: title and link, within 280', () => {
    const post = composeXText(campaign({ text: 'Un long texte pour Telegram. '.repeat(40) }));
    expect(post).toBe(`Parc des Chantiers\n\n${LINK}`);
  });

  it('never says what only Telegram shows: « répondez ici », the « Répondre » button', () => {
    for (const text of [
      'Plus que 2 jours : répondez ici, en deux touches.',
      'Touchez « 📝 Répondre au questionnaire » ci-dessous.',
      'Répondez ici 👇',
    ]) {
      const post = composeXText(campaign({ text }));
      expect(post).not.toMatch(/répondez ici|Répondre|ci-dessous/i);
      expect(post).toBe(`Parc des Chantiers\n\n${LINK}`);
    }
  });

  it('invites to give one’s opinion on the page when a questionnaire goes with the campaign', () => {
    const post = composeXText({ ...campaign({ text: 'Répondez ici au questionnaire.' }), questionnaireId: 'q1' });
    expect(post).toBe(`Parc des Chantiers\n\nDonnez votre avis : ${LINK}`);
  });

  it('cuts a title that cannot fit with « … », to exactly what fits', () => {
    const post = composeXText(campaign({ title: '😀'.repeat(200), text: 'court' }));
    expect(checkXPost(post).weightedLength).toBeLessThanOrEqual(280);
    expect(checkXPost(post).weightedLength).toBeGreaterThanOrEqual(279);
    expect(post).toMatch(/…\n\nhttps:/);
  });

  it('fits 280 whatever the title and text (default post)', () => {
    for (const title of ['T', 'é'.repeat(200), '🗳️'.repeat(200), '中'.repeat(200)])
      for (const text of ['court', 'x'.repeat(3500), '😀'.repeat(300)])
        expect(checkXPost(composeXText(campaign({ title, text }))).weightedLength).toBeLessThanOrEqual(280);
  });

  it('asks the poll’s question in place of the text', () => {
    expect(composeXText(campaign(), 'Faut-il garder les grues ?')).toBe(
      `Parc des Chantiers\n\nFaut-il garder les grues ?\n\n${LINK}`,
    );
  });
});

describe('assertXPostFits', () => {
  it('accepts an xText of exactly 280 weighted characters', () => {
    expect(() => assertXPostFits(campaign({}, { xText: 'é'.repeat(280) }))).not.toThrow();
  });

  it('refuses an xText of 281, with the count and the way out', () => {
    const error = refusal(() => assertXPostFits(campaign({}, { xText: 'é'.repeat(281) })));
    expect(error.code).toBe('Invalid');
    expect(error.violations).toEqual([
      {
        field: 'xText',
        rule: 'x_post_max_280',
        message:
          'le texte pour X (xText) compte 281 caractères pondérés sur 280 (les liens comptent 23, les émojis 2) : ' +
          'raccourcissez-le, ou videz-le pour que le texte pour X soit composé du titre et du lien',
      },
    ]);
  });

  it('counts links 23 and emoji 2 in xText', () => {
    const error = refusal(() => assertXPostFits(campaign({}, { xText: `${'😀'.repeat(140)} ${LINK}` })));
    expect(error.message).toContain('304 caractères pondérés sur 280');
  });

  it('lets the default post be (built to fit), and ignores campaigns that do not go to X', () => {
    expect(() => assertXPostFits(campaign({ text: 'x'.repeat(3000) }))).not.toThrow();
    expect(() =>
      assertXPostFits({ ...campaign({}, { xText: 'é'.repeat(400) }), channels: ['telegram'] }),
    ).not.toThrow();
  });

  it('refuses characters X refuses, such as a pasted byte-order mark', () => {
    const error = refusal(() => assertXPostFits(campaign({}, { xText: 'Avis\uFEFF ouvert' })));
    expect(error.violations[0]).toMatchObject({ field: 'xText', rule: 'x_post_invalid_characters' });
  });
});

describe('estimateXCost', () => {
  it('prices a post without a link at $0.015', () => {
    expect(estimateXCost('Réunion publique ce soir à 18 h, salle Paul-Fort.')).toEqual({ usd: 0.015, hasUrl: false });
  });

  it('prices a post with a link at $0.20, as X detects links', () => {
    expect(estimateXCost(composeXText(campaign()))).toEqual({ usd: 0.2, hasUrl: true });
    expect(estimateXCost('Tout est sur nantes.fr')).toEqual({ usd: 0.2, hasUrl: true });
  });
});
