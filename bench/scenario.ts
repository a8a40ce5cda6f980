// What the delivery benchmarks send: an audience of active subscribers seeded straight into the
// store (chat ids 1..N, pseudonyms as the bot computes them), and a campaign message carrying the
// first question of a two-question questionnaire, as the team sends them. Shared by fanout.ts and
// answers.ts. Nothing here imports the campaign use cases (they load twitter-text: see coreJsLoaded).
import { Logger } from '@aws-lambda-powertools/logger';
import { randomIds } from '#adapters/system/ids';
import { systemClock } from '#adapters/system/clock';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import type { CampaignDeps } from '#core/campaigns/use-cases';
import type { Actor, CoreContext } from '#core/context';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import type { Store } from '#core/store';
import { pseudonymFor } from '#core/subscribers/pseudonym';
import type { Subscriber } from '#core/subscribers/subscriber';
import { forEachConcurrently } from './stats';

/** The HMAC key of the bench's pseudonyms: the bot is built with the same one, so it finds them. */
export const BENCH_SUBSCRIBER_KEY = 'porte-voix-bench-subscriber-key';
export const BENCH_AGENT: Actor = { agentId: 'bench', name: 'Benchmark' };

// The SDK warns once per process that Node 20 support ends in 2027: true, but noise in the report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Log lines would drown the report and cost time the product does not spend on AWS (CloudWatch is asynchronous there). */
export const silentLogger = () => new Logger({ serviceName: 'porte-voix-bench', logLevel: 'SILENT' });

export const benchCore = (store: Store): CampaignDeps => ({
  store,
  clock: systemClock,
  ids: randomIds,
  telegramFormat: telegramCampaignFormat,
});

export interface SeededSubscriber {
  id: string;
  chatId: number;
}

/** Active subscribers with chat ids `first`..`first + count - 1`; one in five reads English (two renderings per campaign). */
export async function seedSubscribers(store: Store, count: number, first = 1): Promise<SeededSubscriber[]> {
  const at = new Date().toISOString();
  const seeded = Array.from({ length: count }, (_, i) => ({
    chatId: first + i,
    id: pseudonymFor(first + i, BENCH_SUBSCRIBER_KEY),
  }));
  await forEachConcurrently(seeded, 16, async ({ chatId, id }) => {
    const subscriber: Subscriber = {
      id,
      chatId,
      language: chatId % 5 === 0 ? 'en' : 'fr',
      frequency: 'instant',
      status: 'active',
      follows: { demarches: [], themes: ['mobilites'], territories: ['nantes'] },
      consentAt: at,
      createdAt: at,
      updatedAt: at,
    };
    await store.subscribers.put(subscriber);
  });
  return seeded;
}

/** The campaign's message, as an agent writes it. */
export const BENCH_MESSAGE = {
  title: 'Plan vélo : votre avis en 2 questions',
  text:
    'La carte participative du plan vélo de Rezé est ouverte jusqu’au 20 décembre : signalez les points noirs, ' +
    'proposez des itinéraires. Répondez aussi à deux questions ci-dessous, cela prend dix secondes.',
  link: 'https://dialoguecitoyen.metropole.nantes.fr/project/plan-velo-reze/presentation',
};

/**
 * An open questionnaire of two choice questions: answering the first sends the second. No
 * short-text question, which would add a subscriber write (remembering the awaited text): the common case.
 * `BENCH_QUESTIONS=1` keeps only the first, so every answer completes a response (the thank-you);
 * `BENCH_RESULTS_POLICY=public_live` then adds the results card (a tally recounted every 30 s).
 */
export function createBenchQuestionnaire(core: CoreContext): Promise<Questionnaire> {
  const now = Date.now();
  const questions = [
    {
      kind: 'single_choice',
      id: 'frein',
      prompt: 'Qu’est-ce qui vous freine le plus pour aller au travail à vélo ?',
      options: [
        { id: 'securite', label: 'L’insécurité' },
        { id: 'meteo', label: 'La météo' },
        { id: 'distance', label: 'La distance' },
        { id: 'stationnement', label: 'Le stationnement' },
      ],
    },
    { kind: 'yes_no', id: 'hebdo', prompt: 'Faites-vous du vélo chaque semaine ?' },
  ];
  return createQuestionnaire(core, BENCH_AGENT, {
    title: 'Le vélo à Rezé',
    intro: 'Deux questions, deux clics.',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    resultsPolicy: process.env.BENCH_RESULTS_POLICY ?? 'public_after_close',
    nextSteps: 'Vos réponses seront présentées à l’atelier du 12 décembre, puis publiées ici.',
    questions: questions.slice(0, Number(process.env.BENCH_QUESTIONS ?? questions.length)),
  });
}

/**
 * Whether core-js (a dependency of twitter-text, which the campaign and X code import) is loaded in
 * this process. Once it is, every `replace` with a RegExp runs several times slower process-wide
 * (measured: ~10×; most likely its feature tests switch off V8's RegExp fast path). The feeds and
 * webhook Lambdas never load it; the local runtime, the admin-api and send Lambdas do.
 */
export const coreJsLoaded = () => '__core-js_shared__' in globalThis;
