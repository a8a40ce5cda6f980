// The démarche form, for a creation or a correction: its fields, its catalog choices and its
// timeline. A reader (viewer role) gets the same page with every field disabled and no button.
import type { FC } from 'hono/jsx';
import type { Violation } from '#core/shared/errors';
import { ErrorSummary, type Option, SelectField, TextArea, TextField } from '../../ui/forms';
import { TerritoryChoices, ThemeChoices } from '../../ui/places';
import { type Problem, ProblemBox } from '../../ui/problem';
import type { DemarcheDraft } from './draft';
import { StepRows } from './steps';

export interface DemarcheFormProps {
  draft: DemarcheDraft;
  /** `undefined` for a creation; the version the agent is editing otherwise (sent back as expectedVersion). */
  version?: number;
  violations?: readonly Violation[];
  /** A message above the form (a colleague's change, a refused whole). */
  problem?: Problem;
  readOnly?: boolean;
  /** The questionnaires a step may name (« Plus que 2 jours » skips who answered it). */
  questionnaires?: readonly Option[];
}

const POLICY_OPTIONS: Option[] = [
  { value: 'review', label: 'Relecture par un·e agent·e' },
  { value: 'auto', label: 'Automatique' },
];

const Fields: FC<{
  draft: DemarcheDraft;
  violations: readonly Violation[];
  creating: boolean;
  questionnaires: readonly Option[];
}> = ({ draft, violations, creating, questionnaires }) => (
  <>
    {creating && (
      <TextField
        name="slug"
        label="Identifiant (slug)"
        hint="Adresse permanente de la démarche (flux, abonnements) : minuscules, chiffres et tirets ; il ne change plus ensuite."
        value={draft.slug}
        required
        maxLength={80}
        violations={violations}
      />
    )}
    <TextField name="title" label="Titre" value={draft.title} required maxLength={200} violations={violations} />
    <TextArea
      name="summary"
      label="Résumé"
      value={draft.summary}
      required
      maxLength={2000}
      rows={5}
      violations={violations}
    />
    <TextField
      name="link"
      label="Page de la démarche sur la plateforme de participation"
      type="url"
      value={draft.link}
      required
      violations={violations}
    />
    <ThemeChoices name="themes" checked={draft.themes} violations={violations} />
    <TerritoryChoices name="territories" checked={draft.territories} violations={violations} />
    <SelectField
      name="announcementPolicy"
      label="Annonces de la frise"
      hint="Ouverture des étapes, « Plus que 2 jours », publication : en brouillon à approuver dans « Annonces », ou programmées sans intervention."
      value={draft.announcementPolicy}
      options={POLICY_OPTIONS}
      violations={violations}
    />
    <StepRows steps={draft.steps} violations={violations} questionnaires={questionnaires} />
  </>
);

export const DemarcheForm: FC<DemarcheFormProps> = ({
  draft,
  version,
  violations = [],
  problem,
  readOnly,
  questionnaires = [],
}) => {
  const creating = version === undefined;
  const action = creating ? '/console/demarches/nouvelle' : `/console/demarches/${encodeURIComponent(draft.slug)}`;
  const fields = <Fields draft={draft} violations={violations} creating={creating} questionnaires={questionnaires} />;
  return (
    <>
      <ProblemBox problem={problem} />
      <ErrorSummary violations={problem ? [] : violations} />
      <form method="post" action={action} class="stack" novalidate>
        {version !== undefined && <input type="hidden" name="version" value={String(version)} />}
        {readOnly ? (
          <fieldset disabled class="read-only">
            <legend>Lecture seule : votre rôle permet de consulter cette démarche, pas de la modifier.</legend>
            {fields}
          </fieldset>
        ) : (
          fields
        )}
        {!readOnly && (
          <div class="actions">
            <button type="submit">{creating ? 'Créer la démarche' : 'Enregistrer les modifications'}</button>
            <a class="button secondary" href="/console/demarches">
              Annuler
            </a>
          </div>
        )}
      </form>
    </>
  );
};
