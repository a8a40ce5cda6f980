// « Voici ce que vous avez dit », end to end over HTTP: citizens answer a questionnaire through the
// Telegram simulator (one writes a text), an agent approves that text, then publishes the results;
// the delivery runs. The respondents, and nobody else, receive the restitution exactly once, even
// when the agent publishes again and the démarche's synthesis step arrives later.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '#config';
import { fixedClock } from '#adapters/system/clock';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';

const ADMIN = 'pv_e2e-restitution-admin-token-0123';
const T0 = '2026-11-20T09:00:00.000Z';
const clock = fixedClock(T0);
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const RESTITUTION = 'Voici ce que vous avez dit';

let runtime: LocalRuntime;
let dataDir: string;
let editor = '';

interface ChatMessage {
  message_id: number;
  from: 'bot' | 'user';
  text?: string;
  source?: string;
  reply_markup?: { inline_keyboard: { text: string }[][] };
}

async function http(method: string, path: string, body?: unknown, token: string | null = editor) {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: /^[[{]/.test(text) ? JSON.parse(text) : undefined, text };
}

const citizen = {
  says: (chat: number, text: string) =>
    http('POST', `/simulator/chats/${chat}/messages`, { text, from: { first_name: `C${chat}` } }, null),
  presses: (chat: number, message_id: number, text: string) =>
    http('POST', `/simulator/chats/${chat}/press`, { message_id, text }, null),
  chat: async (chat: number): Promise<ChatMessage[]> =>
    (await http('GET', `/simulator/chats/${chat}/messages`, undefined, null)).json,
  lastFromBot: async (chat: number) => (await citizen.chat(chat)).filter((m) => m.from === 'bot').at(-1)!,
  received: async (chat: number, needle: string) =>
    (await citizen.chat(chat)).filter((m) => m.from === 'bot' && m.text?.includes(needle)),
};

/** Runs the delivery tick and waits for its sends: the runtime's own tickers also run meanwhile. */
async function deliver() {
  await runtime.delivery.tick();
  await runtime.delivery.idle();
}

/** The agent finds the written answer in the moderation queue and approves it, through the API. */
async function approveText(questionnaireId: string, questionId: string, text: string) {
  const queue = await http('GET', `/api/v1/questionnaires/${questionnaireId}/moderation?status=pending`);
  expect(queue.status).toBe(200);
  const entry = queue.json.items.find(
    (item: { questionId: string; original?: string }) => item.questionId === questionId && item.original === text,
  );
  expect(entry).toBeDefined();
  const decided = await http(
    'PUT',
    `/api/v1/questionnaires/${questionnaireId}/moderation/${questionId}/${entry.textHash}`,
    {
      status: 'approved',
    },
  );
  expect(decided.status).toBe(200);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-restitution-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'SILENT' });
  runtime = await startLocalRuntime(config, { inMemory: true, demoData: false, dispatchEveryMs: 200, clock });
  editor = (await http('POST', '/api/v1/agents', { name: 'Camille', role: 'editor' }, ADMIN)).json.token;
});
afterAll(async () => {
  await runtime?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('« Voici ce que vous avez dit », end to end', () => {
  const slug = 'parc-chantiers';
  let questionnaireId = '';
  const respondents = [201, 202, 203];
  const follower = 204;
  const idea = 'Des arbres le long du quai';

  it('citizens answer a questionnaire sent by a campaign; one writes a text', async () => {
    const demarche = await http('POST', '/api/v1/demarches', {
      slug,
      title: 'Parc des Chantiers',
      summary: 'Imaginer le parc ensemble.',
      link: 'https://dialoguecitoyen.metropole.nantes.fr/project/parc-chantiers',
      themes: ['environnement'],
      territories: ['nantes'],
      steps: [
        { id: 'consult', kind: 'consultation', title: 'Consultation', start: at(-60), end: at(60 * 24) },
        { id: 'synthese', kind: 'synthesis', title: 'Synthèse', start: at(60 * 24 * 3) },
      ],
    });
    expect(demarche.status).toBe(201);
    const questionnaire = await http('POST', '/api/v1/questionnaires', {
      title: 'Le parc des Chantiers',
      demarcheSlug: slug,
      opensAt: at(-1),
      closesAt: at(60),
      resultsPolicy: 'public_after_close',
      nextSteps: 'La synthèse sera présentée en conseil de quartier le 15 décembre.',
      questions: [
        {
          kind: 'single_choice',
          id: 'envie',
          prompt: 'Ce qui manque le plus ?',
          options: [
            { id: 'ombre', label: 'De l’ombre' },
            { id: 'bancs', label: 'Des bancs' },
          ],
        },
        { kind: 'short_text', id: 'idee', prompt: 'Une idée ?', maxLength: 100 },
      ],
    });
    expect(questionnaire.status).toBe(201);
    questionnaireId = questionnaire.json.id;

    for (const chat of [...respondents, follower]) {
      await citizen.says(chat, '/start');
      await citizen.presses(chat, (await citizen.lastFromBot(chat)).message_id, 'J’accepte');
    }
    const campaign = await http('POST', '/api/v1/campaigns', {
      message: { title: 'Votre avis sur le parc', text: 'Deux questions.', link: 'https://example.org/parc' },
      channels: ['telegram'],
      questionnaireId,
      sendAt: at(1),
    });
    await http('POST', `/api/v1/campaigns/${campaign.json.id}/schedule`);
    clock.set(at(2));
    await deliver();

    for (const [i, chat] of respondents.entries()) {
      const [message] = await citizen.received(chat, 'Votre avis sur le parc');
      expect(message).toBeDefined();
      await citizen.presses(chat, message!.message_id, 'Répondre (2 questions, 1 min)');
      const first = await citizen.lastFromBot(chat);
      await citizen.presses(chat, first.message_id, i === 1 ? 'Des bancs' : 'De l’ombre');
      await citizen.says(chat, i === 0 ? idea : `Réponse ${chat}`);
      expect((await citizen.lastFromBot(chat)).text).toContain('Merci !');
    }
    const results = (await http('GET', `/api/v1/questionnaires/${questionnaireId}/results`)).json;
    expect(results).toMatchObject({ respondents: 3, complete: 3 });
  });

  it('an agent approves the text, then publishes once the results are public', async () => {
    await approveText(questionnaireId, 'idee', idea);
    const early = await http('POST', `/api/v1/questionnaires/${questionnaireId}/publish`);
    expect(early.status).toBe(409);
    expect(early.json.error.message).toContain('pas encore publics');

    clock.set(at(61)); // closed: public after close
    const published = await http('POST', `/api/v1/questionnaires/${questionnaireId}/publish`);
    expect(published.status).toBe(200);
    expect(published.json.restitution).toMatchObject({ status: 'scheduled', channels: ['telegram'] });
    expect(published.json.xDraft).toMatchObject({ status: 'draft', channels: ['x'] });
    expect(published.json.feedItem.link).toBe(`${runtime.url}/resultats/${questionnaireId}`);

    const again = await http('POST', `/api/v1/questionnaires/${questionnaireId}/publish`);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('déjà été publiés le');

    const feed = await http('GET', `/feeds/demarches/${slug}/rss.xml`, undefined, null);
    expect(feed.text).toContain('Résultats : Le parc des Chantiers');
    expect(feed.text).not.toContain(idea);
  });

  it('the respondents, and nobody else, receive it once, even when the synthesis step arrives later', async () => {
    clock.set(at(61 + 6)); // past the few minutes left to unschedule it
    await deliver();
    await vi.waitFor(
      async () => {
        for (const chat of respondents) expect(await citizen.received(chat, RESTITUTION)).toHaveLength(1);
      },
      { timeout: 20_000, interval: 100 },
    );

    clock.set(at(60 * 24 * 3 + 1)); // the démarche's synthesis has started
    await deliver();
    await deliver();
    for (const chat of respondents) {
      const [message] = await citizen.received(chat, RESTITUTION);
      expect(await citizen.received(chat, RESTITUTION)).toHaveLength(1);
      expect(message!.text).toContain('3 personnes ont répondu.');
      expect(message!.text).toContain('Ce qui manque le plus ? — De l’ombre : 67\u00a0%');
      expect(message!.text).toContain('Et après ?');
      expect(message!.text).not.toContain(idea);
      expect(message!.source).toContain(`${runtime.url}/resultats/${questionnaireId}`);
    }
    expect(await citizen.received(follower, RESTITUTION)).toEqual([]);
    const campaigns = (await http('GET', '/api/v1/campaigns?limit=100')).json.items as { audience: { kind: string } }[];
    expect(campaigns.filter((c) => c.audience.kind === 'respondents')).toHaveLength(1);
  });
});
