// Why Telegram messages did not get through, grouped for agents: the error a ledger line carries
// (the Bot API's "403 Forbidden: bot was blocked by the user", the sender's "(après 3 essais)", a
// subscriber's status at send time) reduced to one reason per cause, in French for the known ones.

/** Known causes, first match wins: the Bot API's descriptions (English) and the sender's own notes. */
const KNOWN: readonly [RegExp, string][] = [
  [/bot was blocked by the user/i, 'Le bot a été bloqué par l’abonné·e'],
  [/user is deactivated/i, 'Compte Telegram supprimé'],
  [/chat not found/i, 'Conversation introuvable'],
  [/bot was kicked|not a member/i, 'Le bot a été retiré de la conversation'],
  [/statut « (left|blocked) »/, 'Abonné·e parti·e avant l’envoi'],
  [/too many requests|^429\b/i, 'Trop de demandes : Telegram a demandé d’attendre'],
  [/^5\d\d\b/, 'Telegram indisponible (erreur serveur)'],
  [/pas de réponse de Telegram/, 'Pas de réponse de Telegram dans le délai'],
  [/^réseau\b/, 'Telegram injoignable (réseau)'],
  [/message is too long|caption is too long/i, 'Message trop long pour Telegram'],
];

export const UNKNOWN_REASON = 'Raison inconnue';

/**
 * The reason a line's error stands for: a known cause's label, or the error itself with its status
 * code, retry note and numbers (ids, counts) removed, so one cause makes one group.
 */
export function failureReason(error: string | undefined): string {
  if (!error?.trim()) return UNKNOWN_REASON;
  for (const [pattern, label] of KNOWN) if (pattern.test(error)) return label;
  const normalised = error
    .replace(/\s*\(après \d+ essais\)\s*$/, '')
    .replace(/^\d{3}\s+/, '')
    .replace(/\d+/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
  return normalised || UNKNOWN_REASON;
}
