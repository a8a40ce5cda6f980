// The two forms on a text of the moderation queue: approve (passages to retire, a category, the
// preview of the published text) and reject (a common reason or the agent's own words). They
// also change a decision already taken, from the version read. Plain forms: the script only adds
// the live preview and fills the passages from a selection.
import type { FC } from 'hono/jsx';
import type { QueueEntry } from '#core/moderation/queue';
import type { Violation } from '#core/shared/errors';
import { type FormValues, valueOf } from '../../ui/forms';
import type { Problem } from '../../ui/problem';

/** Common reasons to reject, offered first; « autre » takes the agent's own words. */
export const REJECTION_REASONS = [
  'Propos injurieux, haineux ou discriminatoires',
  'Données personnelles que le masquage ne suffit pas à retirer',
  'Hors sujet',
  'Publicité, spam ou propagande',
  'Texte incompréhensible',
] as const;
export const OTHER_REASON = 'autre';

/** A refused or previewed form, given back on its entry with what the agent typed. */
export interface EntryFormState {
  textHash: string;
  values: FormValues;
  violations: readonly Violation[];
  problem?: Problem;
  /** The published text with the redactions typed, for « Prévisualiser » without script. */
  preview?: string;
}

export const entryKey = (entry: Pick<QueueEntry, 'textHash'>) => `t-${entry.textHash.slice(0, 16)}`;
export const ids = (key: string) => ({
  redactions: `${key}-passages`,
  category: `${key}-categorie`,
  reason: `${key}-raison`,
  otherReason: `${key}-raison-autre`,
  preview: `${key}-apercu`,
});
/** Where a violation's field is on this entry's forms. */
export const targetOf = (key: string, field: string) =>
  field.startsWith('redactions') ? ids(key).redactions : field === 'category' ? ids(key).category : ids(key).reason;

/** The published text as the preview region shows it (also the fragment the script fetches). */
export const PublishedPreview: FC<{ text: string; violations?: readonly Violation[] }> = ({
  text,
  violations = [],
}) => (
  <>
    <p class="preview-title">Aperçu du texte publié :</p>
    {violations.length > 0 ? (
      <ul class="error">
        {violations.map((v) => (
          <li>{v.message}</li>
        ))}
      </ul>
    ) : (
      <blockquote class="short-text">{text}</blockquote>
    )}
  </>
);

export interface FormsProps {
  entry: QueueEntry;
  action: string;
  previewAction: string;
  tab: string;
  state?: EntryFormState;
}

const Hidden: FC<{ entry: QueueEntry; tab: string }> = ({ entry, tab }) => (
  <>
    <input type="hidden" name="questionId" value={entry.questionId} />
    <input type="hidden" name="textHash" value={entry.textHash} />
    <input type="hidden" name="version" value={entry.decision ? String(entry.decision.version) : ''} />
    <input type="hidden" name="statut" value={tab} />
  </>
);

