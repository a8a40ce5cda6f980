// A campaign as Telegram shows it, rendered by the Telegram adapter: short (title, two lines, link)
// in the recipient's language, escaped once, links normalised, a « Répondre (N questions, M min) »
// button when it asks a questionnaire, and the whole text one press away when it was cut. The
// simulator's HTML parser reads each rendering as Telegram would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SHORT_TEXT_MAX,
  answerEstimate,
  checkCampaignMessage,
  decodeFullTextCallback,
  renderCampaignMessage,
  renderFullCampaign,
  shortText,
} from '#adapters/telegram/campaign-message';
import { decodeCallback } from '#adapters/telegram/question-message';
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

  it('offers « Répondre (N questions, M min) » that opens the questionnaire, in the recipient’s language', () => {
    const fr = renderCampaignMessage({ message }, 'fr', q);
    const en = renderCampaignMessage({ message }, 'en', q);
    // The question is not in the announcement any more: it comes on its own message.
    expect(parseHtml(fr.html).text).toBe('Plan vélo\n\nDonnez votre avis <vite> & "bien".\n\nEn savoir plus');
    expect(fr.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Répondre (2 questions, 1 min)']);
    expect(en.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Answer (2 questions, 1 min)']);
    const data = fr.replyMarkup!.inline_keyboard[0]![0]!.callback_data;
    expect(decodeCallback(data)).toEqual({ kind: 'open', questionnaireId: 'q1' });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(48);
  });

  it('counts questions as a range under skip logic, one question in the singular, and minutes from the longest path', () => {
    const choice = q.questions[0]!;
    const ranged = questionnaire({
      questions: [
        choice,
        { kind: 'yes_no', id: 'y', prompt: 'Oui ?' },
        {
          kind: 'short_text',
          id: 'why',
          prompt: 'Pourquoi ?',
          maxLength: 280,
          showIf: { questionId: 'freq', anyOf: ['a'] },
        },
        {
          kind: 'short_text',
          id: 'how',
          prompt: 'Comment ?',
          maxLength: 280,
          showIf: { questionId: 'y', anyOf: ['yes'] },
        },
      ],
    });
    expect(answerEstimate(ranged)).toEqual({ min: 2, max: 4, minutes: 2 });
    expect(renderCampaignMessage({ message }, 'fr', ranged).replyMarkup?.inline_keyboard[0]![0]!.text).toBe(
      'Répondre (2 à 4 questions, 2 min)',
    );
    expect(renderCampaignMessage({ message }, 'en', ranged).replyMarkup?.inline_keyboard[0]![0]!.text).toBe(
      'Answer (2 to 4 questions, 2 min)',
    );
    const one = questionnaire({ questions: [choice] });
    expect(renderCampaignMessage({ message }, 'fr', one).replyMarkup?.inline_keyboard[0]![0]!.text).toBe(
      'Répondre (1 question, 1 min)',
    );
  });

  it('sends an image as a photo: the short message always fits a caption', () => {
    const withImage = { ...message, imageUrl: 'https://example.org/velo.jpg' };
    expect(renderCampaignMessage({ message: withImage }, 'fr', q)).toMatchObject({
      photoUrl: 'https://example.org/velo.jpg',
      limit: 1024,
    });
    const long = renderCampaignMessage(
      { message: { ...withImage, title: 't'.repeat(200), text: 'x'.repeat(3800) } },
      'fr',
      q,
    );
    expect(long).toMatchObject({ photoUrl: 'https://example.org/velo.jpg', limit: 1024 });
    expect(long.length).toBeLessThanOrEqual(1024);
  });

  it('cuts a long text after its last whole sentence within 280 characters, and offers the whole message', () => {
    const sentence = 'Le plan vélo entre dans sa deuxième phase de concertation publique. ';
    const text = sentence.repeat(8).trim();
    const rendered = renderCampaignMessage({ id: 'camp-1', message: { ...message, text } }, 'fr', q);
    const shown = parseHtml(rendered.html).text;
    expect(shown).toBe(`Plan vélo\n\n${sentence.repeat(4).trim()} …\n\nLire la suite`);
    expect(rendered.shortened).toBe(true);
    const buttons = rendered.replyMarkup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['Répondre (2 questions, 1 min)', '📄 Lire le message entier']);
    expect(decodeFullTextCallback(buttons[1]!.callback_data)).toBe('camp-1');
    expect(parseHtml(renderCampaignMessage({ id: 'camp-1', message: { ...message, text } }, 'en').html).text).toMatch(
      /Read more$/,
    );
    // The whole text, escaped, is what the button sends.
    expect(parseHtml(renderFullCampaign({ ...message, text }, 'fr')).text).toBe(
      `Plan vélo\n\n${text}\n\nEn savoir plus`,
    );
  });

  it('keeps two lines of the agent’s text, cuts at a word when no sentence ends early enough', () => {
    expect(shortText('Ligne une.\n\nLigne deux.')).toEqual({ text: 'Ligne une.\nLigne deux.', cut: false });
    expect(shortText('Un.\nDeux.\nTrois.')).toEqual({ text: 'Un.\nDeux. …', cut: true });
    const words = shortText('mot '.repeat(100));
    expect(words.cut).toBe(true);
    expect(words.text.endsWith('mot …')).toBe(true);
    expect([...words.text].length).toBeLessThanOrEqual(SHORT_TEXT_MAX);
    const noSpace = shortText('🚲'.repeat(400));
    expect([...noSpace.text].length).toBeLessThanOrEqual(SHORT_TEXT_MAX);
    expect(noSpace.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half emoji
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
        expect(parsed.text.startsWith(`${title}\n\n${shortText(body).text}\n\n`)).toBe(true);
        expect(rendered.length).toBe(parsed.text.length);
        expect(visibleLength(rendered.html)).toBe(parsed.text.length);
      }),
    );
  });
});

describe('checkCampaignMessage', () => {
  // « En savoir plus » is 4 characters longer than “Learn more”: French is the longest rendering.
  // What is checked is the whole message, sent as a text when a citizen asks for it.
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

  it('holds a message with an image to the same 4,096: its caption is the short message', () => {
    const withImage = { ...sized(4096), imageUrl: 'https://example.org/i.png' };
    expect(checkCampaignMessage(withImage)).toBeUndefined();
    expect(checkCampaignMessage({ ...sized(4097), imageUrl: 'https://example.org/i.png' })).toMatchObject({
      rule: 'telegram_text_max_4096',
      length: 4097,
    });
  });

  it('counts entities as one character, as Telegram does after parsing', () => {
    expect(
      checkCampaignMessage({ ...sized(4096), text: '&'.repeat(4096 - 'T\n\n\n\nEn savoir plus'.length) }),
    ).toBeUndefined();
  });
});
