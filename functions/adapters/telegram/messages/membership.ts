// Strings of coming back, of chats the bot does not serve (groups, channels) and of input it does
// not read (non-text messages, edits, unknown commands, long texts). Each says what the bot does
// understand and that nothing was kept: a citizen who writes must never meet a dead end.
import { escapeHtml } from './format';

/** What a citizen may send besides text, as membership.ts names it from the Telegram message. */
export type NonTextKind =
  | 'photo'
  | 'sticker'
  | 'voice'
  | 'audio'
  | 'video'
  | 'video_note'
  | 'animation'
  | 'document'
  | 'location'
  | 'contact'
  | 'poll'
  | 'other';

/** Where the bot was added: groups and supergroups read the same to a citizen. */
export type OtherChatKind = 'group' | 'channel';

/** Sentences of one paragraph, those not applying (false) left out. */
const sentences = (...parts: (string | false)[]) => parts.filter(Boolean).join(' ');

const botLink = (link: string) => `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`;

export const membershipFr = {
  /** Someone who left (/stop) or blocked the bot writes again: how to come back, choices kept. */
  comeBack: (keepsFollows: boolean) =>
    sentences(
      'Vous ne recevez plus nos messages depuis votre départ.',
      keepsFollows && 'Ce que vous suiviez est gardé.',
      'Pour revenir, envoyez /start : nous vous redemanderons votre accord, puis les nouvelles reprendront.',
      '/supprimer efface tout.',
    ),
  toastComeBack: 'Vous ne recevez plus nos messages : envoyez /start pour revenir.',
  /** my_chat_member « member » after « kicked »: they unblocked the bot. */
  welcomeBack: (keepsFollows: boolean) =>
    sentences(
      'Re-bonjour ! Depuis que vous aviez bloqué Porte-voix, vous ne recevez plus de messages.',
      keepsFollows && 'Ce que vous suiviez est gardé.',
      'Pour recevoir à nouveau les nouvelles des démarches, envoyez /start.',
    ),
  /** Someone unknown to us writes: who the bot is and the one step to take. */
  introduction:
    'Bonjour ! Je suis Porte-voix, le bot du Dialogue citoyen de Nantes Métropole : je préviens des nouvelles des démarches que vous choisissez de suivre. Envoyez /start pour commencer : je vous dirai d’abord ce que je garde.',
  /** A long text: most likely an opinion, which deserves a place where it is read. */
  longText: [
    'Votre message est long, mais je suis un robot : personne ne le lira ici, et je ne l’ai pas gardé.',
    'Pour donner votre avis, répondez aux questionnaires que je vous envoie, ou suivez le lien « En savoir plus » d’une démarche : la plateforme du Dialogue citoyen y recueille les contributions.',
    '/aide montre ce que je comprends.',
  ].join('\n'),
  unknownCommand: 'Je ne connais pas cette commande. Voici celles que je comprends :',
  nonTextNames: {
    photo: 'les photos',
    sticker: 'les autocollants',
    voice: 'les messages vocaux',
    audio: 'les fichiers audio',
    video: 'les vidéos',
    video_note: 'les messages vidéo',
    animation: 'les GIF',
    document: 'les fichiers',
    location: 'les positions',
    contact: 'les contacts',
    poll: 'les sondages',
    other: 'ce type de message',
  } satisfies Record<NonTextKind, string>,
  nonText: (what: string) =>
    `Je ne sais pas lire ${what}, et je n’en ai rien gardé. Je comprends les boutons sous mes messages et les commandes écrites : /aide pour la liste.`,
  /** A written answer is awaited, but the citizen sent a photo or a voice message. */
  nonTextAwaiting: (what: string) =>
    `Je ne sais pas lire ${what} : pour cette question, écrivez votre réponse en texte, dans un seul message.`,
  /** `changeButton`: the label of the button that changes a written answer (answering's catalog). */
  edited: (changeButton: string) =>
    `Vous avez modifié un message : je ne tiens pas compte des modifications, et je n’ai rien enregistré. Pour changer une réponse écrite, touchez « ${escapeHtml(changeButton)} » sous la question.`,
  /** Added to a group or a channel: said there (when it can post) before leaving. */
  privateOnly: (where: OtherChatKind, link: string) =>
    [
      `Bonjour ! Porte-voix fonctionne seulement en conversation privée : chacun y choisit ce qu’il suit et reçoit ses propres messages. Je quitte donc ${where === 'channel' ? 'ce canal' : 'ce groupe'}.`,
      `Pour suivre les démarches du Dialogue citoyen, écrivez-moi directement : ${botLink(link)}`,
    ].join('\n'),
};

export const membershipEn: typeof membershipFr = {
  comeBack: (keepsFollows) =>
    sentences(
      'You no longer receive our messages since you left.',
      keepsFollows && 'What you followed is kept.',
      'To come back, send /start: we will ask for your agreement again, then the news will resume.',
      '/delete erases everything.',
    ),
  toastComeBack: 'You no longer receive our messages: send /start to come back.',
  welcomeBack: (keepsFollows) =>
    sentences(
      'Welcome back! Since you blocked Porte-voix, you have received no messages.',
      keepsFollows && 'What you followed is kept.',
      'To receive news of the participatory processes again, send /start.',
    ),
  introduction:
    'Hello! I am Porte-voix, the bot of Nantes Métropole’s Dialogue citoyen: I bring news of the participatory processes you choose to follow. Send /start to begin: I will first tell you what I keep.',
  longText: [
    'Your message is long, but I am a bot: nobody will read it here, and I have not kept it.',
    'To give your opinion, answer the questionnaires I send you, or follow a process’s “Learn more” link: the Dialogue citoyen platform collects contributions there.',
    '/help shows what I understand.',
  ].join('\n'),
  unknownCommand: 'I do not know this command. Here are the ones I understand:',
  nonTextNames: {
    photo: 'photos',
    sticker: 'stickers',
    voice: 'voice messages',
    audio: 'audio files',
    video: 'videos',
    video_note: 'video messages',
    animation: 'GIFs',
    document: 'files',
    location: 'locations',
    contact: 'contacts',
    poll: 'polls',
    other: 'this kind of message',
  },
  nonText: (what) =>
    `I cannot read ${what}, and I kept nothing of it. I understand the buttons under my messages and written commands: /help for the list.`,
  nonTextAwaiting: (what) => `I cannot read ${what}: for this question, write your answer as text, in one message.`,
  edited: (changeButton) =>
    `You edited a message: I do not take edits into account, and I saved nothing. To change a written answer, tap “${escapeHtml(changeButton)}” under the question.`,
  privateOnly: (where, link) =>
    [
      `Hello! Porte-voix only works in private chats: there, everyone chooses what they follow and gets their own messages. So I am leaving this ${where === 'channel' ? 'channel' : 'group'}.`,
      `To follow the Dialogue citoyen’s processes, write to me directly: ${botLink(link)}`,
    ].join('\n'),
};
