// A question of the campaign's questionnaire posted as an X poll: accepted when X would take it
// (single choice or yes/no, 2–4 options of ≤ 25 characters), refused at write with why otherwise;
// the publication decided at each write is what the send path will post. Real store (dynalite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import { createCampaign, scheduleCampaign, updateCampaign } from '#core/campaigns/use-cases';
import { xPostRequestOf } from '#core/campaigns/x-publisher';
import { DomainError } from '#core/shared/errors';
import type { HttpDeps } from '#handlers/http/deps';
import { questionnaire } from '../../adapters/dynamodb/fixtures';
import { startHttpDeps } from '../../support/http-deps';

const ACTOR = { agentId: 'ag1', name: 'Camille' };
const LINK = 'https://dialoguecitoyen.metropole.nantes.fr/parc-des-chantiers';

let deps: HttpDeps;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ deps, close } = await startHttpDeps('2026-11-25T10:00:00.000Z'));
  const open = { opensAt: '2026-11-20T08:00:00.000Z', closesAt: '2026-12-20T08:00:00.000Z' };
  const questions: Questionnaire['questions'] = [
    {
      kind: 'single_choice',
      id: 'grues',
      prompt: 'Que faire des grues ?',
      options: [
        { id: 'a', label: 'Les garder' },
        { id: 'b', label: 'Les démonter' },
        { id: 'c', label: 'En garder une 🏗️' },
      ],
    },
    { kind: 'yes_no', id: 'vient', prompt: 'Viendrez-vous à l’atelier ?' },
    { kind: 'scale', id: 'note', prompt: 'Votre note ?', min: 1, max: 5, minLabel: 'bof', maxLabel: 'top' },
    {
      kind: 'single_choice',
      id: 'long',
      prompt: 'Quel usage ?',
      options: [
        { id: 'a', label: 'Un jardin partagé pour tout le quartier' },
        { id: 'b', label: 'Des jeux' },
      ],
    },
    {
      kind: 'single_choice',
      id: 'cinq',
      prompt: 'Quel jour ?',
      options: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'].map((label, i) => ({ id: `d${i}`, label })),
    },
  ];
  await deps.store.questionnaires.create(questionnaire({ id: 'q1', questions, ...open }));
});
afterAll(() => close());

const input = (over: Record<string, unknown> = {}) => ({
  message: { title: 'Parc des Chantiers', text: 'Répondez ici, en deux touches.', link: LINK },
  channels: ['telegram', 'x'],
  sendAt: '2026-11-26T09:00:00.000Z',
  questionnaireId: 'q1',
  ...over,
});

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('X polls', () => {
  it('posts a single-choice question as a poll: its options, its duration, the question in the text', async () => {
    const campaign = await createCampaign(
      deps,
      ACTOR,
      input({ xPoll: { questionId: 'grues', durationMinutes: 1440 } }),
    );
    expect(campaign.xPublication).toEqual({
      text: `Parc des Chantiers\n\nQue faire des grues ?\n\n${LINK}`,
      poll: { options: ['Les garder', 'Les démonter', 'En garder une 🏗️'], durationMinutes: 1440 },
      costUsd: 0.2,
    });
    // What the send path hands the publisher: the decided publication, no twitter-text needed.
    expect(xPostRequestOf(campaign)).toEqual({ campaignId: campaign.id, ...campaign.xPublication });
  });

  it('posts a yes/no question with « Oui » and « Non »', async () => {
    const campaign = await createCampaign(deps, ACTOR, input({ xPoll: { questionId: 'vient', durationMinutes: 5 } }));
    expect(campaign.xPublication?.poll).toEqual({ options: ['Oui', 'Non'], durationMinutes: 5 });
  });

  it('refuses a question that is not single choice or yes/no, naming its kind', async () => {
    const error = await refusal(
      createCampaign(deps, ACTOR, input({ xPoll: { questionId: 'note', durationMinutes: 60 } })),
    );
    expect(error.code).toBe('Invalid');
    expect(error.violations).toEqual([
      {
        field: 'xPoll.questionId',
        rule: 'x_poll_single_choice',
        message:
          'la question « Votre note ? » est à échelle : un sondage X ne pose qu’une question à choix unique ou oui/non',
      },
    ]);
  });

  it('refuses an option over 25 characters, naming it and its count', async () => {
    const error = await refusal(
      createCampaign(deps, ACTOR, input({ xPoll: { questionId: 'long', durationMinutes: 60 } })),
    );
    expect(error.violations).toEqual([
      expect.objectContaining({
        field: 'xPoll.questionId',
        rule: 'x_poll_option_max_25',
        message: expect.stringContaining('l’option « Un jardin partagé pour tout le quartier » compte 39 caractères'),
      }),
    ]);
  });

  it('refuses five options, saying how many X takes', async () => {
    const error = await refusal(
      createCampaign(deps, ACTOR, input({ xPoll: { questionId: 'cinq', durationMinutes: 60 } })),
    );
    expect(error.violations[0]).toMatchObject({ rule: 'x_poll_2_to_4_options' });
    expect(error.message).toContain('propose 5 options : un sondage X en accepte de 2 à 4');
  });

  it('refuses a poll without questionnaire, without X, with an unknown question or a duration X refuses', async () => {
    const poll = { questionId: 'grues', durationMinutes: 60 };
    const without = await refusal(createCampaign(deps, ACTOR, input({ questionnaireId: undefined, xPoll: poll })));
    expect(without.violations[0]).toMatchObject({ field: 'xPoll', rule: 'x_poll_needs_questionnaire' });
    const noX = await refusal(createCampaign(deps, ACTOR, input({ channels: ['telegram'], xPoll: poll })));
    expect(noX.violations[0]).toMatchObject({ field: 'xPoll', rule: 'x_poll_needs_x' });
    const unknown = await refusal(createCampaign(deps, ACTOR, input({ xPoll: { ...poll, questionId: 'rien' } })));
    expect(unknown.message).toBe('le questionnaire « Vos trajets à vélo » n’a pas de question « rien »');
    for (const durationMinutes of [4, 10_081]) {
      const duration = await refusal(createCampaign(deps, ACTOR, input({ xPoll: { ...poll, durationMinutes } })));
      expect(duration.violations[0]?.field).toBe('xPoll.durationMinutes');
    }
  });

  it('decides the publication again at each write: a poll removed by a patch leaves the post', async () => {
    const campaign = await createCampaign(deps, ACTOR, input({ xPoll: { questionId: 'grues', durationMinutes: 60 } }));
    const patched = await updateCampaign(deps, ACTOR, campaign.id, { xPoll: null });
    expect(patched.xPublication).toEqual({ text: `Parc des Chantiers\n\nDonnez votre avis : ${LINK}`, costUsd: 0.2 });
    const scheduled = await scheduleCampaign(deps, ACTOR, campaign.id);
    expect(scheduled.xPublication).toEqual(patched.xPublication);
  });
});

describe('the default X post', () => {
  it('never carries Telegram-only words, and fits 280', async () => {
    const campaign = await createCampaign(deps, ACTOR, input({ questionnaireId: undefined }));
    expect(campaign.xPublication?.text).toBe(`Parc des Chantiers\n\n${LINK}`);
    expect(campaign.xPublication?.text).not.toMatch(/répondez ici/i);
  });

  it('is left out of a campaign that does not go to X', async () => {
    const campaign = await createCampaign(deps, ACTOR, input({ channels: ['telegram'] }));
    expect(campaign.xPublication).toBeUndefined();
  });
});
