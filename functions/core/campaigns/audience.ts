// Who a campaign is for: everyone, or the followers of some démarches, themes or territories.
import type { Subscriber } from '../subscribers/subscriber';
import type { Audience } from './campaign';

export function matchesAudience(audience: Audience, subscriber: Pick<Subscriber, 'follows' | 'status'>): boolean {
  if (subscriber.status !== 'active') return false;
  if (audience.kind === 'everyone') return true;
  const f = subscriber.follows;
  return (
    audience.demarches.some((d) => f.demarches.includes(d)) ||
    audience.themes.some((t) => f.themes.includes(t)) ||
    audience.territories.some((t) => f.territories.includes(t))
  );
}
