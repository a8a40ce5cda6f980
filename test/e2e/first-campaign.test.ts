// The first campaign, end to end, over HTTP only: an agent writes a démarche, a questionnaire and
// a campaign through the admin API; three citizens subscribe through the Telegram simulator and
// one blocks the bot; the campaign fires; the two others receive it once and answer every kind
// of question; results, the CSV, the X outbox and the feeds all show it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '#config';
import { fixedClock } from '#adapters/system/clock';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';

const ADMIN = 'pv_e2e-admin-token-0123456789';
let runtime: LocalRuntime;
let dataDir: string;
let base: string;

interface Button {
  text: string;
  callback_data?: string;
}
interface ChatMessage {
  message_id: number;
  from: 'bot' | 'user';
  text?: string;
  reply_markup?: { inline_keyboard: Button[][] };
  toasts: { text?: string }[];
}

async function http(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN,
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

const citizen = {
  says: (chat: number, text: string) =>
    http(
      'POST',
      `/simulator/chats/${chat}/messages`,
      { text, from: { first_name: `Citoyen ${chat}`, language_code: 'fr' } },
      null,
    ),
  presses: (chat: number, message_id: number, text: string) =>
    http('POST', `/simulator/chats/${chat}/press`, { message_id, text }, null),
  forges: (chat: number, message_id: number, callback_data: string) =>
    http('POST', `/simulator/chats/${chat}/press`, { message_id, callback_data, force: true }, null),
  blocks: (chat: number) => http('POST', `/simulator/chats/${chat}/block`, undefined, null),
  chat: async (chat: number): Promise<ChatMessage[]> =>
    (await http('GET', `/simulator/chats/${chat}/messages`, undefined, null)).json,
  lastFromBot: async (chat: number) => (await citizen.chat(chat)).filter((m) => m.from === 'bot').at(-1)!,
};

/** Polls `probe` until it answers (the runtime works on its own ticker), with a generous deadline. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> =>
  vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`still waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 100 },
  );

// The runtime's clock moves only when the test moves it: a send time a few seconds ahead never
// turns into the past because the machine was slow between two requests.
const clock = fixedClock('2026-03-02T08:00:00.000Z');
const inMinutes = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000).toISOString();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-e2e-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'SILENT' });
  runtime = await startLocalRuntime(config, { inMemory: true, demoData: false, dispatchEveryMs: 200, clock });
  base = runtime.url;
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('first campaign, end to end over HTTP', () => {
  const slug = 'plan-velo-reze';
  const title = 'Plan vélo : votre avis en 5 questions';
  let editor = '';
  let questionnaireId = '';
  let campaignId = '';

  it('an agent writes a démarche, a questionnaire and a campaign, and schedules it', async () => {
    editor = (await http('POST', '/api/v1/agents', { name: 'Camille', role: 'editor' })).json.token;
    expect(editor).toMatch(/^pv_/);
    const demarche = await http(
      'POST',
      '/api/v1/demarches',
      {
        slug,
        title: 'Plan vélo de Rezé',
        summary: 'Rezé prépare son plan vélo.',
        link: 'https://dialoguecitoyen.metropole.nantes.fr/project/plan-velo-reze',
        themes: ['mobilites'],
        territories: ['reze'],
        steps: [
          {
            id: 'carte',
            kind: 'consultation',
            title: 'Carte participative',
            start: inMinutes(-60),
            end: inMinutes(60 * 24 * 20),
          },
        ],
      },
      editor,
    );
    expect(demarche.status).toBe(201);
    const questionnaire = await http(
      'POST',
      '/api/v1/questionnaires',
      {
        title: 'Le vélo à Rezé',
        demarcheSlug: slug,
        opensAt: inMinutes(-1),
        closesAt: inMinutes(60 * 24),
        resultsPolicy: 'public_after_close',
        nextSteps: 'Vos réponses seront présentées à l’atelier du 12 décembre.',
        questions: [
          {
            kind: 'single_choice',
            id: 'frein',
            prompt: 'Qu’est-ce qui vous freine le plus ?',
            options: [
              { id: 'securite', label: 'L’insécurité' },
              { id: 'meteo', label: 'La météo' },
            ],
          },
          {
            kind: 'multiple_choice',
            id: 'besoins',
            prompt: 'Que faudrait-il ?',
            min: 1,
            max: 2,
            options: [
              { id: 'pistes', label: 'Des pistes' },
              { id: 'arceaux', label: 'Des arceaux' },
              { id: 'ateliers', label: 'Des ateliers' },
            ],
          },
          {
            kind: 'scale',
            id: 'note',
            prompt: 'Votre note du réseau actuel ?',
            min: 1,
            max: 5,
            minLabel: 'mauvais',
            maxLabel: 'excellent',
          },
          { kind: 'yes_no', id: 'hebdo', prompt: 'À vélo chaque semaine ?' },
          { kind: 'short_text', id: 'idee', prompt: 'Une idée ?', maxLength: 80 },
        ],
      },
      editor,
    );
    expect(questionnaire.status).toBe(201);
    questionnaireId = questionnaire.json.id;
    const campaign = await http(
      'POST',
      '/api/v1/campaigns',
      {
        message: {
          title,
          text: 'La carte participative est ouverte : dites-nous ce qui manque.',
          link: 'https://dialoguecitoyen.metropole.nantes.fr/project/plan-velo-reze',
        },
        channels: ['telegram', 'x', 'feeds'],
        audience: { kind: 'everyone' },
        questionnaireId,
        demarcheSlug: slug,
        sendAt: inMinutes(60),
      },
      editor,
    );
    expect(campaign.status).toBe(201);
    campaignId = campaign.json.id;
  });

  it('three citizens subscribe through the simulator, and one blocks the bot', async () => {
    for (const chat of [101, 102, 103]) {
      expect((await citizen.says(chat, '/start')).json.delivery.status).toBe(200);
      const consent = await citizen.lastFromBot(chat);
      expect(consent.text).toMatch(/Ce que nous gardons/);
      expect((await citizen.presses(chat, consent.message_id, 'J’accepte')).status).toBe(200);
    }
    await citizen.blocks(103);
    const stats = await http('GET', '/api/v1/subscribers/stats');
    expect(stats.json).toMatchObject({ active: 2, blocked: 1 });
    const preview = await http('GET', `/api/v1/campaigns/${campaignId}/preview`, undefined, editor);
    expect(preview.json.telegram.recipients).toBe(2);
    expect(preview.json.x).toMatchObject({ limit: 280, costUsd: 0.2 });
  });

  it('the campaign fires at its time and is sent once to each of the two', async () => {
    // Brought forward to a minute from now (the agent’s PATCH), scheduled, then the minute passes.
    const patched = await http('PATCH', `/api/v1/campaigns/${campaignId}`, { sendAt: inMinutes(1) }, editor);
    expect(patched.status).toBe(200);
    expect((await http('POST', `/api/v1/campaigns/${campaignId}/schedule`, undefined, editor)).json.status).toBe(
      'scheduled',
    );
    clock.advance(61_000);
    const sent = await waitFor('the campaign to be sent', async () => {
      const c = (await http('GET', `/api/v1/campaigns/${campaignId}`)).json;
      return c.status === 'sent' ? c : undefined;
    });
    expect(sent.recipientCount).toBe(2);
    // Per channel: two Telegram messages, the X post in the outbox (no X credentials here), one feed item.
    expect(sent.counts).toEqual({
      telegram: { sent: 2, failed: 0, blocked: 0, uncertain: 0 },
      x: { posted: 0, queued: 1, failed: 0 },
      feeds: { published: 1, failed: 0 },
    });
    for (const chat of [101, 102]) {
      const received = (await citizen.chat(chat)).filter((m) => m.from === 'bot' && m.text?.includes(title));
      expect(received).toHaveLength(1);
      // A short announcement; the questionnaire opens on its own message from its button.
      expect(received[0]!.text).not.toMatch(/Question 1 sur 5/);
      expect(received[0]!.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
        'Répondre (5 questions, 2 min)',
      ]);
    }
    expect((await citizen.chat(103)).some((m) => m.text?.includes(title))).toBe(false);
  });

  async function answerAll(
    chat: number,
    choices: { frein: string; besoins: string[]; note: string; hebdo: string; idee: string },
  ) {
    const campaignMessage = (await citizen.chat(chat)).find((m) => m.text?.includes(title))!;
    await citizen.presses(chat, campaignMessage.message_id, 'Répondre (5 questions, 2 min)');
    let question = await citizen.lastFromBot(chat);
    expect(question.text).toMatch(/Question 1 sur 5/);
    await citizen.presses(chat, question.message_id, choices.frein);
    question = await citizen.lastFromBot(chat);
    expect(question.text).toMatch(/Question 2 sur 5/);
    for (const label of choices.besoins) {
      await citizen.presses(chat, question.message_id, `☐ ${label}`);
      question = (await citizen.chat(chat)).find((m) => m.message_id === question.message_id)!;
    }
    await citizen.presses(chat, question.message_id, `Valider (${choices.besoins.length})`);
    question = await citizen.lastFromBot(chat);
    expect(question.text).toMatch(/Question 3 sur 5/);
    await citizen.presses(chat, question.message_id, choices.note);
    question = await citizen.lastFromBot(chat);
    expect(question.text).toMatch(/Question 4 sur 5/);
    await citizen.presses(chat, question.message_id, choices.hebdo);
    question = await citizen.lastFromBot(chat);
    expect(question.text).toMatch(/Question 5 sur 5/);
    await citizen.says(chat, choices.idee);
    const thanks = (await citizen.chat(chat))
      .filter((m) => m.from === 'bot')
      .map((m) => m.text ?? '')
      .join('\n');
    expect(thanks).toMatch(/Merci ! Vos réponses au questionnaire « Le vélo à Rezé »/);
    expect(thanks).toMatch(/atelier du 12 décembre/);
  }

  it('the two answer every kind of question, and one changes an answer', async () => {
    await answerAll(101, {
      frein: 'L’insécurité',
      besoins: ['Des pistes', 'Des arceaux'],
      note: '2',
      hebdo: 'Oui',
      idee: 'Une piste le long de la Sèvre',
    });
    await answerAll(102, {
      frein: 'La météo',
      besoins: ['Des ateliers'],
      note: '4',
      hebdo: 'Non',
      idee: 'Plus d’arceaux à la gare',
    });
    const first = (await citizen.chat(102)).find((m) => m.text?.includes('Question 1 sur 5'))!;
    expect((await citizen.presses(102, first.message_id, '✅ La météo')).status).toBe(200);
    expect((await citizen.presses(102, first.message_id, 'L’insécurité')).status).toBe(200);
  });

  it('a forged button press gets a clear reply and stores nothing', async () => {
    const before = (await http('GET', `/api/v1/questionnaires/${questionnaireId}/results`)).json;
    const message = (await citizen.chat(101)).find((m) => m.text?.includes(title))!;
    await citizen.forges(101, message.message_id, 'forged:data');
    const after = (await http('GET', `/api/v1/questionnaires/${questionnaireId}/results`)).json;
    expect(after).toEqual(before);
    const toast = (await citizen.chat(101)).find((m) => m.message_id === message.message_id)!.toasts.at(-1);
    expect(toast?.text).toBeTruthy();
  });

  it('results, the CSV, the X outbox and the feeds all show it; the blocked one is marked blocked', async () => {
    const results = (await http('GET', `/api/v1/questionnaires/${questionnaireId}/results`)).json;
    expect(results).toMatchObject({ respondents: 2, complete: 2 });
    expect(results.questions[0].options).toEqual([
      expect.objectContaining({ id: 'securite', count: 2 }),
      expect.objectContaining({ id: 'meteo', count: 0 }),
    ]);
    expect(results.questions[1].options.map((o: { count: number }) => o.count)).toEqual([1, 1, 1]);
    expect(results.questions[2]).toMatchObject({ mean: 3 });
    expect(results.questions[3]).toMatchObject({ yes: 1, no: 1 });

    const csv = await http('GET', `/api/v1/questionnaires/${questionnaireId}/responses.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows).toHaveLength(3);
    const pseudonyms = rows.slice(1).map((r) => r.split(';')[0]);
    for (const p of pseudonyms) expect(p).not.toMatch(/^(101|102|103)$/);
    expect(csv.text).toContain('Une piste le long de la Sèvre');

    const outbox = (await http('GET', '/api/v1/x/outbox')).json.items;
    expect(outbox).toEqual([expect.objectContaining({ campaignId, status: 'queued' })]);
    expect(outbox[0].text).toContain(title);

    expect((await http('GET', '/feeds/rss.xml', undefined, null)).text).toContain(title);
    const demarcheFeed = (await http('GET', `/feeds/demarches/${slug}/feed.json`, undefined, null)).json;
    expect(demarcheFeed.items.map((i: { title: string }) => i.title)).toContain(title);

    expect((await http('GET', '/api/v1/subscribers/stats')).json).toMatchObject({ active: 2, blocked: 1 });
    const campaign = (await http('GET', `/api/v1/campaigns/${campaignId}`)).json;
    expect(campaign).toMatchObject({ status: 'sent', counts: { telegram: { sent: 2, failed: 0 }, x: { queued: 1 } } });
  });
});
