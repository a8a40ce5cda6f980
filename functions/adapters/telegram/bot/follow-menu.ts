// The « what do you follow » menu: its pages (démarches, themes, communes, quartiers) as one
// message edited in place, and the callback_data of its buttons. Démarche slugs run to 80
// characters, past Telegram's 64-byte callback_data, so buttons carry a short hash of the slug.
import { createHash } from 'node:crypto';
import type { CoreContext } from '#core/context';
import type { Demarche } from '#core/demarches/demarche';
import { type DemarchePhase, sortByPhase } from '#core/demarches/phase';
import { COMMUNES, QUARTIERS_DE_NANTES, THEMES, type Theme } from '#core/demarches/places';
import type { Follows, Subscriber } from '#core/subscribers/subscriber';
import type { FollowKind } from '#core/subscribers/use-cases';
import type { Catalog } from '../messages/catalog';
import { escapeHtml, shorten } from '../messages/format';
import type { InlineButton } from '../question-message';

/** A page of the follow menu proper, edited in place. */
export type MenuPage =
  { section: 'menu' } | { section: 'demarches'; page: number } | { section: 'themes' | 'communes' | 'quartiers' };
/** Any page a `f:` button opens: the menu's, or the `/suivis` view (following-view.ts) in the same message. */
export type FollowPage = MenuPage | { section: 'following'; page: number };
export interface FollowView {
  text: string;
  parse_mode: 'HTML';
  reply_markup: { inline_keyboard: InlineButton[][] };
}

export const PAGE_SIZE = 8;
/** Button labels longer than this are cut: a phone shows about 40 characters on one line. */
export const LABEL_MAX = 48;

export const demarcheHash = (slug: string) => createHash('sha256').update(slug).digest('base64url').slice(0, 10);

/** A démarche as the menus list it: with its phase, computed once per update. */
export interface ListedDemarche {
  demarche: Demarche;
  phase: DemarchePhase;
}

/**
 * Every démarche, in progress first, then upcoming, then ended: all stay followable (the Grand
 * débat may be between steps or past its last one and still matter to its followers).
 */
export async function listDemarches(core: CoreContext): Promise<ListedDemarche[]> {
  const all: Demarche[] = [];
  let cursor: string | undefined;
  do {
    const page = await core.store.demarches.list({ limit: 100, cursor });
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return sortByPhase(all, core.clock.now());
}

export const demarchesPageCount = (listed: readonly unknown[]) => Math.max(1, Math.ceil(listed.length / PAGE_SIZE));

/** Names in the text, shortened, at most a few: the text says what is followed, the buttons only mark it. */
const FOLLOWED_NAMES_MAX = 6;
const NAME_MAX = 60;

export const counts = (f: Follows) => ({
  demarches: f.demarches.length,
  themes: f.themes.length,
  territories: f.territories.length,
});

/** « Vous suivez : A, B et 3 autres. »: a few names, escaped, shortened; the count of the rest. */
function names(all: string[], say: (shown: string[], more: number) => string): string {
  const shown = all.slice(0, FOLLOWED_NAMES_MAX).map((name) => escapeHtml(shorten(name, NAME_MAX)));
  return say(shown, all.length - shown.length);
}

const sectionText = (title: string, followed: string[], t: Catalog) =>
  `${title}\n\n${escapeHtml(t.followSectionFollowed(followed))}`;

const followedIn = (places: Record<string, string>, f: Follows) =>
  Object.entries(places)
    .filter(([k]) => f.territories.includes(k))
    .map(([, label]) => label);

export const button = (text: string, callback_data: string): InlineButton => ({ text, callback_data });
const check = (on: boolean, label: string) => (on ? `✅ ${label}` : label);
const pairs = <T>(items: T[]): T[][] =>
  items.reduce<T[][]>((rows, item, i) => (i % 2 ? rows[rows.length - 1]!.push(item) : rows.push([item]), rows), []);

export function renderFollowPage(
  page: MenuPage,
  subscriber: Subscriber,
  t: Catalog,
  demarches: readonly ListedDemarche[] = [],
): FollowView {
  const f = subscriber.follows;
  const back = [button(t.followBack, 'f:m')];
  const view = (text: string, inline_keyboard: InlineButton[][]): FollowView => ({
    text,
    parse_mode: 'HTML',
    reply_markup: { inline_keyboard },
  });
  switch (page.section) {
    case 'menu': {
      const ended = demarches.filter((d) => d.phase === 'ended' && f.demarches.includes(d.demarche.slug)).length;
      return view(`${t.followMenu(counts(f))}${ended ? `\n\n${t.followEndedHint(ended)}` : ''}`, [
        [button(t.followSectionDemarches, 'f:d:0')],
        [button(t.followSectionThemes, 'f:t')],
        [button(t.followSectionCommunes, 'f:c'), button(t.followSectionQuartiers, 'f:q')],
        [button(t.followMine, 'f:s:0'), button(t.followDone, 'f:x')],
      ]);
    }
    case 'demarches': {
      const pages = demarchesPageCount(demarches);
      const index = Math.min(Math.max(page.page, 0), pages - 1);
      const shown = demarches.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE);
      const rows = shown.map(({ demarche, phase }) => {
        // The phase in words on the button: « Grand débat · terminée », never an emoji alone.
        const suffix = ` · ${t.demarchePhases[phase]}`;
        const followed = f.demarches.includes(demarche.slug);
        const room = LABEL_MAX - suffix.length - (followed ? 2 : 0);
        return [
          button(
            check(followed, `${shorten(demarche.title, room)}${suffix}`),
            `ft:d:${demarcheHash(demarche.slug)}:${index}`,
          ),
        ];
      });
      const nav: InlineButton[] = [];
      if (index > 0) nav.push(button(t.followPrevious, `f:d:${index - 1}`));
      if (index < pages - 1) nav.push(button(t.followNext, `f:d:${index + 1}`));
      const followed = demarches.filter((d) => f.demarches.includes(d.demarche.slug)).map((d) => d.demarche.title);
      const text = demarches.length
        ? `${t.followDemarchesTitle(index + 1, pages)}\n\n${names(followed, (titles, more) => t.followDemarchesFollowed(titles, more))}`
        : t.noDemarches;
      return view(text, [...rows, ...(nav.length ? [nav] : []), back]);
    }
    case 'themes': {
      const themes = Object.keys(THEMES) as Theme[];
      return view(
        sectionText(
          t.followThemesTitle,
          themes.filter((k) => f.themes.includes(k)).map((k) => t.themeLabels[k]),
          t,
        ),
        [...pairs(themes.map((k) => button(check(f.themes.includes(k), t.themeLabels[k]), `ft:t:${k}`))), back],
      );
    }
    case 'communes':
      return view(sectionText(t.followCommunesTitle, followedIn(COMMUNES, f), t), [
        ...pairs(
          Object.entries(COMMUNES).map(([k, label]) => button(check(f.territories.includes(k), label), `ft:c:${k}`)),
        ),
        back,
      ]);
    case 'quartiers':
      // One per row: « Bellevue – Chantenay – Sainte-Anne » does not fit half a phone's width.
      return view(sectionText(t.followQuartiersTitle, followedIn(QUARTIERS_DE_NANTES, f), t), [
        ...Object.entries(QUARTIERS_DE_NANTES).map(([k, label]) => [
          button(check(f.territories.includes(k), label), `ft:q:${k}`),
        ]),
        back,
      ]);
  }
}

