// The real clock. Tests pass their own `Clock` to pin time.
import type { Clock } from '#core/shared/ports';

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put: for tests, benchmarks and demo replays. */
export function fixedClock(start: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (at) => (now = new Date(at)),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
  };
}