export const ApproveForm: FC<FormsProps> = ({ entry, action, previewAction, tab, state }) => {
  const key = entryKey(entry);
  const id = ids(key);
  const values = state?.values ?? {};
  const redactionErrors = (state?.violations ?? []).filter((v) => v.field.startsWith('redactions'));
  const redactions =
    state?.values.redactions !== undefined
      ? valueOf(values, 'redactions')
      : (entry.decision?.redactions ?? []).join('\n');
  const category = state ? valueOf(values, 'category') : (entry.decision?.category ?? '');
  return (
    <form method="post" action={action} class="stack" data-live={previewAction} data-live-target={id.preview}>
      <Hidden entry={entry} tab={tab} />
      <h4>Approuver{entry.decision ? ' (ou changer les passages retirés)' : ''}</h4>
      <p class="hint" id={`${id.redactions}-aide`}>
        Pour retirer un passage, sélectionnez-le dans le texte masqué ci-dessous, ou copiez-le dans le champ : un
        passage par ligne, remplacé par « [passage retiré] ».
      </p>
      <blockquote class="short-text redact-source" data-redact-into={id.redactions}>
        {entry.masked}
      </blockquote>
      <div class={redactionErrors.length > 0 ? 'field invalid' : 'field'}>
        <label for={id.redactions}>Passages à retirer (facultatif)</label>
        {redactionErrors.length > 0 && (
          <p class="error" id={`${id.redactions}-erreur`}>
            <span class="visually-hidden">Erreur : </span>
            {redactionErrors.map((e) => e.message).join(' ; ')}
          </p>
        )}
        <textarea
          id={id.redactions}
          name="redactions"
          rows={2}
          aria-describedby={[`${id.redactions}-aide`, redactionErrors.length > 0 && `${id.redactions}-erreur`]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={redactionErrors.length > 0 ? 'true' : undefined}
        >
          {redactions}
        </textarea>
      </div>
      <div class="field">
        <label for={id.category}>Catégorie (facultatif)</label>
        <p class="hint" id={`${id.category}-aide`}>
          Un court libellé qui regroupe les textes disant la même chose, par exemple « Mobilier urbain ».
        </p>
        <input
          type="text"
          id={id.category}
          name="category"
          value={category}
          maxlength={60}
          aria-describedby={`${id.category}-aide`}
        />
      </div>
      <div class="preview-region" id={id.preview} aria-live="polite">
        <PublishedPreview text={state?.preview ?? entry.published} />
      </div>
      <div class="actions">
        <button type="submit" name="intent" value="preview" class="secondary">
          Prévisualiser
        </button>
        <button type="submit" name="intent" value="approve">
          Approuver ce texte
        </button>
      </div>
    </form>
  );
};

export const RejectForm: FC<FormsProps> = ({ entry, action, tab, state }) => {
  const key = entryKey(entry);
  const id = ids(key);
  const reasonErrors = (state?.violations ?? []).filter((v) => v.field === 'reason');
  const previous = entry.decision?.reason;
  const chosen = state
    ? valueOf(state.values, 'reason')
    : previous && !(REJECTION_REASONS as readonly string[]).includes(previous)
      ? OTHER_REASON
      : (previous ?? '');
  const other = state ? valueOf(state.values, 'reasonOther') : chosen === OTHER_REASON ? (previous ?? '') : '';
  const options = [
    ...REJECTION_REASONS.map((r) => ({ value: r, label: r })),
    { value: OTHER_REASON, label: 'Autre raison :' },
  ];
  return (
    <form method="post" action={action} class="stack">
      <Hidden entry={entry} tab={tab} />
      <input type="hidden" name="intent" value="reject" />
      <fieldset
        id={id.reason}
        class={reasonErrors.length > 0 ? 'field invalid' : 'field'}
        aria-describedby={reasonErrors.length > 0 ? `${id.reason}-erreur` : undefined}
      >
        <legend>Rejeter : raison (obligatoire, jamais publiée)</legend>
        {reasonErrors.length > 0 && (
          <p class="error" id={`${id.reason}-erreur`}>
            <span class="visually-hidden">Erreur : </span>
            {reasonErrors.map((e) => e.message).join(' ; ')}
          </p>
        )}
        <div class="choices">
          {options.map((o, i) => (
            <label for={`${id.reason}-${i}`}>
              <input type="radio" id={`${id.reason}-${i}`} name="reason" value={o.value} checked={chosen === o.value} />
              {o.label}
            </label>
          ))}
        </div>
        <label for={id.otherReason} class="visually-hidden">
          Autre raison, en quelques mots
        </label>
        <input type="text" id={id.otherReason} name="reasonOther" value={other} maxlength={300} />
      </fieldset>
      <div class="actions">
        <button type="submit" class="danger">
          Rejeter ce texte
        </button>
      </div>
    </form>
  );
};
