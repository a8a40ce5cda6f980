// The timeline's rows in the démarche form: the saved steps, then empty rows to add new ones, each
// with a « Retirer » box. Without any script: an empty row is ignored, a ticked one is dropped.
import type { FC } from 'hono/jsx';
import { STEP_KINDS, STEP_KIND_LABELS } from '#core/demarches/demarche';
import type { Violation } from '#core/shared/errors';
import { type Option, SelectField, TextField, fieldId, violationsOf } from '../../ui/forms';
import { EMPTY_STEP_ROWS, type StepDraft, emptyStep } from './draft';

const KIND_OPTIONS = STEP_KINDS.map((value) => ({ value, label: STEP_KIND_LABELS[value] }));

const StepRow: FC<{
  index: number;
  step: StepDraft;
  saved: boolean;
  violations: readonly Violation[];
  questionnaires: readonly Option[];
}> = ({ index, step, saved, violations, questionnaires }) => {
  const name = (field: string) => `steps.${index}.${field}`;
  // A violation about the step as a whole (`steps.2`) has no field of its own: it heads the row.
  const own = violations.filter((v) => v.field === `steps.${index}`);
  return (
    <fieldset class="step" id={fieldId(`steps.${index}`)}>
      <legend>{saved ? `Étape ${index + 1}` : `Nouvelle étape (facultative)`}</legend>
      {own.length > 0 && <p class="error">{own.map((v) => v.message).join(' ; ')}</p>}
      <input type="hidden" name={name('id')} value={step.id} />
      <div class="step-grid">
        <SelectField
          name={name('kind')}
          label="Type d’étape"
          value={step.kind}
          options={KIND_OPTIONS}
          empty="— Choisir —"
          violations={violations}
        />
        <TextField
          name={name('title')}
          label="Titre de l’étape"
          value={step.title}
          maxLength={200}
          violations={violations}
        />
        <TextField
          name={name('start')}
          label="Début (heure de Paris)"
          type="datetime-local"
          value={step.start}
          violations={violations}
        />
        <TextField
          name={name('end')}
          label="Fin (facultative, heure de Paris)"
          type="datetime-local"
          value={step.end}
          violations={violations}
        />
        <TextField name={name('link')} label="Lien (facultatif)" type="url" value={step.link} violations={violations} />
        <SelectField
          name={name('questionnaireId')}
          label="Questionnaire de l’étape (facultatif)"
          value={step.questionnaireId}
          options={questionnaires}
          empty="— Aucun —"
          violations={violations}
        />
      </div>
      <label class="remove" for={fieldId(name('cancelled'))}>
        <input
          type="checkbox"
          id={fieldId(name('cancelled'))}
          name={name('cancelled')}
          value="1"
          checked={step.cancelled}
        />
        Étape annulée (elle reste affichée ; ses annonces à venir sont annulées)
      </label>
      {saved && (
        <label class="remove" for={fieldId(name('remove'))}>
          <input type="checkbox" id={fieldId(name('remove'))} name={name('remove')} value="1" />
          Retirer cette étape
        </label>
      )}
    </fieldset>
  );
};

/** The steps as typed, then `EMPTY_STEP_ROWS` empty rows; `saved` tells the rows already filled in. */
export const StepRows: FC<{
  steps: readonly StepDraft[];
  violations: readonly Violation[];
  questionnaires: readonly Option[];
}> = ({ steps, violations, questionnaires }) => {
  const rows = [...steps, ...Array.from({ length: EMPTY_STEP_ROWS }, emptyStep)];
  const errors = violationsOf(violations, 'steps').filter((v) => v.field === 'steps');
  return (
    <section aria-labelledby="etapes-titre" id={fieldId('steps')}>
      <h2 id="etapes-titre">Étapes de la frise</h2>
      <p class="hint">
        Les étapes s’affichent dans l’ordre de leurs dates. Pour en ajouter, remplissez une ligne vide ; pour en ajouter
        davantage, enregistrez : deux lignes vides reviennent. Une ligne laissée vide est ignorée.
      </p>
      {errors.length > 0 && <p class="error">{errors.map((v) => v.message).join(' ; ')}</p>}
      {rows.map((step, index) => (
        <StepRow
          index={index}
          step={step}
          saved={index < steps.length}
          violations={violations}
          questionnaires={questionnaires}
        />
      ))}
    </section>
  );
};
