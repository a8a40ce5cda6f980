// The `/mesdonnees` file (GDPR art. 15 and 20: a copy, in a structured, machine-readable format):
// everything held under the subscriber's pseudonym as stored — their subscription item (follows,
// preferences, consent version and date), their responses, the Telegram delivery lines of the
// campaigns that reached them, their digests not yet sent — plus a readable form of each answer.
import type { Language } from '#core/subscribers/subscriber';
import type { SubscriberData } from '#core/subscribers/use-cases';
import type { Catalog } from '../messages/catalog';
import { describeAnswer } from '../question-message';

export const MY_DATA_FILENAME = 'mes-donnees-porte-voix.json';

export function renderMyDataFile(data: SubscriberData, t: Catalog, language: Language, exportedAt: string): string {
  const file = {
    about: t.myDataFileAbout,
    exportedAt,
    subscriber: data.subscriber,
    responses: data.responses.map(({ questionnaire, response }) => ({
      questionnaireId: questionnaire.id,
      questionnaireTitle: questionnaire.title,
      complete: response.complete,
      createdAt: response.createdAt,
      updatedAt: response.updatedAt,
      answers: questionnaire.questions
        .filter((question) => response.answers[question.id] !== undefined)
        .map((question) => {
          const answer = response.answers[question.id]!;
          return {
            questionId: question.id,
            prompt: question.prompt,
            answer,
            readable: describeAnswer(question, answer, language),
          };
        }),
    })),
    deliveries: data.deliveries.map(({ campaignTitle, line }) => ({ campaignTitle, ...line })),
    pendingDigests: data.digests,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
