import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_STATUSES,
  type Campaign,
  type CampaignStatus,
  CampaignInput,
  STATUS_LABELS,
  assertEditable,
  canTransition,
  transition,
} from '#core/campaigns/campaign';
import { matchesAudience } from '#core/campaigns/audience';
import { telegramCampaignFormat } from '#adapters/telegram/campaign-message';
import { assertFitsTelegram } from '#core/campaigns/telegram-format';
import { DomainError } from '#core/shared/errors';

const now = new Date('2026-11-25T10:00:00Z');
const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  ...CampaignInput.parse({
    message: { title: 'T', text: 'Texte', link: 'https://example.org' },
    channels: ['telegram'],
    sendAt: '2026-11-26T10:00:00Z',
  }),
  id: 'c1',
  status: 'draft',
  createdBy: 'a',
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  version: 1,
  ...over,
});

describe('campaign lifecycle', () => {
  it('allows draft → scheduled → sending → sent', () => {
    const scheduled = transition(campaign(), 'scheduled', now);
    const sending = transition(scheduled, 'sending', now);
    expect(transition(sending, 'sent', now).status).toBe('sent');
  });

  it('refuses scheduling in the past, naming the rule', () => {
    const err = (() => {
      try {
        transition(campaign({ sendAt: '2026-11-25T09:59:59.000Z' }), 'scheduled', now);
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect(err?.violations[0]).toMatchObject({ field: 'sendAt', rule: 'send_at_in_future' });
  });

  it('refuses illegal moves and edits of what is being sent', () => {
    expect(canTransition('sent', 'scheduled')).toBe(false);
    expect(canTransition('draft', 'sending')).toBe(false);
    expect(() => transition(campaign({ status: 'sent' }), 'cancelled', now)).toThrow(/envoyée/);
    expect(() => assertEditable(campaign({ status: 'sending' }))).toThrow(DomainError);
    expect(() => assertEditable(campaign({ status: 'scheduled' }))).not.toThrow();
  });

  it('allows exactly the moves of the lifecycle, pause and resume included, and refuses the others with their rule', () => {
    const legal: Record<CampaignStatus, CampaignStatus[]> = {
      draft: ['scheduled', 'cancelled'],
      scheduled: ['draft', 'sending', 'cancelled'],
      sending: ['paused', 'sent', 'failed', 'cancelled'],
      paused: ['sending', 'cancelled'],
      sent: [],
      cancelled: [],
      failed: [],
    };
    expect(STATUS_LABELS.paused).toBe('en pause');
    for (const from of CAMPAIGN_STATUSES)
      for (const to of CAMPAIGN_STATUSES) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(legal[from].includes(to));
        if (legal[from].includes(to)) continue;
        const refused = (() => {
          try {
            transition(campaign({ status: from }), to, now);
          } catch (e) {
            return e as DomainError;
          }
        })();
        expect(refused?.code).toBe('Conflict');
        expect(refused?.violations[0]?.rule).toBe(`transition_${from}_to_${to}`);
      }
  });

  it('rejects an empty followers audience and repeated channels', () => {
    const base = { message: { title: 'T', text: 'x', link: 'https://e.org' }, sendAt: now.toISOString() };
    expect(CampaignInput.safeParse({ ...base, channels: ['x', 'x'] }).success).toBe(false);
    const r = CampaignInput.safeParse({ ...base, channels: ['x'], audience: { kind: 'followers' } });
    expect(r.success).toBe(false);
  });
});

describe('audience', () => {
  const sub = {
    status: 'active' as const,
    follows: { demarches: ['plan-velo-reze'], themes: [], territories: ['reze' as const] },
  };
  it('matches followers of a démarche or territory, only when active', () => {
    expect(matchesAudience({ kind: 'everyone' }, sub)).toBe(true);
    expect(
      matchesAudience({ kind: 'followers', demarches: [], themes: ['mobilites'], territories: ['reze'] }, sub),
    ).toBe(true);
    expect(matchesAudience({ kind: 'followers', demarches: ['autre'], themes: [], territories: [] }, sub)).toBe(false);
    expect(matchesAudience({ kind: 'everyone' }, { ...sub, status: 'blocked' })).toBe(false);
  });
});

describe('Telegram limits', () => {
  // The caption of a message with an image is the short message (two lines): it always fits
  // 1,024 characters. What must fit is the whole text, sent as a text on « Lire le message entier ».
  it('accepts a long text with an image, and refuses a whole message over 4,096 characters', () => {
    const message = { title: 'T', text: 'x'.repeat(1100), link: 'https://e.org', imageUrl: 'https://e.org/i.png' };
    expect(() => assertFitsTelegram(telegramCampaignFormat, message)).not.toThrow();
    expect(() => assertFitsTelegram(telegramCampaignFormat, { ...message, text: 'x'.repeat(4100) })).toThrow(
      'un message Telegram compte au plus 4096 caractères : il en compte 4119 en français (titre, texte et lien compris)',
    );
  });
});
