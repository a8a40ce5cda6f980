// The subscriber key: a keyed hash of the chat id, stable, and useless without the secret.
import { describe, expect, it } from 'vitest';
import { PSEUDONYM_LENGTH, pseudonymFor } from '#core/subscribers/pseudonym';

describe('pseudonymFor', () => {
  it('is stable for a chat and secret, differs across secrets and chats, and hides the chat id', () => {
    const a = pseudonymFor(123456789, 'secret-a');
    expect(a).toMatch(new RegExp(`^[0-9a-f]{${PSEUDONYM_LENGTH}}$`));
    expect(pseudonymFor(123456789, 'secret-a')).toBe(a);
    expect(pseudonymFor(123456789, 'secret-b')).not.toBe(a);
    expect(pseudonymFor(123456780, 'secret-a')).not.toBe(a);
    expect(a).not.toContain('123456789');
  });

  it('refuses an empty secret', () => {
    expect(() => pseudonymFor(1, '')).toThrow(/SUBSCRIBER_KEY_SECRET/);
  });
});
