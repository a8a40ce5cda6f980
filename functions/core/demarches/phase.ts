// Where a démarche stands as a whole, from its timeline: in progress (a step has started and one is
// under way or still to come), upcoming (nothing has started yet, or no timeline is published
// yet), ended (every step is past). Cancelled steps do not count. An ended démarche stays
// followable (the Grand débat's synthesis and decision may come later): the phase orders and
// labels lists, it never removes anything.
import { type Demarche, type Step, stepPhase } from './demarche';

export type DemarchePhase = 'in_progress' | 'upcoming' | 'ended';

const live = (d: Pick<Demarche, 'steps'>): Step[] => d.steps.filter((s) => !s.cancelled);

export function demarchePhase(d: Pick<Demarche, 'steps'>, now: Date): DemarchePhase {
  const phases = live(d).map((s) => stepPhase(s, now));
  if (phases.length === 0 || phases.every((p) => p === 'upcoming')) return 'upcoming';
  if (phases.every((p) => p === 'past')) return 'ended';
  return 'in_progress';
}

const ORDER: Record<DemarchePhase, number> = { in_progress: 0, upcoming: 1, ended: 2 };
const firstStart = (d: Demarche) => live(d).reduce((min, s) => (s.start < min ? s.start : min), '9999');
const lastEnd = (d: Demarche) => live(d).reduce((max, s) => ((s.end ?? s.start) > max ? (s.end ?? s.start) : max), '');

/**
 * In progress first (by title), then upcoming (soonest first), then ended (most recently ended
 * first): what a citizen can still act on comes first.
 */
export function sortByPhase(demarches: readonly Demarche[], now: Date): { demarche: Demarche; phase: DemarchePhase }[] {
  return demarches
    .map((demarche) => ({ demarche, phase: demarchePhase(demarche, now) }))
    .sort((a, b) => {
      const byPhase = ORDER[a.phase] - ORDER[b.phase];
      if (byPhase) return byPhase;
      const byDate =
        a.phase === 'upcoming'
          ? firstStart(a.demarche).localeCompare(firstStart(b.demarche))
          : a.phase === 'ended'
            ? lastEnd(b.demarche).localeCompare(lastEnd(a.demarche))
            : 0;
      return byDate || a.demarche.title.localeCompare(b.demarche.title, 'fr');
    });
}
