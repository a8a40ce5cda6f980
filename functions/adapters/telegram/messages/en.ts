// Every English string the bot shows a citizen; typed as the French catalog, so a missing or extra
// key is a compile error. Strings are Telegram HTML (callers escape what they interpolate), except toasts: plain text.
import { answeringEn } from './answering';
import { consentDataEn } from './consent-data';
import { followingEn } from './following';
import { countOf } from './format';
import { linksEn } from './links';
import { membershipEn } from './membership';
import type { Catalog } from './fr';

const n = (count: number, one: string, other: string) => countOf('en', count, one, other);
const follows = (c: { demarches: number; themes: number; territories: number }) =>
  `${n(c.demarches, 'process', 'processes')}, ${n(c.themes, 'theme', 'themes')}, ${n(c.territories, 'place', 'places')}`;

export const en: Catalog = {
  consent: [
    'Hello! I am <b>Porte-voix</b>, the bot of Nantes Métropole’s Dialogue citoyen (citizen participation).',
    'I let you know when a participatory process you care about moves on (consultation, workshop, synthesis, decision) and sometimes offer you a short questionnaire.',
    '',
    '<b>What we keep, and why</b>',
    '• the id of this Telegram chat, only to send you messages;',
    '• a pseudonym computed from that id, which stands in for you in your answers;',
    '• what you follow (processes, themes, places) and your language, to choose your messages;',
    '• the list of messages we sent you, under that pseudonym, to count what was sent;',
    '• your answers to questionnaires, under that pseudonym, to publish their results.',
    'Not your name, not your number, not your other messages.',
    '',
    '<b>For how long</b>',
    'Until you leave: /stop stops the messages, /delete erases your subscription. Your answers then stay in the questionnaires’ results, and the messages you received in the count of what was sent, under a new random pseudonym: nothing links them to you any more, even if you come back one day. /mydata shows what we keep at any time.',
    '',
    'Do you agree?',
  ].join('\n'),
  consentAccept: 'I agree',
  consentDecline: 'No thanks',
  welcome: 'Thank you, noted! Choose what you want to follow: you will get news of these processes, themes and places.',
  declined: 'Understood: we kept nothing. If you change your mind, send /start.',
  alreadySubscribed: 'You are already subscribed. /follow to choose what you follow, /help for everything else.',
  consentFirst:
    'To begin, tell us whether you agree to the terms above (“I agree” or “No thanks” buttons), or send /start to see them again.',
  stopped:
    'Done: you will receive no more messages. We keep your choices in case you come back; /delete erases them. Send /start to come back.',
  notSubscribed: 'You are not subscribed. Send /start to begin.',

  followMenu: (counts) =>
    `<b>What you follow</b>\n${follows(counts)}.\n\nChoose a section, then tap an item to follow it (✅) or stop following it.`,
  followSectionDemarches: '📋 Processes',
  followSectionThemes: '🏷️ Themes',
  followSectionCommunes: '🏘️ Towns',
  followSectionQuartiers: '📍 Nantes neighbourhoods',
  followDemarchesTitle: (page, pages) =>
    `<b>Processes</b>${pages > 1 ? ` (page ${page} of ${pages})` : ''}\nIn progress first, then upcoming, then ended. Tap a process to follow it (✅) or stop following it.`,
  followThemesTitle: '<b>Themes</b>\nTap a theme to follow it (✅) or stop following it.',
  followCommunesTitle: '<b>Towns of the metropolis</b>\nTap a town to follow it (✅) or stop following it.',
  followQuartiersTitle: '<b>Nantes neighbourhoods</b>\nTap a neighbourhood to follow it (✅) or stop following it.',
  noDemarches: 'No process is published at the moment.',
  followBack: '↩️ Back',
  followPrevious: '◀️ Previous',
  followNext: 'Next ▶️',
  followDone: '✔️ Done',
  followSaved: (counts) => `Saved. You follow: ${follows(counts)}. /follow to change.`,
  toastFollowed: (label) => `Following: ${label}`,
  toastUnfollowed: (label) => `No longer following: ${label}`,
  themeLabels: {
    longevite: 'Longevity and ages of life',
    mobilites: 'Mobility',
    environnement: 'Environment and nature in the city',
    energie: 'Energy transition',
    urbanisme: 'Urban planning and public spaces',
    logement: 'Housing',
    solidarites: 'Solidarity',
    culture: 'Culture and heritage',
    education: 'Education and youth',
    sante: 'Health',
    economie: 'Economy and jobs',
    loire: 'The Loire',
    numerique: 'Digital',
    sport: 'Sport',
    alimentation: 'Food',
  },

  languagePrompt: 'Which language do you want your messages in?',
  languageButtons: { fr: '🇫🇷 Français', en: '🇬🇧 English' },
  languageSet: 'Noted: your messages will be in English. Announcements written by the city may stay in French.',

  help: [
    '<b>Porte-voix</b> keeps you posted on the participatory processes of Nantes Métropole’s Dialogue citoyen.',
    '',
    '/follow — choose the processes, themes and places you follow',
    '/following — see everything you follow, and remove some',
    '/agenda — the next steps of what you follow',
    '/questionnaires — open questionnaires, how far you got, review your answers',
    '/language — French or English',
    '/preferences — as it happens or in a digest, and your quiet hours',
    '/mydata — see what we keep about you',
    '/stop — stop receiving messages',
    '/delete — erase your subscription',
    '/start — start (again)',
    '',
    'When a questionnaire arrives, answer with the buttons: you can change your mind while it is open.',
  ].join('\n'),
  unknownText: [
    'I am a bot: nobody reads written messages here, and I do not keep them.',
    'What I understand: the buttons under my messages, and commands such as /follow (what you follow), /agenda (the next steps) or /help (every command).',
    'To answer a question in writing, first tap its “✏️ Answer with a message” button.',
  ].join('\n'),

  agendaTitle: '📅 <b>Your next steps</b>',
  agendaUpcoming: (date: string) => `on ${date}`,
  agendaOpenUntil: (date: string) => `under way, until ${date}`,
  agendaOpen: 'under way',
  agendaStep: (kind: string, title: string) => `${kind}: ${title}`,
  agendaEmpty: 'No upcoming or ongoing step in what you follow. /follow to follow other processes.',
  agendaNothingFollowed:
    'You do not follow anything yet. Send /follow to choose processes, themes or places: /agenda will then show their next steps.',
  agendaCalendar: 'Add these steps to your calendar (.ics)',
  stepKindLabels: {
    information: 'Information',
    consultation: 'Consultation',
    questionnaire: 'Questionnaire',
    workshop: 'Workshop',
    event: 'Event',
    synthesis: 'Synthesis',
    citizen_opinion: 'Citizens’ opinion',
    decision: 'Decision',
  },

  campaignLink: 'Learn more',

  startQuestionnaire: '📝 Answer the questionnaire',
  questionCounter: (n, total) => `Question ${n} of ${total}`,
  hintSingle: 'Tap your answer.',
  hintMultiple: (min, max) =>
    min === max
      ? `Tick ${n(max, 'answer', 'answers')}, then “Submit”.`
      : min === 0
        ? `Tick up to ${n(max, 'answer', 'answers')}, then “Submit”.`
        : `Tick ${min} to ${max} answers, then “Submit”.`,
  hintScale: (min, minLabel, max, maxLabel) => `From ${min} (${minLabel}) to ${max} (${maxLabel}).`,
  hintYesNo: 'Answer yes or no.',
  hintText: (maxLength) => `Answer with a message (${maxLength} characters at most).`,
  yes: 'Yes',
  no: 'No',
  noneSelected: 'none',
  validate: (count) => `Submit (${count})`,
  writeAnswer: '✏️ Answer with a message',
  changeText: '✏️ Change my answer',
  yourAnswer: (answer) => `✅ Your answer: ${answer}`,
  editableUntil: (date) => `You can change it until ${date}.`,
  writeNow: (prompt, maxLength) =>
    `✏️ Now write your answer to “${prompt}” in a message (${maxLength} characters at most).`,
  textSaved: (prompt, answer) => `✅ Your answer to “${prompt}” is saved: ${answer}`,
  textTooLong: (length, max) =>
    `Your answer is ${length} characters long, for ${max} at most. Shorten it and send it again: nothing was saved.`,
  textEmpty: 'Your message is empty: write your answer in a few words.',
  textInvisibleCharacter: (position) =>
    `Your answer holds an invisible character (position ${position}): type it again and send it, nothing was saved.`,
  thanks: (title) => `🙏 Thank you! Your answers to the questionnaire “${title}” are saved.`,
  nextStepsTitle: '<b>What happens next?</b>',
  editableNote: (date) => `You can change your answers until ${date}: tap “Review my answers”.`,
  questionnaireClosed: (title, date) =>
    `The questionnaire “${title}” closed on ${date}: your answer could not be saved.`,

  resultsCardTitle: (respondents) =>
    respondents === 1 ? '📊 <b>1 person has answered</b>' : `📊 <b>${respondents} people have answered</b>`,
  resultsCardLeading: (prompt, label, share) => `• ${prompt} ${share}: ${label}`,
  resultsCardYes: (prompt, share) => `• ${prompt} ${share} yes`,
  resultsCardMean: (prompt, mean, min, max) => `• ${prompt} Average: ${mean} (from ${min} to ${max})`,
  resultsCardTopRanked: (prompt, label, share) => `• ${prompt} Top: ${label} (ranked first by ${share} of people)`,
  resultsCardLink: 'See all the results',

  toastRecorded: 'Answer saved ✅',
  toastChanged: 'Answer changed ✅',
  toastUnchanged: 'This answer was already saved.',
  toastClosed: (date) => `This questionnaire closed on ${date}: nothing was saved.`,
  toastNotYetOpen: (date) => `This questionnaire opens on ${date}: come back then.`,
  toastUnknownButton: 'This button matches nothing we know: nothing was saved.',
  toastNotSubscriber: 'You are not subscribed: send /start to begin.',
  toastTooMany: (max) => `${n(max, 'answer', 'answers')} at most: untick one first.`,
  toastChoiceCount: (min, max) =>
    min === max
      ? `Tick exactly ${n(max, 'answer', 'answers')}, then “Submit”.`
      : `Tick ${min} to ${max} answers, then “Submit”.`,
  toastInvalidAnswer: 'This answer does not fit the question: nothing was saved.',
  toastWriteNow: 'Write your answer in a message.',
  toastError: 'A technical problem kept us from handling your request: try again in a moment.',
  toastDone: 'Noted.',

  labelled: (label, value) => `${label}: ${value}`,
  myDataTitle: '<b>What we keep about you</b>',
  myDataFields: {
    pseudonym: 'Pseudonym',
    chatId: 'Telegram chat id',
    status: 'Status',
    language: 'Language',
    frequency: 'Message pace',
    follows: 'Following',
    followsDemarches: 'processes',
    followsThemes: 'themes',
    followsTerritories: 'places',
    awaitingText: 'Question waiting for your written answer',
    consentAt: 'Consent given on',
    createdAt: 'Subscribed on',
    updatedAt: 'Last changed on',
    responses: 'Your answers (under the pseudonym)',
    noResponses: 'none',
  },
  statusLabels: { pending: 'waiting for consent', active: 'subscribed', blocked: 'bot blocked', left: 'unsubscribed' },
  frequencyLabels: { instant: 'as it happens', daily: 'daily digest', weekly: 'weekly digest' },
  languageLabels: { fr: 'French', en: 'English' },
  nothingStored: 'We keep nothing about you: you are not subscribed.',
  deleteConfirm:
    'Erase your subscription? We will delete your Telegram id, what you follow and your language. Your answers to questionnaires stay in the results, under a new random pseudonym: nothing will link them to you any more, even if you subscribe again.',
  deleteYes: '🗑️ Yes, erase everything',
  deleteNo: 'Cancel',
  deleted: 'Erased. Thank you for taking part! If you come back one day, send /start.',
  deleteCancelled: 'Nothing was erased.',

  agentLinked: (name) =>
    `This chat is now linked to your agent account: <b>${name}</b>. Campaign tests sent from the console will arrive here.`,
  agentLinkUsage:
    'Send “/link” followed by the code shown in the console (“Mon compte”, “Lier mon chat Telegram”), for example: /link ABCD2345',
  agentLinkUnknown:
    'This code matches nothing: it is wrong, already used or replaced by a newer one. Ask the console for a new one. Nothing was stored.',
  agentLinkExpired: 'This code has expired (it lasts 10 minutes). Ask the console for a new one. Nothing was stored.',

  commands: [
    { command: 'start', description: 'Start or come back' },
    { command: 'follow', description: 'Choose what I follow' },
    { command: 'following', description: 'See and change everything I follow' },
    { command: 'agenda', description: 'My next steps' },
    { command: 'questionnaires', description: 'My questionnaires' },
    { command: 'language', description: 'Change language' },
    { command: 'preferences', description: 'Pace of messages and quiet hours' },
    { command: 'mydata', description: 'See my data' },
    { command: 'stop', description: 'Stop receiving messages' },
    { command: 'delete', description: 'Erase my subscription' },
    { command: 'help', description: 'Help' },
  ],

  // ── Preferences (/preferences): the pace of messages (instant, daily or weekly digest) and quiet hours.
  preferencesMenu: (pace, quiet) =>
    `<b>When to get your messages</b>\nPace: ${pace}\nQuiet hours: ${quiet}\n\nWith a digest, the news arrives together, in one message, at the time you chose. During quiet hours nothing arrives: messages wait for the end of the window. A message the team marks as urgent always arrives at once.`,
  paceInstant: 'as it happens',
  paceDaily: (hour) => `one digest a day, at ${hour}`,
  paceWeekly: (day, hour) => `one digest a week, on ${day} at ${hour}`,
  quietNone: 'none',
  quietRange: (start, end) => `from ${start} to ${end}`,
  preferencesInstant: '⚡ As it happens',
  preferencesDaily: '📰 One digest a day',
  preferencesWeekly: '🗞️ One digest a week',
  preferencesQuiet: '🌙 Quiet hours',
  preferencesDone: '✔️ Done',
  preferencesBack: '↩️ Back',
  preferencesHourDaily: 'At what time do you want your daily digest? (Paris time)',
  preferencesHourWeekly: (day) => `At what time, on ${day}? (Paris time)`,
  preferencesDay: 'On which day do you want your weekly digest?',
  preferencesQuietTitle:
    'Choose a window without messages (Paris time). Whatever arrives during it waits for you until it ends.',
  preferencesQuietOff: 'No quiet hours',
  hourLabel: (hour) => `${String(hour).padStart(2, '0')}:00`,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  preferencesSaved: (pace, quiet) => `Saved. Pace: ${pace}. Quiet hours: ${quiet}. /preferences to change.`,
  toastPreferenceSaved: 'Saved ✅',

  // ── Digests (digest-message.ts): the heading of a digest of several messages, and of its continuation.
  digestTitle: (count) => `🗞️ <b>Your digest</b>: ${n(count, 'update', 'updates')}`,
  digestContinued: '🗞️ <b>Your digest (continued)</b>',
  myDataQuietHours: 'Quiet hours',
  ...membershipEn,
  ...consentDataEn,
  ...answeringEn,
  ...linksEn,
  ...followingEn,
};
