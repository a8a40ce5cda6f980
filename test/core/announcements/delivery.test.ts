// An announcement on the send path, through the Telegram simulator: « Plus que 2 jours » skips the
// followers who already answered the step's questionnaire, and an English subscriber reads the
// English text (the templates are written in both).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnnouncedDemarche } from '#core/announcements/demarche-hook';
import { announcementId } from '#core/announcements/wanted';
import { dispatchDueCampaigns } from '#core/delivery/dispatch';
import { response } from '../../adapters/dynamodb/fixtures';
import { type DeliveryHarness, startDeliveryHarness } from '../delivery/support';
import { AGENT, timeline } from './support';

let h: DeliveryHarness;
beforeEach(async () => {
  h = await startDeliveryHarness();
});
afterEach(() => h.close());

const follows = { follows: { demarches: ['budget-2027'], themes: [], territories: [] } };

describe('an announcement on Telegram', () => {
  it('reminds only those who have not answered, each in their language', async () => {
    await createAnnouncedDemarche(h.ctx, AGENT, timeline());
    const [answered, french, english] = await h.addSubscribers(3, (i) => ({
      ...follows,
      language: i === 2 ? 'en' : 'fr',
    }));
    await h.store.responses.save(response({ questionnaireId: 'q1', subscriberId: answered!.id }), undefined);

    h.clock.advance(Date.parse('2026-03-08T17:00:00Z') - h.clock.now().getTime());
    const report = await dispatchDueCampaigns(h.dispatchDeps);
    // Openings long past their grace are cancelled; only the reminder leaves, to two of the three.
    expect(report.dispatched).toEqual([
      { campaignId: announcementId('budget-2027', 'consult', 'closing_soon'), recipients: 2, jobs: 2 },
    ]);
    expect(report.expired).toHaveLength(3);
    await h.queue.idle();

    expect(h.botMessages(answered!.chatId)).toEqual([]);
    expect(h.botMessages(french!.chatId).map((m) => m.text)).toEqual([
      expect.stringMatching(
        /^Plus que 2 jours : Budget participatif 2027\n\nLa consultation « Dépôt des idées » se termine le mardi 10 mars à 18:00/,
      ),
    ]);
    expect(h.botMessages(english!.chatId).map((m) => m.text)).toEqual([
      expect.stringMatching(
        /^Only 2 days left: Budget participatif 2027\n\nThe consultation “Dépôt des idées” ends on Tuesday 10 March at 18:00/,
      ),
    ]);
  });
});
