// The citizen answering in Telegram (issue #11): ranking with buttons, the question counter under
// skip logic, « Revoir mes réponses » and `/questionnaires`. Telegram HTML (callers escape what they
// interpolate), except toasts and button labels: plain text.
import { countOf } from './format';

const nFr = (count: number, one: string, other: string) => countOf('fr', count, one, other);
const nEn = (count: number, one: string, other: string) => countOf('en', count, one, other);
const rangeFr = (min: number, max: number) => (min === max ? `${min}` : `${min} à ${max}`);
const rangeEn = (min: number, max: number) => (min === max ? `${min}` : `${min} to ${max}`);

export const answeringFr = {
  /** Skip logic: how many questions the citizen will be asked may still depend on their answers. */
  questionCounterRange: (n: number, min: number, max: number) => `Question ${n} sur ${rangeFr(min, max)}`,
  hintRanking: (count: number) =>
    `Classez les ${count} options : touchez d’abord celle que vous préférez, puis la suivante, et ainsi de suite. Le classement est enregistré quand toutes sont classées.`,
  rankPlaced: (position: number, label: string) => `${position}. ${label}`,
  rankRestart: '↩️ Recommencer le classement',
  toastRankProgress: (placed: number, total: number) => `${placed} sur ${total} classées`,
  toastRankAlreadyPlaced: 'Cette option est déjà classée : touchez « Recommencer le classement » pour changer l’ordre.',
  toastQuestionnaireGone:
    'Ce questionnaire n’existe plus : rien n’a été enregistré. /questionnaires montre ceux qui sont ouverts.',
  toastQuestionGone: 'Cette question ne fait plus partie du questionnaire : rien n’a été enregistré.',
  toastStaleButton:
    'Ce bouton ne correspond plus à la question : rien n’a été enregistré. /questionnaires pour la retrouver à jour.',
  toastQuestionHidden: 'Vu vos réponses précédentes, cette question ne vous est plus posée : rien n’a été enregistré.',
  textQuestionHidden: (prompt: string) =>
    `Vu vos réponses précédentes, la question « ${prompt} » ne vous est plus posée : votre message n’a pas été enregistré.`,

  // ── « Revoir mes réponses »: every question shown, its answer, and a button to change it.
  reviewButton: '📋 Revoir mes réponses',
  reviewTitle: (title: string) => `📋 <b>Vos réponses : ${title}</b>`,
  reviewLine: (n: number, prompt: string, answer: string) => `${n}. ${prompt}\n   → ${answer}`,
  reviewUnanswered: 'pas encore de réponse',
  reviewFooter: (date: string) =>
    `Touchez le numéro d’une question pour changer votre réponse (jusqu’au ${date}). Les questions qui dépendent de vos réponses s’ajustent.`,
  reviewChange: (n: number) => `✏️ Question ${n}`,
  reviewContinue: '▶️ Continuer le questionnaire',

  // ── `/questionnaires`: the open questionnaires, with how far the subscriber got.
  myQuestionnairesTitle: '📝 <b>Questionnaires ouverts</b>',
  myQuestionnairesFollowed: '<b>Sur ce que vous suivez</b>',
  myQuestionnairesOthers: '<b>Autres questionnaires ouverts</b>',
  myQuestionnairesEmpty:
    'Aucun questionnaire n’est ouvert en ce moment. Je vous préviens quand un nouveau arrive sur ce que vous suivez (/suivre).',
  myQuestionnairesLine: (title: string, progress: string, date: string) =>
    `• <b>${title}</b> — ${progress}, jusqu’au ${date}`,
  progressNotStarted: (min: number, max: number) =>
    `pas commencé (${min === max ? nFr(max, 'question', 'questions') : `${min} à ${max} questions`})`,
  progressPartial: (answered: number, min: number, max: number) =>
    `${nFr(answered, 'réponse', 'réponses')} sur ${rangeFr(min, max)}`,
  progressDone: 'terminé',
  myQuestionnairesStart: (title: string) => `Commencer : ${title}`,
  myQuestionnairesResume: (title: string) => `Reprendre : ${title}`,
  myQuestionnairesReview: (title: string) => `Revoir : ${title}`,
  myQuestionnairesMore: (count: number) =>
    `Et ${nFr(count, 'autre questionnaire ouvert', 'autres questionnaires ouverts')}.`,
};

export const answeringEn: typeof answeringFr = {
  questionCounterRange: (n, min, max) => `Question ${n} of ${rangeEn(min, max)}`,
  hintRanking: (count) =>
    `Rank the ${count} options: tap your favourite first, then the next one, and so on. The ranking is saved once all are ranked.`,
  rankPlaced: (position, label) => `${position}. ${label}`,
  rankRestart: '↩️ Start the ranking again',
  toastRankProgress: (placed, total) => `${placed} of ${total} ranked`,
  toastRankAlreadyPlaced: 'This option is already ranked: tap “Start the ranking again” to change the order.',
  toastQuestionnaireGone:
    'This questionnaire no longer exists: nothing was saved. /questionnaires shows the open ones.',
  toastQuestionGone: 'This question is no longer part of the questionnaire: nothing was saved.',
  toastStaleButton:
    'This button no longer fits the question: nothing was saved. /questionnaires to find it up to date.',
  toastQuestionHidden: 'Given your earlier answers, this question is no longer asked of you: nothing was saved.',
  textQuestionHidden: (prompt) =>
    `Given your earlier answers, the question “${prompt}” is no longer asked of you: your message was not saved.`,

  reviewButton: '📋 Review my answers',
  reviewTitle: (title) => `📋 <b>Your answers: ${title}</b>`,
  reviewLine: (n, prompt, answer) => `${n}. ${prompt}\n   → ${answer}`,
  reviewUnanswered: 'not answered yet',
  reviewFooter: (date) =>
    `Tap a question’s number to change your answer (until ${date}). Questions that depend on your answers adjust.`,
  reviewChange: (n) => `✏️ Question ${n}`,
  reviewContinue: '▶️ Continue the questionnaire',

  myQuestionnairesTitle: '📝 <b>Open questionnaires</b>',
  myQuestionnairesFollowed: '<b>On what you follow</b>',
  myQuestionnairesOthers: '<b>Other open questionnaires</b>',
  myQuestionnairesEmpty:
    'No questionnaire is open at the moment. I will let you know when a new one comes up on what you follow (/follow).',
  myQuestionnairesLine: (title, progress, date) => `• <b>${title}</b> — ${progress}, until ${date}`,
  progressNotStarted: (min, max) =>
    `not started (${min === max ? nEn(max, 'question', 'questions') : `${min} to ${max} questions`})`,
  progressPartial: (answered, min, max) => `${nEn(answered, 'answer', 'answers')} of ${rangeEn(min, max)}`,
  progressDone: 'done',
  myQuestionnairesStart: (title) => `Start: ${title}`,
  myQuestionnairesResume: (title) => `Resume: ${title}`,
  myQuestionnairesReview: (title) => `Review: ${title}`,
  myQuestionnairesMore: (count) => `And ${nEn(count, 'other open questionnaire', 'other open questionnaires')}.`,
};
