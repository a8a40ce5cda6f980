// Catalog section of deep links (bot/deep-link.ts): what a citizen reads after opening a poster's
// `t.me/<bot>?start=…` link. Telegram HTML; callers escape the names they pass.
import type { StartLinkTarget } from '#core/links/start-link';
import { TERRITORIES } from '#core/demarches/places';

const placeKindFr = (key: string) => (TERRITORIES[key]?.kind === 'quartier' ? 'le quartier' : 'la commune de');
const placeKindEn = (key: string) => (TERRITORIES[key]?.kind === 'quartier' ? 'the neighbourhood' : 'the town of');

export const linksFr = {
  /** What a link follows, in a sentence: « la démarche <b>Parc des Chantiers</b> ». `name` is escaped HTML. */
  linkTarget: (target: StartLinkTarget, name: string) =>
    target.kind === 'demarche'
      ? `la démarche <b>${name}</b>`
      : target.kind === 'theme'
        ? `le thème <b>${name}</b>`
        : `${placeKindFr(target.key)} <b>${name}</b>`,
  linkBeforeConsent: (what: string) =>
    `Ce lien vous fait suivre ${what}. Lisez d’abord ce que nous gardons : dès que vous acceptez, ce sera fait.`,
  linkFollowed: (what: string) =>
    `C’est fait : vous suivez maintenant ${what}. Vous recevrez ses nouvelles. /suivre pour changer ce que vous suivez.`,
  linkAlreadyFollowing: (what: string) =>
    `Vous suivez déjà ${what} : rien à changer. /suivre pour voir ce que vous suivez.`,
  linkInvalid:
    'Ce lien n’est plus valable : l’affiche ou le message qui vous l’a donné est peut-être ancien. Vous pouvez tout de même vous abonner, puis choisir ce que vous suivez.',
  linkInvalidActive:
    'Ce lien n’est plus valable : l’affiche ou le message qui vous l’a donné est peut-être ancien. Votre abonnement est actif : /suivre pour choisir ce que vous suivez.',
  /** After « J'accepte », in place of the welcome: the follow the link brought, then the follow menu. */
  linkWelcome: (what: string) =>
    `Merci, c’est noté ! Vous suivez maintenant ${what} : vous recevrez ses nouvelles. Vous pouvez aussi choisir d’autres démarches, thèmes et lieux ci-dessous.`,
  linkWelcomeExpired:
    'Merci, c’est noté ! Le lien par lequel vous êtes arrivé·e n’est plus valable : choisissez vous-même ce que vous suivez ci-dessous.',
};

export const linksEn: typeof linksFr = {
  linkTarget: (target, name) =>
    target.kind === 'demarche'
      ? `the process <b>${name}</b>`
      : target.kind === 'theme'
        ? `the theme <b>${name}</b>`
        : `${placeKindEn(target.key)} <b>${name}</b>`,
  linkBeforeConsent: (what) =>
    `This link makes you follow ${what}. Please read first what we keep: as soon as you accept, it will be done.`,
  linkFollowed: (what) => `Done: you now follow ${what}. You will get its news. /follow to change what you follow.`,
  linkAlreadyFollowing: (what) => `You already follow ${what}: nothing to change. /follow to see what you follow.`,
  linkInvalid:
    'This link is no longer valid: the poster or message that gave it to you may be old. You can still subscribe, then choose what you follow.',
  linkInvalidActive:
    'This link is no longer valid: the poster or message that gave it to you may be old. You are subscribed: /follow to choose what you follow.',
  linkWelcome: (what) =>
    `Thank you, noted! You now follow ${what}: you will get its news. You can also choose other processes, themes and places below.`,
  linkWelcomeExpired:
    'Thank you, noted! The link you came through is no longer valid: please choose below what you follow.',
};