/** A toggle press: what to follow or unfollow, and which page to show again. */
export interface FollowToggle {
  kind: FollowKind;
  /** A theme or territory slug, or the hash of a démarche slug. */
  key: string;
  page: MenuPage;
}

export function decodeFollowPage(data: string): FollowPage | undefined {
  const m = /^f:(m|t|c|q|d:(\d{1,3})|s:(\d{1,3}))$/.exec(data);
  if (!m) return undefined;
  if (m[2] !== undefined) return { section: 'demarches', page: Number(m[2]) };
  if (m[3] !== undefined) return { section: 'following', page: Number(m[3]) };
  return {
    section: ({ m: 'menu', t: 'themes', c: 'communes', q: 'quartiers' } as const)[m[1] as 'm' | 't' | 'c' | 'q'],
  };
}

export function decodeFollowToggle(data: string): FollowToggle | undefined {
  const m = /^ft:(d|t|c|q):([A-Za-z0-9_-]{1,40})(?::(\d{1,3}))?$/.exec(data);
  if (!m) return undefined;
  const [, section, key, page] = m as unknown as [string, 'd' | 't' | 'c' | 'q', string, string | undefined];
  if (section === 'd')
    return page === undefined
      ? undefined
      : { kind: 'demarches', key, page: { section: 'demarches', page: Number(page) } };
  if (page !== undefined) return undefined;
  if (section === 't') return { kind: 'themes', key, page: { section: 'themes' } };
  return { kind: 'territories', key, page: { section: section === 'c' ? 'communes' : 'quartiers' } };
}

/** The label a toast names after a toggle (escaped nowhere: toasts are plain text). */
export function followLabel(toggle: FollowToggle, t: Catalog, demarche?: Demarche): string {
  if (toggle.kind === 'demarches') return demarche?.title ?? toggle.key;
  if (toggle.kind === 'themes') return t.themeLabels[toggle.key as Theme] ?? toggle.key;
  return (
    (COMMUNES as Record<string, string>)[toggle.key] ??
    (QUARTIERS_DE_NANTES as Record<string, string>)[toggle.key] ??
    toggle.key
  );
}
