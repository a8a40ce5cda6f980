// The buttons that move a campaign along its lifecycle, each its own small POST form, offered only
// when the campaign's status allows the move and the agent's role allows writing.
import type { FC } from 'hono/jsx';
import { hasRole } from '#core/agents/agent';
import type { Role } from '#core/agents/agent';
import type { Campaign, CampaignStatus } from '#core/campaigns/campaign';
import { ActionButton } from '../../ui/forms';

export type CampaignAction = 'programmer' | 'deprogrammer' | 'annuler' | 'pause' | 'reprendre' | 'test';

/** Which moves each status allows (the use cases decide; this only avoids offering what they refuse). */
const OFFERED: Record<CampaignStatus, readonly CampaignAction[]> = {
  draft: ['programmer', 'test', 'annuler'],
  scheduled: ['deprogrammer', 'test', 'annuler'],
  sending: ['pause', 'annuler'],
  paused: ['reprendre', 'annuler'],
  sent: [],
  cancelled: [],
  failed: [],
};

export const offeredActions = (status: CampaignStatus, role: Role): readonly CampaignAction[] =>
  hasRole(role, 'editor') ? OFFERED[status] : [];

const BUTTONS: Record<CampaignAction, { label: string; confirm?: string; danger?: boolean; secondary?: boolean }> = {
  programmer: { label: 'Programmer l’envoi' },
  deprogrammer: { label: 'Déprogrammer (revenir au brouillon)', secondary: true },
  test: { label: 'M’envoyer un test sur Telegram', secondary: true },
  pause: { label: 'Mettre en pause' },
  reprendre: { label: 'Reprendre l’envoi' },
  annuler: {
    label: 'Annuler la campagne',
    danger: true,
    confirm: 'Annuler cette campagne ? Elle ne pourra plus être envoyée ni reprise.',
  },
};

/** The offered actions; `blocker` says why scheduling is impossible (the button is then disabled). */
export const CampaignActions: FC<{
  campaign: Pick<Campaign, 'id' | 'status'>;
  role: Role;
  blocker?: string;
  /** Only these (the watching page offers pause, resume and cancel), asked from that page. */
  only?: readonly CampaignAction[];
  from?: 'envoi';
}> = ({ campaign, role, blocker, only, from }) => {
  const actions = offeredActions(campaign.status, role).filter((a) => !only || only.includes(a));
  if (actions.length === 0) return null;
  return (
    <div class="actions">
      {actions.map((action) =>
        action === 'programmer' && blocker ? (
          <span class="blocked-action">
            <button type="button" disabled aria-describedby={`blocage-${campaign.id}`}>
              {BUTTONS[action].label}
            </button>
            <span id={`blocage-${campaign.id}`} class="over-limit">
              Programmation impossible : {blocker}
            </span>
          </span>
        ) : (
          <ActionButton
            action={`/console/campagnes/${campaign.id}/${action}${from ? `?depuis=${from}` : ''}`}
            {...BUTTONS[action]}
          />
        ),
      )}
    </div>
  );
};
