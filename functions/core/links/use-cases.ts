// Use cases of start links: agents create, list and delete them; the bot resolves a `start` payload
// and applies the follow it names. A subscription is counted when the link adds a follow the person
// did not have (one atomic ADD on the link, nothing stored about who): someone already following
// who scans the poster again adds nothing, so the count is of people the poster brought.
import type { Actor, CoreContext } from '../context';
import { invalid, notFound } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import type { Subscriber } from '../subscribers/subscriber';
import {
  START_PAYLOAD,
  type StartLink,
  StartLinkInput,
  type StartLinkTarget,
  followKindOf,
  staticTargetLabel,
} from './start-link';

export async function createStartLink(ctx: CoreContext, actor: Actor, input: unknown): Promise<StartLink> {
  const data = parseOrThrow(StartLinkInput, input, 'le lien');
  if (data.target.kind === 'demarche' && !(await ctx.store.demarches.get(data.target.key)))
    throw invalid('target.key', 'demarche_exists', `la démarche « ${data.target.key} » n’existe pas`);
  const link: StartLink = {
    id: ctx.ids.next(),
    target: data.target,
    label: data.label,
    subscriptions: 0,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: actor.agentId,
  };
  await ctx.store.startLinks.create(link);
  return link;
}

export const listStartLinks = (ctx: CoreContext) => ctx.store.startLinks.list();

export async function getStartLink(ctx: CoreContext, id: string): Promise<StartLink> {
  const link = START_PAYLOAD.test(id) ? await ctx.store.startLinks.get(id) : undefined;
  if (!link) throw notFound('Lien', id);
  return link;
}

/** Deletes the link: a poster still showing it then starts a normal onboarding, saying the link is no longer valid. */
export async function deleteStartLink(ctx: CoreContext, id: string): Promise<void> {
  await getStartLink(ctx, id);
  await ctx.store.startLinks.delete(id);
}

/** A link the bot can act on: it exists and what it names still does. */
export interface ResolvedStartLink {
  link: StartLink;
  /** What is followed, by name: a démarche's title, a theme's or a place's label. */
  targetTitle: string;
}

/** Resolves a `start` payload; undefined for a malformed, unknown or deleted link, or one whose démarche is gone. */
export async function resolveStartLink(ctx: CoreContext, payload: string): Promise<ResolvedStartLink | undefined> {
  if (!START_PAYLOAD.test(payload)) return undefined;
  const link = await ctx.store.startLinks.get(payload);
  if (!link) return undefined;
  const title = await targetTitle(ctx, link.target);
  return title === undefined ? undefined : { link, targetTitle: title };
}

async function targetTitle(ctx: CoreContext, target: StartLinkTarget): Promise<string | undefined> {
  if (target.kind !== 'demarche') return staticTargetLabel(target);
  return (await ctx.store.demarches.get(target.key))?.title;
}

/** A pending subscriber keeps the link they came through until they answer the consent (one put, only if it changed). */
export async function keepStartLink(ctx: CoreContext, subscriber: Subscriber, link: StartLink): Promise<Subscriber> {
  if (subscriber.startLink === link.id) return subscriber;
  const kept: Subscriber = { ...subscriber, startLink: link.id, updatedAt: ctx.clock.now().toISOString() };
  await ctx.store.subscribers.put(kept);
  return kept;
}

export type StartLinkOutcome = 'followed' | 'already_following' | 'expired' | 'none';

/**
 * Applies what the link names to an active subscriber, and drops their kept `startLink`: one put of
 * the subscriber (skipped when nothing changes), then one ADD on the link when a follow was added.
 */
export async function followThroughLink(
  ctx: CoreContext,
  subscriber: Subscriber,
  resolved: ResolvedStartLink | undefined,
): Promise<{ subscriber: Subscriber; outcome: StartLinkOutcome }> {
  const { startLink: _kept, ...rest } = subscriber;
  const kind = resolved && followKindOf(resolved.link.target);
  const list: string[] = kind ? subscriber.follows[kind] : [];
  const adds = resolved !== undefined && !list.includes(resolved.link.target.key);
  if (adds || _kept !== undefined) {
    const next: Subscriber = {
      ...rest,
      ...(adds && kind ? { follows: { ...subscriber.follows, [kind]: [...list, resolved.link.target.key] } } : {}),
      updatedAt: ctx.clock.now().toISOString(),
    };
    await ctx.store.subscribers.put(next);
    subscriber = next;
  }
  if (!resolved) return { subscriber, outcome: 'expired' };
  if (!adds) return { subscriber, outcome: 'already_following' };
  await ctx.store.startLinks.countSubscription(resolved.link.id);
  return { subscriber, outcome: 'followed' };
}

/** After « J'accepte »: the link kept while consent was pending is applied (or found expired). */
export async function applyKeptStartLink(
  ctx: CoreContext,
  subscriber: Subscriber,
): Promise<{ subscriber: Subscriber; outcome: StartLinkOutcome; resolved?: ResolvedStartLink }> {
  if (subscriber.startLink === undefined) return { subscriber, outcome: 'none' };
  const resolved = await resolveStartLink(ctx, subscriber.startLink);
  return { ...(await followThroughLink(ctx, subscriber, resolved)), ...(resolved ? { resolved } : {}) };
}
