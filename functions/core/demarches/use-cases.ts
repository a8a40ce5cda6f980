// Use cases of démarches: agents create and correct a démarche and its timeline.
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { conflict, notFound } from '../shared/errors';
import { applyMergePatch, mergePatchSchema, sameJson } from '../shared/merge-patch';
import { parseOrThrow } from '../shared/parse';
import type { ListOptions } from '../store';
import { type Demarche, DemarcheInput, reviseSteps, sortSteps } from './demarche';

export async function createDemarche(ctx: CoreContext, actor: Actor, input: unknown): Promise<Demarche> {
  const data = parseOrThrow(DemarcheInput, input, 'la démarche');
  const now = ctx.clock.now().toISOString();
  const steps = reviseSteps([], sortSteps(data.steps), now);
  const demarche: Demarche = { ...data, steps, createdAt: now, updatedAt: now, version: 1 };
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
 * The body of a PATCH: a JSON Merge Patch of the démarche's input. The slug is its permanent
 * address (feeds, follows): it is not part of it, so `{"slug":…}` is refused as any unknown field.
 */
export const DemarchePatch = mergePatchSchema(DemarcheInput.omit({ slug: true }));

/**
 * Applies a JSON Merge Patch and re-validates the whole démarche with the schema of a creation.
 * A patch that changes nothing writes nothing: no new version, no audit entry.
 */
export async function updateDemarche(
  ctx: CoreContext,
  actor: Actor,
  slug: string,
  patch: unknown,
  expectedVersion?: number,
): Promise<Demarche> {
  const changes = parseOrThrow(DemarchePatch, patch, 'la modification');
  const current = await getDemarche(ctx, slug);
  if (expectedVersion !== undefined && expectedVersion !== current.version)
    throw conflict(`la démarche a été modifiée entre-temps (version ${current.version})`, 'version_matches');
  const { createdAt, updatedAt: _previousUpdate, version, ...editable } = current;
  const data = parseOrThrow(DemarcheInput, applyMergePatch(editable, changes), 'la démarche');
  const now = ctx.clock.now().toISOString();
  const steps = reviseSteps(current.steps, sortSteps(data.steps), now);
  if (sameJson({ ...data, steps }, editable)) return current;
  const next: Demarche = { ...data, steps, createdAt, updatedAt: now, version: version + 1 };
  await ctx.store.demarches.update(next, version);
  await recordChange(ctx, actor, 'demarche.update', { type: 'demarche', id: slug }, current, next);
  return next;
}
