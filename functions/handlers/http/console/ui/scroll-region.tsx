// A wide table's horizontal scroll at 390 px: a region that the keyboard can reach and scroll
// (tabindex), named for screen readers (axe: scrollable-region-focusable).
import type { Child, FC } from 'hono/jsx';

export const ScrollRegion: FC<{ label: string; children: Child }> = ({ label, children }) => (
  <div class="table-scroll" tabindex={0} role="region" aria-label={label}>
    {children}
  </div>
);
