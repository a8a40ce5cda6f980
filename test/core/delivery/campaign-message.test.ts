// One Telegram message per campaign: the campaign's text, then the first question and its buttons,
// within Telegram's limits (text 4,096, caption 1,024, counted after HTML parsing).
import { describe, expect, it } from 'vitest';
import { composeTelegramCampaign, plainText } from '#core/delivery/campaign-message';
import type { RenderedQuestion } from '#core/delivery/ports';

const message = { title: 'Plan vélo', text: 'Donnez votre avis <vite> & bien.', link: 'https://example.org/velo' };
const question: RenderedQuestion = {
  text: '<b>Vos trajets</b>\n<i>Question 1 sur 2</i>\n\nÀ quelle fréquence ?',
  parse_mode: 'HTML',
  reply_markup: { inline_keyboard: [[{ text: 'Souvent', callback_data: 'a:q1:freq:0' }]] },
};

describe('composeTelegramCampaign', () => {
  it('is the campaign’s HTML alone without a questionnaire', () => {
    expect(composeTelegramCampaign({ message })).toEqual({
      text: '<b>Plan vélo</b>\n\nDonnez votre avis &lt;vite&gt; &amp; bien.\n\n<a href="https://example.org/velo">En savoir plus</a>',
      parseMode: 'HTML',
    });
  });

  it('appends the first question and carries its buttons', () => {
    const composed = composeTelegramCampaign({ message }, question);
    expect(composed.text.endsWith(`En savoir plus</a>\n\n${question.text}`)).toBe(true);
    expect(composed.replyMarkup).toBe(question.reply_markup);
  });

  it('counts what Telegram shows: tags out, entities as one character', () => {
    expect(plainText('<b>a</b> &lt;b&gt; &amp; <a href="x">lien</a>')).toBe('a <b> & lien');
  });

  it('sends an image as a photo when the text fits a caption, else as the link preview above the text', () => {
    const withImage = { message: { ...message, imageUrl: 'https://example.org/velo.jpg' } };
    expect(composeTelegramCampaign(withImage, question)).toMatchObject({ photoUrl: 'https://example.org/velo.jpg' });
    const long = { message: { ...withImage.message, text: 'x'.repeat(1100) } };
    const composed = composeTelegramCampaign(long, question);
    expect(composed.photoUrl).toBeUndefined();
    expect(composed.previewUrl).toBe('https://example.org/velo.jpg');
  });

  it('shortens the question, never the campaign, to stay within 4,096 characters', () => {
    const full = { message: { ...message, text: 'y'.repeat(3500) } };
    const verbose: RenderedQuestion = { ...question, text: `<b>Intro</b>\n${'z'.repeat(1000)}` };
    const composed = composeTelegramCampaign(full, verbose);
    expect(plainText(composed.text)).toHaveLength(4096);
    expect(composed.text).toContain('y'.repeat(3500));
    expect(composed.text.endsWith('…')).toBe(true);
    expect(composed.replyMarkup).toBe(verbose.reply_markup);
  });
});
