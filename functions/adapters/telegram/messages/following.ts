// The « following » section of the catalogs: the démarches' phases in words, the `/suivis` screen
// (everything followed in one place) and the short campaign message's buttons. Spread last into
// fr.ts / en.ts; English is typed as the French (same keys).
import { countOf } from './format';

export type DemarchePhaseLabel = 'in_progress' | 'upcoming' | 'ended';

const nFr = (count: number, one: string, other: string) => countOf('fr', count, one, other);
const nEn = (count: number, one: string, other: string) => countOf('en', count, one, other);

export const followingFr = {
  /** A démarche's phase, in words (a button may add nothing but these words to a title). */
  demarchePhases: { in_progress: 'en cours', upcoming: 'à venir', ended: 'terminée' } as Record<
    DemarchePhaseLabel,
    string
  >,
  /** The démarches page's body under its title: what the order is, and what is followed, in words. */
  followDemarchesFollowed: (titles: string[], more: number) =>
    titles.length
      ? `Vous suivez : ${titles.join(', ')}${more ? ` et ${nFr(more, 'autre', 'autres')}` : ''}.`
      : 'Vous ne suivez encore aucune démarche.',
  followSectionFollowed: (labels: string[]) =>
    labels.length ? `Vous suivez : ${labels.join(', ')}.` : 'Vous n’en suivez aucun pour le moment.',
  followEndedHint: (count: number) =>
    `${nFr(count, 'démarche que vous suivez est terminée', 'démarches que vous suivez sont terminées')} : /suivis pour choisir de ${count > 1 ? 'les' : 'la'} garder ou non.`,
  followMine: '📌 Mes suivis',
  toastNoSuchPage: 'Cette page n’existe plus : voici la dernière. Rien n’a été enregistré.',
  toastDemarcheGone: 'Cette démarche n’existe plus : rien n’a été enregistré.',

  // ── /suivis (/following): everything followed, each removable.
  suivisTitle: '<b>Vos suivis</b>',
  suivisCounts: (c: { demarches: number; themes: number; territories: number }) =>
    `${nFr(c.demarches, 'démarche', 'démarches')}, ${nFr(c.themes, 'thème', 'thèmes')}, ${nFr(c.territories, 'lieu', 'lieux')}.`,
  suivisEmpty:
    'Vous ne suivez encore rien. Touchez « Suivre autre chose » pour choisir des démarches, thèmes ou lieux.',
  suivisPage: (page: number, pages: number) => `Page ${page} sur ${pages}.`,
  suivisDemarches: '<b>Démarches</b>',
  suivisThemes: '<b>Thèmes</b>',
  suivisPlaces: '<b>Lieux</b>',
  suivisDemarche: (title: string, phase: string) => `• ${title} — ${phase}`,
  suivisDemarcheGone: (slug: string) => `• « ${slug} » — démarche retirée de la plateforme`,
  suivisItem: (label: string) => `• ${label}`,
  suivisCommune: (label: string) => `• ${label} (commune)`,
  suivisQuartier: (label: string) => `• ${label} (quartier de Nantes)`,
  suivisEndedProposal: (count: number) =>
    count === 1
      ? 'Une démarche que vous suivez est terminée : voulez-vous arrêter de la suivre ? Sinon, gardez-la : vous serez prévenu si l’équipe annonce une nouvelle étape.'
      : `${nFr(count, 'démarche', 'démarches')} que vous suivez sont terminées : voulez-vous arrêter de les suivre ? Sinon, gardez-les : vous serez prévenu si l’équipe annonce une nouvelle étape.`,
  suivisHowTo: 'Touchez un bouton « Retirer » pour ne plus suivre un élément.',
  suivisRemove: (label: string) => `Retirer : ${label}`,
  suivisStopEnded: (label: string) => `Arrêter (terminée) : ${label}`,
  suivisAddMore: '➕ Suivre autre chose',
  toastAlreadyRemoved: 'Vous ne suivez déjà plus cela : rien n’a changé.',

  // ── The campaign message (campaign-message.ts): short, with buttons.
  /** The link's label when the text was cut for Telegram: the rest is behind it. */
  campaignReadMore: 'Lire la suite',
  campaignFullText: '📄 Lire le message entier',
  /** « Répondre (4 questions, 1 min) », « Répondre (3 à 5 questions, 2 min) ». */
  campaignAnswer: (min: number, max: number, minutes: number) =>
    `Répondre (${min === max ? nFr(max, 'question', 'questions') : `${min} à ${nFr(max, 'question', 'questions')}`}, ${minutes} min)`,
  toastCampaignGone: 'Ce message n’est plus disponible.',
};

export const followingEn: typeof followingFr = {
  demarchePhases: { in_progress: 'in progress', upcoming: 'upcoming', ended: 'ended' },
  followDemarchesFollowed: (titles, more) =>
    titles.length
      ? `You follow: ${titles.join(', ')}${more ? ` and ${nEn(more, 'other', 'others')}` : ''}.`
      : 'You do not follow any process yet.',
  followSectionFollowed: (labels) => (labels.length ? `You follow: ${labels.join(', ')}.` : 'You follow none yet.'),
  followEndedHint: (count) =>
    `${nEn(count, 'process you follow has ended', 'processes you follow have ended')}: /following to choose whether to keep ${count > 1 ? 'them' : 'it'}.`,
  followMine: '📌 What I follow',
  toastNoSuchPage: 'This page no longer exists: here is the last one. Nothing was saved.',
  toastDemarcheGone: 'This process no longer exists: nothing was saved.',

  suivisTitle: '<b>What you follow</b>',
  suivisCounts: (c) =>
    `${nEn(c.demarches, 'process', 'processes')}, ${nEn(c.themes, 'theme', 'themes')}, ${nEn(c.territories, 'place', 'places')}.`,
  suivisEmpty: 'You do not follow anything yet. Tap “Follow something else” to choose processes, themes or places.',
  suivisPage: (page, pages) => `Page ${page} of ${pages}.`,
  suivisDemarches: '<b>Processes</b>',
  suivisThemes: '<b>Themes</b>',
  suivisPlaces: '<b>Places</b>',
  suivisDemarche: (title, phase) => `• ${title} — ${phase}`,
  suivisDemarcheGone: (slug) => `• “${slug}” — process removed from the platform`,
  suivisItem: (label) => `• ${label}`,
  suivisCommune: (label) => `• ${label} (municipality)`,
  suivisQuartier: (label) => `• ${label} (Nantes neighbourhood)`,
  suivisEndedProposal: (count) =>
    count === 1
      ? 'A process you follow has ended: do you want to stop following it? Or keep it: you will hear if the team announces a new step.'
      : `${nEn(count, 'process', 'processes')} you follow have ended: do you want to stop following them? Or keep them: you will hear if the team announces a new step.`,
  suivisHowTo: 'Tap a “Remove” button to stop following something.',
  suivisRemove: (label) => `Remove: ${label}`,
  suivisStopEnded: (label) => `Stop (ended): ${label}`,
  suivisAddMore: '➕ Follow something else',
  toastAlreadyRemoved: 'You already no longer follow this: nothing changed.',

  campaignReadMore: 'Read more',
  campaignFullText: '📄 Read the whole message',
  campaignAnswer: (min, max, minutes) =>
    `Answer (${min === max ? nEn(max, 'question', 'questions') : `${min} to ${nEn(max, 'question', 'questions')}`}, ${minutes} min)`,
  toastCampaignGone: 'This message is no longer available.',
};
