// What a change of results policy does to what the public sees, in words an agent can weigh before
// it applies: nothing promised private ever goes public afterwards (issue #8, « Bad input »), so
// going from `private` to a public policy needs a confirmation that says what will be published.
import type { CoreContext } from '../context';
import { DomainError } from '../shared/errors';
import { type Questionnaire, RESULTS_POLICY_LABELS, type ResultsPolicy } from './questionnaire';

export const PUBLICATION_NEEDS_CONFIRMATION = 'publication_needs_confirmation';

/** Going from private to public: the one change that needs the agent's explicit confirmation. */
export const isPublication = (before: ResultsPolicy, after: ResultsPolicy) =>
  before === 'private' && after !== 'private';

const parisFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'long',
  timeStyle: 'short',
});
const parisTime = (iso: string) => parisFormat.format(new Date(iso));
const PRIVATE_FOR_GOOD =
  'donnée sous la promesse « résultats privés » : elle reste hors de toute sortie publique, pour toujours (l’équipe la voit toujours dans la console et son export)';

/** « la réponse déjà reçue, donnée… » or « les 12 réponses déjà reçues, données… » */
const alreadyReceived = (n: number) =>
  n === 1
    ? `la réponse déjà reçue, ${PRIVATE_FOR_GOOD}`
    : `les ${n} réponses déjà reçues, ${PRIVATE_FOR_GOOD.replace('donnée', 'données').replace('elle reste', 'elles restent').replace('la voit', 'les voit')}`;

/** What a publication would show, what it keeps out: the confirmation step's lists, in French. */
export interface PublicationConsequences {
  /** Responses received so far: given under the « private » promise, they never reach a public output. */
  keptPrivate: number;
  /** When the public sees the results: now (`public_live`) or at the close. */
  visibleFrom: string;
  visible: string[];
  staysPrivate: string[];
}

export function publicationConsequences(
  next: Pick<Questionnaire, 'resultsPolicy' | 'opensAt' | 'closesAt'>,
  keptPrivate: number,
  now: Date,
): PublicationConsequences {
  const visibleFrom =
    next.resultsPolicy === 'public_live'
      ? next.opensAt > now.toISOString()
        ? next.opensAt
        : now.toISOString()
      : next.closesAt;
  const when = visibleFrom <= now.toISOString() ? 'dès maintenant' : `à partir du ${parisTime(visibleFrom)}`;
  return {
    keptPrivate,
    visibleFrom,
    visible: [
      'le nombre de répondant·es, les nombres et parts par option, la distribution des échelles, les rangs moyens des classements et les réponses écrites approuvées par un·e agent·e (masquées et expurgées), pour les seules réponses reçues à partir de maintenant',
      'sur la page publique des résultats, ses fichiers JSON et CSV et l’index des données ouvertes',
      `${when}${next.resultsPolicy === 'public_after_close' ? ' (à la clôture)' : ''}`,
    ],
    staysPrivate: [
      keptPrivate === 0 ? 'aucune réponse n’a encore été reçue : aucune ne reste privée' : alreadyReceived(keptPrivate),
      'les pseudonymes des répondant·es et les réponses écrites non approuvées',
    ],
  };
}

/** The refusal of an unconfirmed publication: its message says all the confirmation would do. */
export class PublicationNeedsConfirmation extends DomainError {
  constructor(
    readonly policy: ResultsPolicy,
    readonly consequences: PublicationConsequences,
  ) {
    const message =
      `Passer les résultats de « ${RESULTS_POLICY_LABELS.private} » à « ${RESULTS_POLICY_LABELS[policy]} » demande une confirmation. ` +
      `Deviendront publics : ${consequences.visible.join(' ; ')}. ` +
      `Resteront privées : ${consequences.staysPrivate.join(' ; ')}. ` +
      'Confirmez le changement pour l’appliquer.';
    super('Conflict', message, [{ field: 'resultsPolicy', rule: PUBLICATION_NEEDS_CONFIRMATION, message }]);
    this.name = 'PublicationNeedsConfirmation';
  }
}

/** Responses received so far (one Query per page of the questionnaire's partition). */
export async function countResponses(ctx: CoreContext, questionnaireId: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await ctx.store.responses.listByQuestionnaire(questionnaireId, { limit: 500, cursor });
    count += page.items.length;
    cursor = page.next;
  } while (cursor);
  return count;
}

/**
 * What an applied policy change (no confirmation needed) means for the public, for the agent's
 * notice; `undefined` when the policy did not change. Withdrawing is immediate, but what already
 * left (feed item, X post, « Voici ce que vous avez dit », downloaded files) cannot be called back.
 */
export function policyChangeNotice(
  before: Pick<Questionnaire, 'resultsPolicy' | 'publishedAt' | 'restitution'>,
  after: Pick<Questionnaire, 'resultsPolicy' | 'closesAt' | 'publicFrom'>,
  now: Date,
): string | undefined {
  if (before.resultsPolicy === after.resultsPolicy) return undefined;
  if (after.resultsPolicy === 'private') {
    const sent = [
      before.publishedAt && `publiés le ${parisTime(before.publishedAt)} (article des flux, publication X)`,
      before.restitution &&
        `annoncés aux répondant·es le ${parisTime(before.restitution.at)} (« Voici ce que vous avez dit »)`,
    ].filter(Boolean);
    return [
      'Résultats désormais privés : leurs adresses publiques (page, JSON, CSV) répondent « introuvable » et ils sortent des données ouvertes dès maintenant.',
      sent.length > 0 && `Ils avaient été ${sent.join(' et ')} : ce qui est parti ne peut pas être rappelé.`,
      'Les fichiers déjà téléchargés par le public ne peuvent pas être retirés.',
    ]
      .filter(Boolean)
      .join(' ');
  }
  if (isPublication(before.resultsPolicy, after.resultsPolicy))
    return `Résultats rendus publics (${RESULTS_POLICY_LABELS[after.resultsPolicy]}) : seules les réponses reçues depuis le ${parisTime(after.publicFrom ?? now.toISOString())} y comptent, les précédentes restent privées.`;
  return after.resultsPolicy === 'public_live'
    ? 'Résultats publics dès maintenant, pendant la consultation.'
    : after.closesAt > now.toISOString()
      ? `Résultats publics à la clôture seulement (${parisTime(after.closesAt)}) : la page publique ne les montre plus d’ici là.`
      : 'Résultats publics, le questionnaire étant clos.';
}
