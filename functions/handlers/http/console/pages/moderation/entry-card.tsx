// One written answer in the moderation queue: the text as the public would read it (masked, with a
// note of what was masked), the original behind a disclosure for editors, how many wrote it, its
// decision, and for editors the forms that decide (decision-forms.tsx).
import type { FC } from 'hono/jsx';
import type { ModerationDecision } from '#core/moderation/decision';
import type { MaskKind } from '#core/moderation/masking';
import type { QueueEntry } from '#core/moderation/queue';
import type { Violation } from '#core/shared/errors';
import { countOf, formatShortDateTime } from '../../ui/format';
import { ProblemBox } from '../../ui/problem';
import { ApproveForm, type EntryFormState, type FormsProps, RejectForm, entryKey, targetOf } from './decision-forms';

const MASK_LABELS: Record<MaskKind, [string, string]> = {
  phone: ['numéro de téléphone', 'numéros de téléphone'],
  email: ['adresse e-mail', 'adresses e-mail'],
  address: ['adresse postale', 'adresses postales'],
};

export const maskNote = (details: QueueEntry['maskedDetails']) =>
  details.length === 0
    ? 'Aucune donnée personnelle détectée automatiquement.'
    : `Masqué automatiquement : ${details.map((d) => countOf(d.count, ...MASK_LABELS[d.kind])).join(', ')}.`;

const DecisionLine: FC<{ decision: ModerationDecision }> = ({ decision }) => (
  <p>
    {decision.status === 'approved' ? 'Approuvé' : 'Rejeté'} par {decision.decidedBy.name} le{' '}
    {formatShortDateTime(decision.decidedAt)}
    {decision.reason && <> — raison : {decision.reason}</>}
    {decision.category && <> — catégorie : « {decision.category} »</>}
    {decision.redactions.length > 0 && (
      <> — {countOf(decision.redactions.length, 'passage retiré', 'passages retirés')}</>
    )}
  </p>
);

const EntrySummary: FC<{ keyId: string; violations: readonly Violation[] }> = ({ keyId, violations }) =>
  violations.length > 0 ? (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby={`${keyId}-erreurs`}>
      <h4 id={`${keyId}-erreurs`}>La décision n’a pas été enregistrée</h4>
      <ul>
        {violations.map((v) => (
          <li>
            <a href={`#${targetOf(keyId, v.field)}`}>{v.message}</a>
          </li>
        ))}
      </ul>
    </div>
  ) : null;

export const EntryCard: FC<{
  entry: QueueEntry;
  index: number;
  canDecide: boolean;
  forms: Omit<FormsProps, 'entry' | 'state'>;
  state?: EntryFormState;
}> = ({ entry, index, canDecide, forms, state }) => {
  const key = entryKey(entry);
  const formProps = { ...forms, entry, state };
  return (
    <article class="card moderation-entry" id={key} aria-labelledby={`${key}-titre`}>
      <h3 id={`${key}-titre`}>
        Texte {index + 1} — {countOf(entry.respondents, 'personne l’a écrit', 'personnes l’ont écrit')}
      </h3>
      <p class="muted">
        {entry.respondents > 1
          ? `Première fois le ${formatShortDateTime(entry.firstAt)}, dernière fois le ${formatShortDateTime(entry.lastAt)}.`
          : `Écrit le ${formatShortDateTime(entry.lastAt)}.`}
      </p>
      <figure>
        <figcaption>Tel que le public le lirait :</figcaption>
        <blockquote class="short-text">{entry.published}</blockquote>
      </figure>
      <p class="hint">{maskNote(entry.maskedDetails)}</p>
      {entry.original !== undefined && (
        <details>
          <summary>Texte original (réservé aux agents, jamais publié)</summary>
          <p class="short-text">{entry.original}</p>
        </details>
      )}
      {entry.decision && <DecisionLine decision={entry.decision} />}
      {canDecide && (
        <>
          <ProblemBox problem={state?.problem} />
          <EntrySummary keyId={key} violations={state?.violations ?? []} />
          {entry.decision ? (
            <details class="change-decision" open={state !== undefined}>
              <summary>Changer la décision</summary>
              <ApproveForm {...formProps} />
              <RejectForm {...formProps} />
            </details>
          ) : (
            <>
              <ApproveForm {...formProps} />
              <RejectForm {...formProps} />
            </>
          )}
        </>
      )}
    </article>
  );
};
