// Every French string the bot shows a citizen (French first). `en.ts` must have the same keys:
// its type is this catalog's. Strings are Telegram HTML (callers escape what they interpolate), except toasts: plain text.
import type { Step } from '#core/demarches/demarche';
import { THEMES, type Theme } from '#core/demarches/places';
import { answeringFr } from './answering';
import { consentDataFr } from './consent-data';
import { followingFr } from './following';
import { countOf } from './format';
import { linksFr } from './links';
import { membershipFr } from './membership';

const n = (count: number, one: string, other: string) => countOf('fr', count, one, other);
const follows = (c: { demarches: number; themes: number; territories: number }) =>
  `${n(c.demarches, 'démarche', 'démarches')}, ${n(c.themes, 'thème', 'thèmes')}, ${n(c.territories, 'lieu', 'lieux')}`;

export const fr = {
  // ── Onboarding and consent (GDPR: say what is kept, why, for how long, before keeping it).
  consent: [
    'Bonjour ! Je suis <b>Porte-voix</b>, le bot du Dialogue citoyen de Nantes Métropole.',
    'Je vous préviens quand une démarche qui vous intéresse avance (consultation, atelier, synthèse, décision) et vous propose parfois un court questionnaire.',
    '',
    '<b>Ce que nous gardons, et pourquoi</b>',
    '• l’identifiant de cette conversation Telegram, seulement pour vous envoyer les messages ;',
    '• un pseudonyme calculé à partir de cet identifiant, qui remplace votre identité dans vos réponses ;',
    '• ce que vous suivez (démarches, thèmes, lieux) et votre langue, pour choisir vos messages ;',
    '• la liste des messages que nous vous avons envoyés, sous ce pseudonyme, pour compter les envois ;',
    '• vos réponses aux questionnaires, sous ce pseudonyme, pour en publier les résultats.',
    'Ni votre nom, ni votre numéro, ni vos autres messages.',
    '',
    '<b>Combien de temps</b>',
    'Jusqu’à votre départ : /stop arrête les messages, /supprimer efface votre abonnement. Vos réponses restent alors dans les résultats des questionnaires, et les messages reçus dans le compte des envois, sous un nouveau pseudonyme tiré au hasard : plus rien ne les relie à vous, même si vous revenez un jour. /mesdonnees montre à tout moment ce que nous gardons.',
    '',
    'Acceptez-vous ?',
  ].join('\n'),
  consentAccept: 'J’accepte',
  consentDecline: 'Non merci',
  welcome:
    'Merci, c’est noté ! Choisissez ce que vous voulez suivre : vous recevrez les nouvelles de ces démarches, thèmes et lieux.',
  declined: 'Entendu : nous n’avons rien gardé. Si vous changez d’avis, envoyez /start.',
  alreadySubscribed:
    'Votre abonnement est déjà actif. /suivre pour choisir ce que vous suivez, /aide pour tout le reste.',
  consentFirst:
    'Pour commencer, dites-nous si vous acceptez les conditions ci-dessus (boutons « J’accepte » ou « Non merci »), ou envoyez /start pour les revoir.',
  stopped:
    'C’est fait : vous ne recevrez plus de messages. Nous gardons vos choix au cas où vous reviendriez ; /supprimer les efface. Envoyez /start pour revenir.',
  notSubscribed: 'Vous n’avez pas d’abonnement actif. Envoyez /start pour commencer.',

  // ── Follows: a menu, then one page per kind of thing to follow.
  followMenu: (counts: { demarches: number; themes: number; territories: number }) =>
    `<b>Ce que vous suivez</b>\n${follows(counts)}.\n\nChoisissez une rubrique, puis touchez un élément pour le suivre (✅) ou ne plus le suivre.`,
  followSectionDemarches: '📋 Démarches',
  followSectionThemes: '🏷️ Thèmes',
  followSectionCommunes: '🏘️ Communes',
  followSectionQuartiers: '📍 Quartiers de Nantes',
  followDemarchesTitle: (page: number, pages: number) =>
    `<b>Démarches</b>${pages > 1 ? ` (page ${page} sur ${pages})` : ''}\nEn cours d’abord, puis à venir, puis terminées. Touchez une démarche pour la suivre (✅) ou ne plus la suivre.`,
  followThemesTitle: '<b>Thèmes</b>\nTouchez un thème pour le suivre (✅) ou ne plus le suivre.',
  followCommunesTitle: '<b>Communes de la métropole</b>\nTouchez une commune pour la suivre (✅) ou ne plus la suivre.',
  followQuartiersTitle: '<b>Quartiers de Nantes</b>\nTouchez un quartier pour le suivre (✅) ou ne plus le suivre.',
  noDemarches: 'Aucune démarche n’est publiée pour le moment.',
  followBack: '↩️ Retour',
  followPrevious: '◀️ Précédentes',
  followNext: 'Suivantes ▶️',
  followDone: '✔️ Terminé',
  followSaved: (counts: { demarches: number; themes: number; territories: number }) =>
    `C’est enregistré. Vous suivez : ${follows(counts)}. /suivre pour changer.`,
  toastFollowed: (label: string) => `Suivi : ${label}`,
  toastUnfollowed: (label: string) => `Plus suivi : ${label}`,
  /** Place names are proper nouns and stay as the domain spells them; themes are translated. */
  themeLabels: THEMES as Record<Theme, string>,

  // ── Language.
  languagePrompt: 'Dans quelle langue voulez-vous les messages ?',
  languageButtons: { fr: '🇫🇷 Français', en: '🇬🇧 English' },
  languageSet: 'C’est noté : les messages seront en français.',

  // ── Help and fallback.
  help: [
    '<b>Porte-voix</b> vous tient au courant des démarches du Dialogue citoyen de Nantes Métropole.',
    '',
    '/suivre — choisir les démarches, thèmes et lieux que vous suivez',
    '/suivis — voir tout ce que vous suivez, et en retirer',
    '/agenda — les prochaines étapes de ce que vous suivez',
    '/questionnaires — les questionnaires ouverts, où vous en êtes, revoir vos réponses',
    '/langue — français ou anglais',
    '/rythme — au fil de l’eau ou en résumé, et vos heures calmes',
    '/mesdonnees — voir ce que nous gardons sur vous',
    '/stop — ne plus recevoir de messages',
    '/supprimer — effacer votre abonnement',
    '/start — (re)commencer',
    '',
    'Quand un questionnaire arrive, répondez avec les boutons : vous pouvez changer d’avis tant qu’il est ouvert.',
  ].join('\n'),
  unknownText: [
    'Je suis un robot : personne ne lit ici les messages écrits, et je ne les garde pas.',
    'Ce que je comprends : les boutons sous mes messages, et les commandes comme /suivre (ce que vous suivez), /agenda (les prochaines étapes) ou /aide (toutes les commandes).',
    'Pour répondre par écrit à une question, touchez d’abord son bouton « ✏️ Répondre par message ».',
  ].join('\n'),

  // ── Agenda (/agenda): the next steps of what the subscriber follows, with the calendar to subscribe to.
  agendaTitle: '📅 <b>Vos prochaines étapes</b>',
  agendaUpcoming: (date: string) => `le ${date}`,
  agendaOpenUntil: (date: string) => `en cours, jusqu’au ${date}`,
  agendaOpen: 'en cours',
  agendaStep: (kind: string, title: string) => `${kind} : ${title}`,
  agendaEmpty: 'Aucune étape à venir ni en cours dans ce que vous suivez. /suivre pour suivre d’autres démarches.',
  agendaNothingFollowed:
    'Vous ne suivez encore rien. Envoyez /suivre pour choisir des démarches, des thèmes ou des lieux : /agenda montrera ensuite leurs prochaines étapes.',
  agendaCalendar: 'Ajouter ces étapes à votre agenda (.ics)',
  stepKindLabels: {
    information: 'Information',
    consultation: 'Consultation',
    questionnaire: 'Questionnaire',
    workshop: 'Atelier',
    event: 'Événement',
    synthesis: 'Synthèse',
    citizen_opinion: 'Avis citoyen',
    decision: 'Décision',
  } as Record<Step['kind'], string>,

  // ── Campaigns (rendered by campaign-message.ts): the link under every campaign's text.
  campaignLink: 'En savoir plus',

  // ── Questions (rendered by question-message.ts, also sent by the delivery path).
  startQuestionnaire: '📝 Répondre au questionnaire',
  questionCounter: (n: number, total: number) => `Question ${n} sur ${total}`,
  hintSingle: 'Touchez votre réponse.',
  hintMultiple: (min: number, max: number) =>
    min === max
      ? `Cochez ${n(max, 'réponse', 'réponses')}, puis « Valider ».`
      : min === 0
        ? `Cochez jusqu’à ${n(max, 'réponse', 'réponses')}, puis « Valider ».`
        : `Cochez de ${min} à ${max} réponses, puis « Valider ».`,
  hintScale: (min: number, minLabel: string, max: number, maxLabel: string) =>
    `De ${min} (${minLabel}) à ${max} (${maxLabel}).`,
  hintYesNo: 'Répondez par oui ou par non.',
  hintText: (maxLength: number) => `Répondez par un message (${maxLength} caractères au plus).`,
  yes: 'Oui',
  no: 'Non',
  noneSelected: 'aucune',
  validate: (count: number) => `Valider (${count})`,
  writeAnswer: '✏️ Répondre par message',
  changeText: '✏️ Changer ma réponse',
  yourAnswer: (answer: string) => `✅ Votre réponse : ${answer}`,
  editableUntil: (date: string) => `Vous pouvez la changer jusqu’au ${date}.`,
  writeNow: (prompt: string, maxLength: number) =>
    `✏️ Écrivez maintenant votre réponse à « ${prompt} » dans un message (${maxLength} caractères au plus).`,
  textSaved: (prompt: string, answer: string) => `✅ Votre réponse à « ${prompt} » est enregistrée : ${answer}`,
  textTooLong: (length: number, max: number) =>
    `Votre réponse compte ${length} caractères, pour ${max} au plus. Raccourcissez-la et renvoyez-la : rien n’a été enregistré.`,
  textEmpty: 'Votre message est vide : écrivez votre réponse en quelques mots.',
  textInvisibleCharacter: (position: number) =>
    `Votre réponse contient un caractère invisible (position ${position}) : retapez-la et renvoyez-la, rien n’a été enregistré.`,
  thanks: (title: string) => `🙏 Merci ! Vos réponses au questionnaire « ${title} » sont enregistrées.`,
  nextStepsTitle: '<b>Et après ?</b>',
  editableNote: (date: string) =>
    `Vous pouvez modifier vos réponses jusqu’au ${date} : touchez « Revoir mes réponses ».`,
  questionnaireClosed: (title: string, date: string) =>
    `Le questionnaire « ${title} » est clos depuis le ${date} : votre réponse n’a pas pu être enregistrée.`,

  // ── Results card after the last answer, when the results are public while the questionnaire runs.
  resultsCardTitle: (respondents: number) =>
    respondents === 1 ? '📊 <b>Vous êtes 1 à avoir répondu</b>' : `📊 <b>Vous êtes ${respondents} à avoir répondu</b>`,
  resultsCardLeading: (prompt: string, label: string, share: string) => `• ${prompt} ${share} : ${label}`,
  resultsCardYes: (prompt: string, share: string) => `• ${prompt} ${share} de oui`,
  resultsCardMean: (prompt: string, mean: string, min: number, max: number) =>
    `• ${prompt} Note moyenne : ${mean} (de ${min} à ${max})`,
  resultsCardTopRanked: (prompt: string, label: string, share: string) =>
    `• ${prompt} En tête : ${label} (classée première par ${share} des personnes)`,
  resultsCardLink: 'Voir tous les résultats',

  // ── Toasts (answerCallbackQuery: at most 200 characters, shown briefly over the chat).
  toastRecorded: 'Réponse enregistrée ✅',
  toastChanged: 'Réponse modifiée ✅',
  toastUnchanged: 'Cette réponse était déjà enregistrée.',
  toastClosed: (date: string) => `Ce questionnaire est clos depuis le ${date} : rien n’a été enregistré.`,
  toastNotYetOpen: (date: string) => `Ce questionnaire ouvre le ${date} : revenez à ce moment-là.`,
  toastUnknownButton: 'Ce bouton ne correspond à rien de connu : rien n’a été enregistré.',
  toastNotSubscriber: 'Vous n’avez pas d’abonnement actif : envoyez /start pour commencer.',
  toastTooMany: (max: number) => `${n(max, 'réponse', 'réponses')} au plus : décochez-en une d’abord.`,
  toastChoiceCount: (min: number, max: number) =>
    min === max
      ? `Cochez exactement ${n(max, 'réponse', 'réponses')}, puis « Valider ».`
      : `Cochez de ${min} à ${max} réponses, puis « Valider ».`,
  toastInvalidAnswer: 'Cette réponse ne convient pas à la question : rien n’a été enregistré.',
  toastWriteNow: 'Écrivez votre réponse dans un message.',
  toastError: 'Un souci technique nous a empêchés de traiter votre demande : réessayez dans un instant.',
  toastDone: 'C’est noté.',

  // ── Privacy: access (/mesdonnees) and erasure (/supprimer), GDPR articles 15 and 17.
  labelled: (label: string, value: string) => `${label} : ${value}`,
  myDataTitle: '<b>Ce que nous gardons sur vous</b>',
  myDataFields: {
    pseudonym: 'Pseudonyme',
    chatId: 'Identifiant de conversation Telegram',
    status: 'Statut',
    language: 'Langue',
    frequency: 'Rythme des messages',
    follows: 'Suivis',
    followsDemarches: 'démarches',
    followsThemes: 'thèmes',
    followsTerritories: 'lieux',
    awaitingText: 'Question qui attend votre réponse écrite',
    consentAt: 'Consentement donné le',
    createdAt: 'Inscription le',
    updatedAt: 'Dernière modification le',
    responses: 'Vos réponses (sous pseudonyme)',
    noResponses: 'aucune',
  },
  statusLabels: {
    pending: 'en attente de consentement',
    active: 'abonnement actif',
    blocked: 'bot bloqué',
    left: 'désabonnement (/stop)',
  },
  frequencyLabels: { instant: 'au fil de l’eau', daily: 'résumé quotidien', weekly: 'résumé hebdomadaire' },
  languageLabels: { fr: 'français', en: 'anglais' },
  nothingStored: 'Nous ne gardons rien sur vous : vous n’avez pas d’abonnement.',
  deleteConfirm:
    'Effacer votre abonnement ? Nous supprimerons votre identifiant Telegram, vos suivis et votre langue. Vos réponses aux questionnaires restent dans les résultats, sous un nouveau pseudonyme tiré au hasard : plus rien ne les reliera à vous, même si vous vous réabonnez.',
  deleteYes: '🗑️ Oui, tout effacer',
  deleteNo: 'Annuler',
  deleted: 'C’est effacé. Merci d’avoir participé ! Si vous revenez un jour, envoyez /start.',
  deleteCancelled: 'Rien n’a été effacé.',

  // ── Agents of the team linking their own chat (`/lier <code>`), where the console's campaign tests arrive.
  agentLinked: (name: string) =>
    `Ce chat est lié à votre compte d’agent : <b>${name}</b>. Les tests de campagne envoyés depuis la console arriveront ici.`,
  agentLinkUsage:
    'Envoyez « /lier » suivi du code affiché dans la console (« Mon compte », « Lier mon chat Telegram »), par exemple : /lier ABCD2345',
  agentLinkUnknown:
    'Ce code ne correspond à rien : il est erroné, déjà utilisé ou remplacé par un plus récent. Demandez-en un nouveau dans la console. Rien n’a été enregistré.',
  agentLinkExpired:
    'Ce code a expiré (il vaut 10 minutes). Demandez-en un nouveau dans la console. Rien n’a été enregistré.',

  // ── Command menu (setMyCommands): command names in this language, descriptions of 3–256 characters.
  commands: [
    { command: 'start', description: 'Commencer ou revenir' },
    { command: 'suivre', description: 'Choisir ce que je suis' },
    { command: 'suivis', description: 'Voir et changer tous mes suivis' },
    { command: 'agenda', description: 'Mes prochaines étapes' },
    { command: 'questionnaires', description: 'Mes questionnaires' },
    { command: 'langue', description: 'Changer de langue' },
    { command: 'rythme', description: 'Rythme des messages et heures calmes' },
    { command: 'mesdonnees', description: 'Voir mes données' },
    { command: 'stop', description: 'Ne plus recevoir de messages' },
    { command: 'supprimer', description: 'Effacer mon abonnement' },
    { command: 'aide', description: 'Aide' },
  ],

  // ── Preferences (/rythme, /preferences): the pace of messages (instant, daily or weekly digest) and quiet hours.
  preferencesMenu: (pace: string, quiet: string) =>
    `<b>Quand recevoir vos messages</b>\nRythme : ${pace}\nHeures calmes : ${quiet}\n\nEn résumé, les nouvelles arrivent ensemble, en un seul message, à l’heure choisie. Pendant les heures calmes, rien n’arrive : les messages attendent la fin de la plage. Un message marqué urgent par l’équipe arrive toujours tout de suite.`,
  paceInstant: 'au fil de l’eau',
  paceDaily: (hour: string) => `un résumé par jour, à ${hour}`,
  paceWeekly: (day: string, hour: string) => `un résumé par semaine, le ${day} à ${hour}`,
  quietNone: 'aucune',
  quietRange: (start: string, end: string) => `de ${start} à ${end}`,
  preferencesInstant: '⚡ Au fil de l’eau',
  preferencesDaily: '📰 Un résumé par jour',
  preferencesWeekly: '🗞️ Un résumé par semaine',
  preferencesQuiet: '🌙 Heures calmes',
  preferencesDone: '✔️ Terminé',
  preferencesBack: '↩️ Retour',
  preferencesHourDaily: 'À quelle heure voulez-vous votre résumé quotidien ? (heure de Paris)',
  preferencesHourWeekly: (day: string) => `À quelle heure, le ${day} ? (heure de Paris)`,
  preferencesDay: 'Quel jour voulez-vous votre résumé de la semaine ?',
  preferencesQuietTitle:
    'Choisissez une plage sans messages (heure de Paris). Ce qui arrive pendant la plage vous attend jusqu’à sa fin.',
  preferencesQuietOff: 'Pas d’heures calmes',
  hourLabel: (hour: number) => `${hour} h`,
  weekdays: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  preferencesSaved: (pace: string, quiet: string) =>
    `C’est enregistré. Rythme : ${pace}. Heures calmes : ${quiet}. /rythme pour changer.`,
  toastPreferenceSaved: 'C’est enregistré ✅',

  // ── Digests (digest-message.ts): the heading of a digest of several messages, and of its continuation.
  digestTitle: (count: number) => `🗞️ <b>Votre résumé</b> : ${n(count, 'nouvelle', 'nouvelles')}`,
  digestContinued: '🗞️ <b>Votre résumé (suite)</b>',
  /** /mesdonnees: the quiet-hours line (the pace shows on the « Rythme des messages » line). */
  myDataQuietHours: 'Heures calmes',
  ...membershipFr,
  ...consentDataFr,
  ...answeringFr,
  ...linksFr,
  ...followingFr,
};

export type Catalog = typeof fr;
