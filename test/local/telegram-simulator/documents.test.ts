// sendDocument as telegraf sends a Buffer (multipart/form-data, as the bot's /mesdonnees does): the
// document as Telegram answers it, its caption formatted, a small text file readable in the view,
// and Telegram's refusals (no document, an empty file, a caption too long, a blocked chat).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, telegramError, type Harness } from './support';

let h: Harness;
const CITIZEN = 4343;

beforeEach(async () => {
  h = await startSimulator({ rateLimits: false });
  h.sim.openChat(CITIZEN, { first_name: 'Anne', language_code: 'fr' });
});
afterEach(() => h.sim.stop());

describe('sendDocument', () => {
  it('takes an uploaded Buffer: a document with its name, type and size; the text kept for the view', async () => {
    const json = '{"bonjour": "le monde"}\n';
    const sent = await h.telegram.sendDocument(
      CITIZEN,
      { source: Buffer.from(json, 'utf8'), filename: 'mes-donnees-porte-voix.json' },
      { caption: '<b>Vos données</b> (JSON)', parse_mode: 'HTML' },
    );
    expect(sent).toMatchObject({
      chat: { id: CITIZEN },
      caption: 'Vos données (JSON)',
      caption_entities: [{ type: 'bold', offset: 0, length: 11 }],
      document: {
        file_id: expect.any(String),
        file_unique_id: expect.any(String),
        file_name: 'mes-donnees-porte-voix.json',
        mime_type: 'application/json',
        file_size: Buffer.byteLength(json),
      },
    });
    expect(h.sim.lastBotMessage(CITIZEN)).toMatchObject({
      text: 'Vos données (JSON)',
      document: { file_name: 'mes-donnees-porte-voix.json', file_size: Buffer.byteLength(json), text: json },
    });
    // The file_id it answered names the file again.
    const again = await h.telegram.sendDocument(CITIZEN, sent.document.file_id);
    expect(again.document.file_id).not.toBe(sent.document.file_id);
  });

  it('refuses what Telegram refuses, in its words', async () => {
    expect(await telegramError(h.telegram.sendDocument(CITIZEN, ''))).toMatchObject({
      description: 'Bad Request: there is no document in the request',
    });
    expect(
      await telegramError(h.telegram.sendDocument(CITIZEN, { source: Buffer.alloc(0), filename: 'vide.json' })),
    ).toMatchObject({ description: 'Bad Request: file must be non-empty' });
    expect(
      await telegramError(
        h.telegram.sendDocument(
          CITIZEN,
          { source: Buffer.from('{}'), filename: 'a.json' },
          { caption: 'x'.repeat(1025) },
        ),
      ),
    ).toMatchObject({ description: 'Bad Request: message caption is too long' });
    await h.sim.citizenBlocks(CITIZEN);
    expect(
      await telegramError(h.telegram.sendDocument(CITIZEN, { source: Buffer.from('{}'), filename: 'a.json' })),
    ).toMatchObject({ code: 403 });
  });
});
