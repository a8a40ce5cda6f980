// Use cases of démarches: agents create and correct a démarche and its timeline.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { conflict, notFound } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import type { ListOptions } from '../store';
import { type Demarche, DemarcheInput, sortSteps } from './demarche';

export async function createDemarche(ctx: CoreContext, actor: Actor, input: unknown): Promise<Demarche> {
  const data = parseOrThrow(DemarcheInput, input, 'la démarche');
  const now = ctx.clock.now().toISOString();
  const demarche: Demarche = { ...data, steps: sortSteps(data.steps), createdAt: now, updatedAt: now, version: 1 };
  await ctx.store.demarches.create(demarche);
  await recordChange(ctx, actor, 'demarche.create', { type: 'demarche', id: demarche.slug }, undefined, demarche);
  return demarche;
}

export async function getDemarche(ctx: CoreContext, slug: string): Promise<Demarche> {
  const demarche = await ctx.store.demarches.get(slug);
  if (!demarche) throw notFound('Démarche', slug);
  return demarche;
}

export const listDemarches = (ctx: CoreContext, options?: ListOptions) => ctx.store.demarches.list(options);

/**
 * Applies a partial change (top-level fields) and re-validates the whole démarche.
 * The slug is its permanent address (feeds, follows): it cannot change.
 */
export async function updateDemarche(
  ctx: CoreContext,
  actor: Actor,
  slug: string,
  patch: Record<string, unknown>,
  expectedVersion?: number,
): Promise<Demarche> {
  const current = await getDemarche(ctx, slug);
  if (expectedVersion !== undefined && expectedVersion !== current.version)
    throw conflict(`la démarche a été modifiée entre-temps (version ${current.version})`, 'version_matches');
  if (patch.slug !== undefined && patch.slug !== slug)
    throw conflict('le slug d’une démarche est son adresse permanente : il ne change pas', 'slug_immutable');
  const { createdAt, updatedAt: _previousUpdate, version, ...editable } = current;
  const data = parseOrThrow(DemarcheInput, { ...editable, ...patch, slug }, 'la démarche');
  const next: Demarche = {
    ...data,
    steps: sortSteps(data.steps),
    createdAt,
    updatedAt: ctx.clock.now().toISOString(),
    version: version + 1,
  };
  await ctx.store.demarches.update(next, version);
  await recordChange(ctx, actor, 'demarche.update', { type: 'demarche', id: slug }, current, next);
  return next;
}
