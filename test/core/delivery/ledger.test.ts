// What a ledger line says to a worker that finds it: final, in flight (leave it), abandoned (send
// again, uncertain), deferred (send again, known not sent); and the notes carried in `error`.
import { describe, expect, it } from 'vitest';
import type { Delivery } from '#core/delivery/delivery';
import { lineState, readNote, writeNote } from '#core/delivery/ledger';

const line = (over: Partial<Delivery> = {}): Delivery => ({
  campaignId: 'c1',
  channel: 'telegram',
  recipient: 's1',
  status: 'pending',
  attempts: 0,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('ledger lines', () => {
  it('round-trips the deferred and uncertain notes with the message', () => {
    const fields = writeNote({ deferred: true, uncertain: true, message: '429 Too Many Requests' });
    expect(fields).toEqual({ deferred: true, uncertain: true, error: '429 Too Many Requests' });
    expect(readNote(fields)).toEqual({ deferred: true, uncertain: true, message: '429 Too Many Requests' });
    expect(readNote({ error: '403 Forbidden: bot was blocked by the user' })).toEqual({
      deferred: false,
      uncertain: false,
      message: '403 Forbidden: bot was blocked by the user',
    });
    // No flag is stored as `false`: an item carries only what is true of it.
    expect(writeNote({ deferred: false, uncertain: false })).toEqual({
      deferred: undefined,
      uncertain: undefined,
      error: undefined,
    });
    expect(writeNote({ deferred: false, uncertain: false, message: 'x'.repeat(600) }).error).toHaveLength(500);
  });

  it('tells a send in flight from an abandoned one by the lease', () => {
    expect(lineState(line(), at('2026-03-01T09:04:59.000Z'), 5 * 60_000)).toEqual({ kind: 'in_flight' });
    expect(lineState(line(), at('2026-03-01T09:05:00.000Z'), 5 * 60_000)).toEqual({ kind: 'abandoned' });
    expect(
      lineState(line({ deferred: true, uncertain: true, error: 'timeout' }), at('2026-03-01T09:00:01.000Z'), 60_000),
    ).toEqual({ kind: 'deferred', uncertain: true });
    for (const status of ['sent', 'failed', 'blocked'] as const)
      expect(lineState(line({ status }), at('2026-03-01T10:00:00.000Z'), 0)).toEqual({ kind: 'final' });
  });
});
