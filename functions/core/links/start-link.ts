// A start link: `https://t.me/<bot>?start=<id>`, printed as a QR code on a poster or a flyer. Opening
// it subscribes straight to what it names (a démarche, a theme or a place), consent first. It counts
// the subscriptions it brought and nothing about who: no chat id, no pseudonym, no time of a scan.
import * as z from 'zod';
import { Territory, TERRITORIES, THEMES, Theme } from '../demarches/places';
import { Instant, Slug } from '../shared/schema';
import { SingleLineText } from '../shared/text';

/**
 * The `start` payload Telegram passes to the bot: `[A-Za-z0-9_-]{1,64}` (Bot API, deep linking).
 * Ours are 12 random base62 characters (≈ 71 bits): short on a poster, not guessable from another.
 */
export const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
export const StartPayload = z.string().regex(START_PAYLOAD, 'lettres, chiffres, - et _ uniquement (64 au plus)');

export const StartLinkTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demarche'), key: Slug.describe('Slug de la démarche') }),
  z.object({ kind: z.literal('theme'), key: Theme.describe('Thème') }),
  z.object({ kind: z.literal('territory'), key: Territory.describe('Commune ou quartier de Nantes') }),
]);
export type StartLinkTarget = z.infer<typeof StartLinkTarget>;

export const StartLinkInput = z.object({
  target: StartLinkTarget.describe('Ce que le lien fait suivre'),
  label: SingleLineText(120).describe(
    'Où le lien est affiché, pour les agent·es (« Affiche halle du marché de Talensac »)',
  ),
});
export type StartLinkInput = z.input<typeof StartLinkInput>;

export const StartLink = z.object({
  id: StartPayload.describe('Le paramètre `start` du lien t.me'),
  target: StartLinkTarget,
  label: SingleLineText(120),
  /** Subscriptions it brought: a follow it added, once per person (a repeat scan adds nothing). */
  subscriptions: z.number().int().min(0).describe('Abonnements apportés par ce lien (un suivi ajouté par personne)'),
  createdAt: Instant,
  createdBy: z.string(),
});
export type StartLink = z.infer<typeof StartLink>;

/** The follow list a target goes in (Subscriber.follows). */
export const followKindOf = (target: StartLinkTarget) =>
  target.kind === 'demarche' ? 'demarches' : target.kind === 'theme' ? 'themes' : 'territories';

/** The target's name for a theme or a place (a démarche's title is read from the store). */
export const staticTargetLabel = (target: StartLinkTarget): string | undefined =>
  target.kind === 'theme'
    ? THEMES[target.key]
    : target.kind === 'territory'
      ? TERRITORIES[target.key]?.label
      : undefined;

/** The deep link, or undefined while the bot's username is unknown (never a broken link). */
export const telegramStartUrl = (botUsername: string | undefined, id: string): string | undefined =>
  botUsername ? `https://t.me/${botUsername}?start=${id}` : undefined;
