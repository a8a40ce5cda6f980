// What a Lambda builds from a secret's values — the bot and its webhook routes, the admin app keyed
// by the bootstrap token, the X publisher — built again when (and only when) the values change, so a
// secret rotated in Secrets Manager is followed within its max age by every warm container.

export interface Followed<T, R> {
  secret: T;
  built: R;
}

/**
 * `read` is the secrets reader's (cached for the max age, failures not kept); `build` runs at the
 * first call and again after each change of the secret. A failed read throws: nothing is built from it.
 */
export function followSecret<T, R>(read: () => Promise<T>, build: (secret: T) => R): () => Promise<Followed<T, R>> {
  let current: (Followed<T, R> & { key: string }) | undefined;
  return async () => {
    const secret = await read();
    const key = JSON.stringify(secret);
    if (current?.key !== key) current = { key, secret, built: build(secret) };
    return current;
  };
}
