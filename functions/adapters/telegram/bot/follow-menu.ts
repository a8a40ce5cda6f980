// The « what do you follow » menu: its pages (démarches, themes, communes, quartiers) as one
// message edited in place, and the callback_data of its buttons. Démarche slugs run to 80
// characters, past Telegram's 64-byte callback_data, so buttons carry a short hash of the slug.
import { createHash } from 'node:crypto';
import type { CoreContext } from '#core/context';
import type { Demarche } from '#core/demarches/demarche';
import { stepPhase } from '#core/demarches/demarche';
import { COMMUNES, QUARTIERS_DE_NANTES, THEMES, type Theme } from '#core/demarches/places';
import type { Follows, Subscriber } from '#core/subscribers/subscriber';
import type { FollowKind } from '#core/subscribers/use-cases';
import type { Catalog } from '../messages/catalog';
import { shorten } from '../messages/format';
import type { InlineButton } from '../question-message';

export type FollowPage =
  { section: 'menu' } | { section: 'demarches'; page: number } | { section: 'themes' | 'communes' | 'quartiers' };
export interface FollowView {
  text: string;
  parse_mode: 'HTML';
  reply_markup: { inline_keyboard: InlineButton[][] };
}

const PAGE_SIZE = 8;
/** Button labels longer than this are cut: a phone shows about 40 characters on one line. */
const LABEL_MAX = 48;

export const demarcheHash = (slug: string) => createHash('sha256').update(slug).digest('base64url').slice(0, 10);

/** Open or upcoming démarches (a step still to come or under way), plus any the subscriber follows. */
export async function followableDemarches(core: CoreContext, follows: Follows): Promise<Demarche[]> {
  const now = core.clock.now();
  const all: Demarche[] = [];
  let cursor: string | undefined;
  do {
    const page = await core.store.demarches.list({ limit: 100, cursor });
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all
    .filter(
      (d) =>
        follows.demarches.includes(d.slug) || d.steps.length === 0 || d.steps.some((s) => stepPhase(s, now) !== 'past'),
    )
    .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}

export const counts = (f: Follows) => ({
  demarches: f.demarches.length,
  themes: f.themes.length,
  territories: f.territories.length,
});

const button = (text: string, callback_data: string): InlineButton => ({ text, callback_data });
const check = (on: boolean, label: string) => (on ? `✅ ${label}` : label);
const pairs = <T>(items: T[]): T[][] =>
  items.reduce<T[][]>((rows, item, i) => (i % 2 ? rows[rows.length - 1]!.push(item) : rows.push([item]), rows), []);

export function renderFollowPage(
  page: FollowPage,
  subscriber: Subscriber,
  t: Catalog,
  demarches: Demarche[] = [],
): FollowView {
  const f = subscriber.follows;
  const back = [button(t.followBack, 'f:m')];
  const view = (text: string, inline_keyboard: InlineButton[][]): FollowView => ({
    text,
    parse_mode: 'HTML',
    reply_markup: { inline_keyboard },
  });
  switch (page.section) {
    case 'menu':
      return view(t.followMenu(counts(f)), [
        [button(t.followSectionDemarches, 'f:d:0')],
        [button(t.followSectionThemes, 'f:t')],
        [button(t.followSectionCommunes, 'f:c'), button(t.followSectionQuartiers, 'f:q')],
        [button(t.followDone, 'f:x')],
      ]);
    case 'demarches': {
      const pages = Math.max(1, Math.ceil(demarches.length / PAGE_SIZE));
      const index = Math.min(Math.max(page.page, 0), pages - 1);
      const shown = demarches.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE);
      const rows = shown.map((d) => [
        button(
          check(f.demarches.includes(d.slug), shorten(d.title, LABEL_MAX)),
          `ft:d:${demarcheHash(d.slug)}:${index}`,
        ),
      ]);
      const nav: InlineButton[] = [];
      if (index > 0) nav.push(button(t.followPrevious, `f:d:${index - 1}`));
      if (index < pages - 1) nav.push(button(t.followNext, `f:d:${index + 1}`));
      const text = demarches.length ? t.followDemarchesTitle(index + 1, pages) : t.noDemarches;
      return view(text, [...rows, ...(nav.length ? [nav] : []), back]);
    }
    case 'themes':
      return view(t.followThemesTitle, [
        ...pairs(
          (Object.keys(THEMES) as Theme[]).map((k) =>
            button(check(f.themes.includes(k), t.themeLabels[k]), `ft:t:${k}`),
          ),
        ),
        back,
      ]);
    case 'communes':
      return view(t.followCommunesTitle, [
        ...pairs(
          Object.entries(COMMUNES).map(([k, label]) => button(check(f.territories.includes(k), label), `ft:c:${k}`)),
        ),
        back,
      ]);
    case 'quartiers':
      // One per row: « Bellevue – Chantenay – Sainte-Anne » does not fit half a phone's width.
      return view(t.followQuartiersTitle, [
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
  page: FollowPage;
}

export function decodeFollowPage(data: string): FollowPage | undefined {
  const m = /^f:(m|t|c|q|d:(\d{1,3}))$/.exec(data);
  if (!m) return undefined;
  if (m[2] !== undefined) return { section: 'demarches', page: Number(m[2]) };
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
