// A campaign as Telegram shows it, rendered by the Telegram adapter: in the recipient's language,
// escaped once, links normalised, within Telegram's limits (text 4,096, caption 1,024, counted
// after entity parsing). The simulator's HTML parser reads each rendering as Telegram would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCampaignMessage, renderCampaignMessage } from '#adapters/telegram/campaign-message';
import { renderQuestion } from '#adapters/telegram/question-message';
import { visibleLength } from '#adapters/telegram/messages/format';
import { parseHtml } from '#local/telegram-simulator/formatting/html';
import { questionnaire } from '../dynamodb/fixtures';

const message = { title: 'Plan vélo', text: 'Donnez votre avis <vite> & "bien".', link: 'https://example.org/velo' };
const q = questionnaire();

describe('renderCampaignMessage', () => {
  it('is the campaign alone without a questionnaire, with the link labelled in the recipient’s language', () => {
    const fr = renderCampaignMessage({ message }, 'fr');
    expect(fr).toEqual({
      html: '<b>Plan vélo</b>\n\nDonnez votre avis &lt;vite&gt; &amp; &quot;bien&quot;.\n\n<a href="https://example.org/velo">En savoir plus</a>',
      length: parseHtml(fr.html).text.length,
      limit: 4096,
    });
    expect(parseHtml(renderCampaignMessage({ message }, 'en').html).text).toBe(
      'Plan vélo\n\nDonnez votre avis <vite> & "bien".\n\nLearn more',
    );
  });

  it('appends the first question in the same language and carries its buttons', () => {
    for (const language of ['fr', 'en'] as const) {
      const question = renderQuestion(q, 0, { language });
      const rendered = renderCampaignMessage({ message }, language, q);
      expect(rendered.html.endsWith(`</a>\n\n${question.text}`)).toBe(true);
      expect(rendered.replyMarkup).toEqual(question.reply_markup);
    }
  });

  it('sends an image as a photo when the text fits a caption, else as the link preview above the text', () => {
    const withImage = { ...message, imageUrl: 'https://example.org/velo.jpg' };
    expect(renderCampaignMessage({ message: withImage }, 'fr', q)).toMatchObject({
      photoUrl: 'https://example.org/velo.jpg',
      limit: 1024,
    });
    const long = renderCampaignMessage({ message: { ...withImage, text: 'x'.repeat(1000) } }, 'fr', q);
    expect(long.photoUrl).toBeUndefined();
    expect(long).toMatchObject({ previewUrl: 'https://example.org/velo.jpg', limit: 4096 });
  });

  it('shortens the question, never the campaign, to stay within 4,096 characters', () => {
    const full = { ...message, text: 'y'.repeat(3500) };
    const rendered = renderCampaignMessage({ message: full }, 'fr', questionnaire({ intro: 'z'.repeat(1000) }));
    expect(parseHtml(rendered.html).text).toHaveLength(4096);
    expect(rendered.length).toBe(4096);
    expect(rendered.html).toContain('y'.repeat(3500));
    expect(rendered.html.endsWith('…')).toBe(true);
    expect(rendered.replyMarkup).toBeDefined();
  });

  it('keeps a link whole whatever it holds: quotes, <, &, spaces and non-ASCII are encoded, the HTML parses', () => {
    const link = 'https://exemple-é.fr/avis/"vélo" <rapide>?q=a&b=c d#été';
    const html = renderCampaignMessage({ message: { ...message, link } }, 'fr').html;
    const parsed = parseHtml(html);
    const url = new URL(link).href;
    expect(url).toBe('https://xn--exemple--i1a.fr/avis/%22v%C3%A9lo%22%20%3Crapide%3E?q=a&b=c%20d#%C3%A9t%C3%A9');
    expect(parsed.entities).toContainEqual({
      type: 'text_link',
      offset: parsed.text.indexOf('En savoir plus'),
      length: 14,
      url,
    });
  });

  it('renders any text and link into HTML Telegram parses, counted as Telegram counts', () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(text, text, fc.string({ maxLength: 40 }), fc.constantFrom('fr', 'en'), (title, body, path, lang) => {
        const rendered = renderCampaignMessage(
          { message: { title, text: body, link: `https://exemple.fr/${path}` } },
          lang,
        );
        const parsed = parseHtml(rendered.html);
        expect(parsed.text.startsWith(`${title}\n\n${body}\n\n`)).toBe(true);
        expect(rendered.length).toBe(parsed.text.length);
        expect(visibleLength(rendered.html)).toBe(parsed.text.length);
      }),
    );
  });
});

describe('checkCampaignMessage', () => {
  // « En savoir plus » is 4 characters longer than “Learn more”: French is the longest rendering.
  const sized = (visible: number) => ({
    ...message,
    title: 'T',
    text: 'x'.repeat(visible - 'T\n\n\n\nEn savoir plus'.length),
  });

  it('accepts 4,096 characters as the longest language counts them, and names the language past it', () => {
    expect(checkCampaignMessage(sized(4096))).toBeUndefined();
    expect(checkCampaignMessage(sized(4097))).toEqual({
      rule: 'telegram_text_max_4096',
      language: 'fr',
      length: 4097,
      limit: 4096,
    });
  });

  it('holds a message with an image to a caption’s 1,024 characters', () => {
    const withImage = { ...sized(1025), imageUrl: 'https://example.org/i.png' };
    expect(checkCampaignMessage(withImage)).toMatchObject({ rule: 'telegram_caption_max_1024', length: 1025 });
    expect(checkCampaignMessage({ ...sized(1024), imageUrl: 'https://example.org/i.png' })).toBeUndefined();
  });

  it('counts entities as one character, as Telegram does after parsing', () => {
    expect(
      checkCampaignMessage({ ...sized(4096), text: '&'.repeat(4096 - 'T\n\n\n\nEn savoir plus'.length) }),
    ).toBeUndefined();
  });
});
