// A question of the campaign's questionnaire posted on X as a native poll (X API v2 `poll`), and the
// whole X publication decided at each write: X's rules are checked here, with why when they fail,
// never discovered by X at send time.
import type { CoreContext } from '../context';
import { DomainError, type Violation, invalid } from '../shared/errors';
import type { Question, Questionnaire } from '../questionnaires/questionnaire';
import type { Campaign, XPublication } from './campaign';
import { X_POST_MAX_WEIGHTED_LENGTH, checkXPost, composeXText, estimateXCost } from './x-post';

/** X's poll limits (API v2): 2 to 4 options of 25 characters at most. */
export const X_POLL_MIN_OPTIONS = 2;
export const X_POLL_MAX_OPTIONS = 4;
export const X_POLL_OPTION_MAX_LENGTH = 25;

const YES_NO_OPTIONS = ['Oui', 'Non'];

const KIND_LABELS: Record<Exclude<Question['kind'], 'ranking'>, string> = {
  single_choice: 'choix unique',
  multiple_choice: 'choix multiple',
  scale: 'échelle',
  yes_no: 'oui/non',
  short_text: 'réponse écrite',
};

/** The options a question would have as an X poll, or the violations saying why it cannot be one. */
export function xPollOptions(question: Question): { options: string[] } | { violations: Violation[] } {
  const field = 'xPoll.questionId';
  // Skip logic: on X everyone would see a question the questionnaire asks only after some answers.
  if (question.showIf)
    return {
      violations: [
        {
          field,
          rule: 'x_poll_unconditional',
          message: `la question « ${question.prompt} » n’est posée que selon une réponse précédente : un sondage X la poserait à tout le monde, hors de ce contexte ; choisissez une question posée à tous`,
        },
      ],
    };
  if (question.kind === 'ranking')
    return {
      violations: [
        {
          field,
          rule: 'x_poll_not_ranking',
          message: `la question « ${question.prompt} » est un classement : un sondage X fait choisir une seule option, il ne peut pas faire ordonner les options`,
        },
      ],
    };
  if (question.kind === 'yes_no') return { options: YES_NO_OPTIONS };
  if (question.kind !== 'single_choice')
    return {
      violations: [
        {
          field,
          rule: 'x_poll_single_choice',
          message: `la question « ${question.prompt} » est à ${KIND_LABELS[question.kind]} : un sondage X ne pose qu’une question à choix unique ou oui/non`,
        },
      ],
    };
  const options = question.options.map((o) => o.label);
  const violations: Violation[] = [];
  if (options.length < X_POLL_MIN_OPTIONS || options.length > X_POLL_MAX_OPTIONS)
    violations.push({
      field,
      rule: 'x_poll_2_to_4_options',
      message: `la question « ${question.prompt} » propose ${options.length} options : un sondage X en accepte de ${X_POLL_MIN_OPTIONS} à ${X_POLL_MAX_OPTIONS}`,
    });
  // Counted as X counts a post (an emoji 2, a URL 23): the strictest reading of X's 25 characters.
  for (const option of options) {
    const { weightedLength } = checkXPost(option);
    if (weightedLength > X_POLL_OPTION_MAX_LENGTH)
      violations.push({
        field,
        rule: 'x_poll_option_max_25',
        message: `l’option « ${option} » compte ${weightedLength} caractères : un sondage X en accepte ${X_POLL_OPTION_MAX_LENGTH} au plus par option (raccourcissez-la dans le questionnaire)`,
      });
  }
  return violations.length > 0 ? { violations } : { options };
}

const refused = (violations: Violation[]) =>
  new DomainError('Invalid', violations.length === 1 ? violations[0]!.message : 'le sondage X est refusé', violations);

/** The question the campaign's `xPoll` names, checked: X on the channels, a questionnaire, the question in it. */
async function pollQuestion(ctx: CoreContext, campaign: Campaign): Promise<Question | undefined> {
  const { xPoll } = campaign;
  if (!xPoll) return undefined;
  if (!campaign.channels.includes('x'))
    throw invalid('xPoll', 'x_poll_needs_x', 'un sondage X suppose que la campagne soit publiée sur X : cochez X');
  if (!campaign.questionnaireId)
    throw invalid(
      'xPoll',
      'x_poll_needs_questionnaire',
      'un sondage X pose une question du questionnaire de la campagne : choisissez d’abord un questionnaire',
    );
  const questionnaire: Questionnaire | undefined = await ctx.store.questionnaires.get(campaign.questionnaireId);
  // A missing questionnaire is said by the references check, with its own words.
  if (!questionnaire) return undefined;
  const question = questionnaire.questions.find((q) => q.id === xPoll.questionId);
  if (!question)
    throw invalid(
      'xPoll.questionId',
      'x_poll_question_exists',
      `le questionnaire « ${questionnaire.title} » n’a pas de question « ${xPoll.questionId} »`,
    );
  return question;
}

/**
 * The X publication of a campaign as it will leave (text, poll, estimated price), or undefined when
 * it does not go to X. Refuses, with why, a poll X would refuse and a default text X would refuse.
 */
export async function composeXPublication(ctx: CoreContext, campaign: Campaign): Promise<XPublication | undefined> {
  if (!campaign.channels.includes('x')) {
    if (campaign.xPoll) await pollQuestion(ctx, campaign);
    return undefined;
  }
  const question = await pollQuestion(ctx, campaign);
  let poll: XPublication['poll'];
  if (question && campaign.xPoll) {
    const result = xPollOptions(question);
    if ('violations' in result) throw refused(result.violations);
    poll = { options: result.options, durationMinutes: campaign.xPoll.durationMinutes };
  }
  const text = composeXText(campaign, question?.prompt);
  // What else twitter-text refuses: U+FEFF, U+FFFE, U+FFFF (often pasted from a word processor).
  const { valid, weightedLength } = checkXPost(text);
  // Past 280 is said by assertXPostFits (xText) and cannot happen to the default post.
  if (!valid && weightedLength <= X_POST_MAX_WEIGHTED_LENGTH)
    throw invalid(
      campaign.xText === undefined ? 'message' : 'xText',
      'x_post_invalid_characters',
      'le texte pour X contient un caractère invisible refusé par X (U+FEFF, U+FFFE ou U+FFFF, ' +
        'souvent collé depuis un traitement de texte) : retirez-le',
    );
  return { text, ...(poll ? { poll } : {}), costUsd: estimateXCost(text).usd };
}
