// When the public may see a questionnaire's results, and which responses count in them.
import { describe, expect, it } from 'vitest';
import { publicResponses, resultsVisibility } from '#core/results/visibility';
import { at, questionnaire, response } from '../../adapters/dynamodb/fixtures';

const open = new Date(at(60));
const closed = new Date(at(60 * 24 * 15));
const before = new Date(at(-60));

describe('results visibility', () => {
  it('hides private results for good, whatever the phase', () => {
    for (const now of [before, open, closed])
      expect(resultsVisibility(questionnaire({ resultsPolicy: 'private' }), now)).toEqual({
        visible: false,
        reason: 'private',
      });
  });

  it('shows results after close only once closed, and says when', () => {
    const q = questionnaire({ resultsPolicy: 'public_after_close' });
    expect(resultsVisibility(q, before)).toEqual({ visible: false, reason: 'not_yet', from: q.opensAt });
    expect(resultsVisibility(q, open)).toEqual({ visible: false, reason: 'not_yet', from: q.closesAt });
    expect(resultsVisibility(q, closed)).toEqual({ visible: true });
  });

  it('shows live results from the opening on', () => {
    const q = questionnaire({ resultsPolicy: 'public_live' });
    expect(resultsVisibility(q, before)).toMatchObject({ visible: false, reason: 'not_yet' });
    expect(resultsVisibility(q, open)).toEqual({ visible: true });
    expect(resultsVisibility(q, closed)).toEqual({ visible: true });
  });

  it('keeps out the responses first given under a private promise, even if changed since', () => {
    const early = response({ subscriberId: 'early', createdAt: at(10), updatedAt: at(200) });
    const late = response({ subscriberId: 'late', createdAt: at(100), updatedAt: at(100) });
    expect(publicResponses(questionnaire({ publicFrom: at(100) }), [early, late])).toEqual([late]);
    expect(publicResponses(questionnaire(), [early, late])).toEqual([early, late]);
  });
});
