// What the public « S'abonner » page lists: the global scope, every démarche, and the themes and
// places that have at least one démarche (an empty theme's feed and calendar would stay empty).
import type { CoreContext } from '../context';
import { TERRITORIES, THEMES, type Theme } from '../demarches/places';
import { allDemarches } from '../evaluation/proposals';
import type { CalendarScope } from './read';

export interface SubscriptionScope {
  scope: CalendarScope;
  label: string;
}

export interface SubscriptionList {
  demarches: SubscriptionScope[];
  themes: SubscriptionScope[];
  places: SubscriptionScope[];
}

const byLabel = (a: SubscriptionScope, b: SubscriptionScope) => a.label.localeCompare(b.label, 'fr');

export async function listSubscriptions(ctx: CoreContext): Promise<SubscriptionList> {
  const demarches = await allDemarches(ctx);
  const themes = new Set<Theme>(demarches.flatMap((d) => d.themes));
  const places = new Set(demarches.flatMap((d) => d.territories));
  return {
    demarches: demarches
      .map((d) => ({ scope: { kind: 'demarches' as const, key: d.slug }, label: d.title }))
      .sort(byLabel),
    themes: [...themes].map((key) => ({ scope: { kind: 'themes' as const, key }, label: THEMES[key] })).sort(byLabel),
    places: [...places]
      .filter((key) => Object.hasOwn(TERRITORIES, key))
      .map((key) => ({ scope: { kind: 'territoires' as const, key }, label: TERRITORIES[key]!.label }))
      .sort(byLabel),
  };
}
