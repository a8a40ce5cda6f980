// Linking an agent's own Telegram chat, once, so campaign tests reach them: the console gives a
// one-time code, the agent sends `/lier <code>` to the bot from their chat. The code is what proves
// the chat is theirs: short-lived (10 minutes), used once, stored only as a hash, one per agent.
import { createHash, randomInt } from 'node:crypto';
import * as z from 'zod';
import type { Actor, CoreContext } from '../context';
import { recordChange } from '../audit/record';
import { DomainError } from '../shared/errors';
import { Instant } from '../shared/schema';
import { type VisibleAgent, visibleAgent } from './agent';
import { refuseBootstrapAdmin } from './use-cases';

/** Read aloud or copied from a screen: no 0/O, 1/I/L to mistake for one another. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 8;
export const LINK_CODE_TTL_MS = 10 * 60_000;
/** The bot command, French first; `/link` works too. */
export const LINK_COMMAND = 'lier';

export const TelegramLinkCode = z.object({
  agentId: z.string(),
  /** SHA-256 of the code, hex: a table read gives no usable code. */
  codeHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: Instant,
  /** Checked on read: the embedded store never expires items (the TTL attribute is for AWS). */
  validUntil: Instant,
});
export type TelegramLinkCode = z.infer<typeof TelegramLinkCode>;

const newCode = () => Array.from({ length: LINK_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** What people type differs from what was shown in case and spacing only: `abcd 2345` is `ABCD2345`. */
export const normalizeLinkCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

const hashCode = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

/** A new code for the acting agent, replacing any code they had not used yet. */
export async function startTelegramLink(
  ctx: CoreContext,
  actor: Actor,
): Promise<{ code: string; expiresAt: string; command: string }> {
  refuseBootstrapAdmin(actor.agentId, 'il ne peut pas lier de chat Telegram');
  const code = newCode();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS).toISOString();
  await ctx.store.agents.putLinkCode({
    agentId: actor.agentId,
    codeHash: hashCode(code),
    createdAt: now.toISOString(),
    validUntil: expiresAt,
  });
  return { code, expiresAt, command: `/${LINK_COMMAND} ${code}` };
}

/** Why a code links nothing; the bot answers each in its own words. */
export type LinkRefusal = 'link_code_unknown' | 'link_code_expired';

const refuse = (rule: LinkRefusal, message: string) =>
  new DomainError('Conflict', message, [{ field: 'code', rule, message }]);

/**
 * `/lier <code>` from a private chat: consumes the code (a conditional delete, so it links once),
 * stores the chat id on its agent, and audits it. A wrong, replaced, used or expired code stores
 * nothing. The chat id is never shown by the API: only `telegramLinked`.
 */
export async function linkTelegramChat(ctx: CoreContext, typed: string, chatId: number): Promise<VisibleAgent> {
  const code = normalizeLinkCode(typed);
  const unknown = () =>
    refuse('link_code_unknown', 'code inconnu ou déjà utilisé : demandez-en un nouveau dans la console');
  if (code.length !== LINK_CODE_LENGTH) throw unknown();
  const found = await ctx.store.agents.findLinkCode(hashCode(code));
  if (!found) throw unknown();
  if (found.validUntil <= ctx.clock.now().toISOString())
    throw refuse('link_code_expired', 'ce code a expiré (il vaut 10 minutes) : demandez-en un nouveau dans la console');
  // Two chats racing with the same code: the delete's condition lets one of them through.
  if (!(await ctx.store.agents.consumeLinkCode(found))) throw unknown();
  const agent = await ctx.store.agents.get(found.agentId);
  if (!agent) throw unknown(); // revoked since the code was given
  const linked = { ...agent, telegramChatId: chatId };
  await ctx.store.agents.setTelegramChat(agent, chatId);
  const actor = { agentId: agent.id, name: agent.name };
  const before = visibleAgent(agent);
  const after = visibleAgent(linked);
  await recordChange(ctx, actor, 'agent.telegram_link', { type: 'agent', id: agent.id }, before, after);
  return after;
}
