// The `/suivis` (`/following`) view: everything a subscriber follows in one place — démarches with
// their phase in words, themes, places — each with a button to stop following it, and a way back
// to the menu to add more. A followed démarche that has ended comes first with a proposal to stop
// following it: a proposal only, never removed without the subscriber's press (they may want its
// synthesis or decision). Paginated so text and keyboard stay well within Telegram's limits.
import { COMMUNES, QUARTIERS_DE_NANTES, THEMES, type Theme } from '#core/demarches/places';
import type { DemarchePhase } from '#core/demarches/phase';
import type { Subscriber } from '#core/subscribers/subscriber';
import type { FollowKind } from '#core/subscribers/use-cases';
import type { Catalog } from '../messages/catalog';
import { escapeHtml, shorten } from '../messages/format';
import type { InlineButton } from '../question-message';
import {
  type FollowView,
  LABEL_MAX,
  type ListedDemarche,
  PAGE_SIZE,
  button,
  counts,
  demarcheHash,
} from './follow-menu';

/** One followed thing as this view lists it. `gone`: a démarche no longer in the store. */
export type FollowedItem =
  | { kind: 'demarches'; key: string; title?: string; phase: DemarchePhase | 'gone' }
  | { kind: 'themes'; key: string; label: string }
  | { kind: 'territories'; key: string; label: string; place: 'commune' | 'quartier' };

const communes: Record<string, string> = COMMUNES;
const quartiers: Record<string, string> = QUARTIERS_DE_NANTES;

/** Ended démarches first (the proposal), then in progress, upcoming, removed; themes; communes; quartiers. */
export function followedItems(subscriber: Subscriber, listed: readonly ListedDemarche[], t: Catalog): FollowedItem[] {
  const f = subscriber.follows;
  const known = listed.filter((d) => f.demarches.includes(d.demarche.slug));
  const demarches: FollowedItem[] = [
    ...known.filter((d) => d.phase === 'ended'),
    ...known.filter((d) => d.phase !== 'ended'),
  ].map(({ demarche, phase }) => ({ kind: 'demarches', key: demarche.slug, title: demarche.title, phase }));
  const gone: FollowedItem[] = f.demarches
    .filter((slug) => !known.some((d) => d.demarche.slug === slug))
    .map((slug) => ({ kind: 'demarches', key: slug, phase: 'gone' }));
  const themes: FollowedItem[] = (Object.keys(THEMES) as Theme[])
    .filter((k) => f.themes.includes(k))
    .map((k) => ({ kind: 'themes', key: k, label: t.themeLabels[k] }));
  const places: FollowedItem[] = [
    ...Object.keys(communes)
      .filter((k) => f.territories.includes(k))
      .map((k) => ({ kind: 'territories' as const, key: k, label: communes[k]!, place: 'commune' as const })),
    ...Object.keys(quartiers)
      .filter((k) => f.territories.includes(k))
      .map((k) => ({ kind: 'territories' as const, key: k, label: quartiers[k]!, place: 'quartier' as const })),
  ];
  return [...demarches, ...gone, ...themes, ...places];
}

export const followingPageCount = (items: readonly unknown[]) => Math.max(1, Math.ceil(items.length / PAGE_SIZE));

const nameOf = (item: FollowedItem) => (item.kind === 'demarches' ? (item.title ?? item.key) : item.label);

function lineOf(item: FollowedItem, t: Catalog): string {
  if (item.kind === 'demarches')
    return item.phase === 'gone'
      ? t.suivisDemarcheGone(escapeHtml(item.key))
      : t.suivisDemarche(escapeHtml(item.title ?? item.key), t.demarchePhases[item.phase]);
  if (item.kind === 'themes') return t.suivisItem(escapeHtml(item.label));
  return item.place === 'commune' ? t.suivisCommune(escapeHtml(item.label)) : t.suivisQuartier(escapeHtml(item.label));
}

/** The callback of a removal: the kind's letter, the key (a démarche's slug is hashed), the page to show again. */
function removalData(item: FollowedItem, page: number): string {
  const letter = item.kind === 'demarches' ? 'd' : item.kind === 'themes' ? 't' : 'p';
  const key = item.kind === 'demarches' ? demarcheHash(item.key) : item.key;
  return `fu:${letter}:${key}:${page}`;
}

function removalButton(item: FollowedItem, page: number, t: Catalog): InlineButton {
  const ended = item.kind === 'demarches' && item.phase === 'ended';
  const say = ended ? t.suivisStopEnded : t.suivisRemove;
  const room = LABEL_MAX - say('').length;
  return button(say(shorten(nameOf(item), room)), removalData(item, page));
}

export function renderFollowingView(
  page: number,
  subscriber: Subscriber,
  t: Catalog,
  listed: readonly ListedDemarche[],
): FollowView {
  const items = followedItems(subscriber, listed, t);
  const pages = followingPageCount(items);
  const index = Math.min(Math.max(page, 0), pages - 1);
  const shown = items.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE);
  const ended = items.filter((i) => i.kind === 'demarches' && i.phase === 'ended').length;

  const lines = [t.suivisTitle, t.suivisCounts(counts(subscriber.follows))];
  if (ended) lines.push('', t.suivisEndedProposal(ended));
  if (!items.length) lines.push('', t.suivisEmpty);
  const groups: [string, FollowedItem['kind']][] = [
    [t.suivisDemarches, 'demarches'],
    [t.suivisThemes, 'themes'],
    [t.suivisPlaces, 'territories'],
  ];
  for (const [heading, kind] of groups) {
    const inGroup = shown.filter((i) => i.kind === kind);
    if (inGroup.length) lines.push('', heading, ...inGroup.map((i) => lineOf(i, t)));
  }
  if (pages > 1) lines.push('', t.suivisPage(index + 1, pages));
  if (items.length) lines.push('', t.suivisHowTo);

  const nav: InlineButton[] = [];
  if (index > 0) nav.push(button(t.followPrevious, `f:s:${index - 1}`));
  if (index < pages - 1) nav.push(button(t.followNext, `f:s:${index + 1}`));
  return {
    text: lines.join('\n'),
    parse_mode: 'HTML',
    reply_markup: {
      inline_keyboard: [
        ...shown.map((item) => [removalButton(item, index, t)]),
        ...(nav.length ? [nav] : []),
        [button(t.suivisAddMore, 'f:m'), button(t.followDone, 'f:x')],
      ],
    },
  };
}

export interface FollowRemoval {
  kind: FollowKind;
  /** A theme or territory slug, or the hash of a démarche's slug. */
  key: string;
  page: number;
}

export function decodeFollowRemoval(data: string): FollowRemoval | undefined {
  const m = /^fu:(d|t|p):([A-Za-z0-9_-]{1,40}):(\d{1,3})$/.exec(data);
  if (!m) return undefined;
  const kind = ({ d: 'demarches', t: 'themes', p: 'territories' } as const)[m[1] as 'd' | 't' | 'p'];
  return { kind, key: m[2]!, page: Number(m[3]) };
}

/** The followed item a removal names, if the subscriber still follows it. */
export function followedItemOf(
  removal: FollowRemoval,
  subscriber: Subscriber,
  listed: readonly ListedDemarche[],
  t: Catalog,
): FollowedItem | undefined {
  return followedItems(subscriber, listed, t).find(
    (item) =>
      item.kind === removal.kind && (item.kind === 'demarches' ? demarcheHash(item.key) : item.key) === removal.key,
  );
}
