// Strings of consent renewal (a new version of the consent text) and of the `/mesdonnees` file.
// A catalog section: spread last into fr.ts / en.ts, read as `ctx.t.<key>`. Toasts are plain text.
import { countOf } from './format';

const fr = (count: number, one: string, other: string) => countOf('fr', count, one, other);
const en = (count: number, one: string, other: string) => countOf('en', count, one, other);

export const consentDataFr = {
  /** Above the consent text, when a material change asks an active subscriber again. */
  consentChanged: (version: number, date: string) =>
    [
      `<b>Nos conditions ont changé</b> (version ${version}, du ${date}).`,
      'Tant que vous ne les avez pas acceptées, nous ne vous envoyons plus rien : ni message, ni résumé. Vos suivis et vos réponses restent tels quels.',
      '',
      '— — —',
      '',
    ].join('\n'),
  consentRenewAccept: 'J’accepte',
  consentRenewDecline: 'Non merci, arrêter les messages',
  consentRenewed: 'Merci, c’est noté : vos messages reprennent. /aide pour la liste des commandes.',
  consentRenewDeclined:
    'Entendu : vous ne recevrez plus de messages. Nous gardons vos choix au cas où vous reviendriez ; /supprimer les efface, /mesdonnees les montre. Envoyez /start pour revenir.',
  toastConsentRenewFirst: 'Nos conditions ont changé : acceptez-les ou refusez-les d’abord (message ci-dessous).',
  toastConsentRenewStale: 'Ces conditions ont été remplacées : répondez au message le plus récent.',

  // ── /mesdonnees: the summary's new lines, then the file.
  myDataConsentVersion: (version: number, date: string) => `Version des conditions acceptée : ${version} (du ${date})`,
  myDataConsentOutdated: (version: number) =>
    `Nos conditions ont changé (version ${version}) : vous ne recevez rien tant que vous ne les avez pas acceptées. Envoyez /start pour les lire.`,
  myDataDeliveries: (count: number) =>
    `Messages que nous vous avons envoyés (sous pseudonyme) : ${fr(count, 'message', 'messages')}`,
  myDataDigests: (count: number) => `Résumés en attente : ${fr(count, 'résumé', 'résumés')}`,
  myDataFileFollows:
    'Le détail complet suit dans un fichier, <code>mes-donnees-porte-voix.json</code> : suivis, préférences, consentement, réponses, messages envoyés et résumés en attente.',
  myDataFileAttached:
    'Tout le détail est dans ce fichier (format JSON) : suivis, préférences, consentement, réponses, messages envoyés et résumés en attente.',
  myDataFileCaption: 'Tout ce que nous gardons sur vous (format JSON).',
  myDataFileAbout:
    'Tout ce que Porte-voix garde sur vous, au moment de cet export. « subscriber » est votre abonnement (id : votre pseudonyme ; chatId : l’identifiant de cette conversation), « responses » vos réponses, « deliveries » les messages que nous vous avons envoyés (une ligne par campagne), « pendingDigests » les résumés pas encore envoyés.',
};

export const consentDataEn: typeof consentDataFr = {
  consentChanged: (version, date) =>
    [
      `<b>Our terms have changed</b> (version ${version}, of ${date}).`,
      'Until you accept them, we send you nothing: no message, no digest. What you follow and your answers stay as they are.',
      '',
      '— — —',
      '',
    ].join('\n'),
  consentRenewAccept: 'I agree',
  consentRenewDecline: 'No thanks, stop the messages',
  consentRenewed: 'Thank you, noted: your messages resume. /help for the list of commands.',
  consentRenewDeclined:
    'Understood: you will receive no more messages. We keep your choices in case you come back; /delete erases them, /mydata shows them. Send /start to come back.',
  toastConsentRenewFirst: 'Our terms have changed: accept or decline them first (message below).',
  toastConsentRenewStale: 'These terms have been replaced: answer the most recent message.',

  myDataConsentVersion: (version, date) => `Version of the terms accepted: ${version} (of ${date})`,
  myDataConsentOutdated: (version) =>
    `Our terms have changed (version ${version}): you receive nothing until you accept them. Send /start to read them.`,
  myDataDeliveries: (count) => `Messages we sent you (under the pseudonym): ${en(count, 'message', 'messages')}`,
  myDataDigests: (count) => `Digests waiting: ${en(count, 'digest', 'digests')}`,
  myDataFileFollows:
    'The full detail follows in a file, <code>mes-donnees-porte-voix.json</code>: follows, preferences, consent, answers, messages sent and digests waiting.',
  myDataFileAttached:
    'The full detail is in this file (JSON format): follows, preferences, consent, answers, messages sent and digests waiting.',
  myDataFileCaption: 'Everything we keep about you (JSON format).',
  myDataFileAbout:
    'Everything Porte-voix keeps about you, as of this export. “subscriber” is your subscription (id: your pseudonym; chatId: the id of this chat), “responses” your answers, “deliveries” the messages we sent you (one line per campaign), “pendingDigests” the digests not sent yet.',
};
