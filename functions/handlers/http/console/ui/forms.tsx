// Form pieces of the console: every field has a label, its hint and its error tied to it
// (aria-describedby), errors are listed on top with links to their fields, and what the agent
// typed is always given back. Violations come from the use cases' own zod rules, field by field.
import type { Child, FC } from 'hono/jsx';
import type { Violation } from '#core/shared/errors';

/** A submitted form: each name with its value, or its values when repeated (checkboxes). */
export type FormValues = Record<string, string | string[]>;

export const fieldId = (name: string) => `champ-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

/** The violations about `name` itself or one of its parts (`message` covers `message.title`). */
export const violationsOf = (violations: readonly Violation[], name: string) =>
  violations.filter((v) => v.field === name || v.field.startsWith(`${name}.`));

export const valueOf = (values: FormValues, name: string): string => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

export const valuesOf = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

/** Reads an urlencoded or multipart body into `FormValues` (files are not part of any console form). */
export async function readForm(request: { parseBody(options: { all: true }): Promise<Record<string, unknown>> }) {
  const body = await request.parseBody({ all: true });
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** The list of what is wrong, on top of the form, each linked to its field; the script focuses it. */
export const ErrorSummary: FC<{ violations: readonly Violation[]; message?: string }> = ({ violations, message }) =>
  violations.length > 0 || message ? (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="erreurs-titre">
      <h2 id="erreurs-titre">{message ?? 'Le formulaire contient des erreurs'}</h2>
      <ul>
        {violations.map((v) => (
          <li>{v.field ? <a href={`#${fieldId(v.field)}`}>{v.message}</a> : v.message}</li>
        ))}
      </ul>
    </div>
  ) : null;

/** The ids of a field's hint and error, for its control's `aria-describedby` (undefined when it has neither). */
export const describedByOf = (id: string, hint: string | undefined, errors: readonly Violation[]) =>
  [hint && `${id}-aide`, errors.length > 0 && `${id}-erreur`].filter(Boolean).join(' ') || undefined;

/** A field's hint and its errors, each with the id its control points to. */
export const HintAndError: FC<{ id: string; hint?: string; errors: readonly Violation[] }> = ({ id, hint, errors }) => (
  <>
    {hint && (
      <p class="hint" id={`${id}-aide`}>
        {hint}
      </p>
    )}
    {errors.length > 0 && (
      <p class="error" id={`${id}-erreur`}>
        <span class="visually-hidden">Erreur : </span>
        {errors.map((e) => e.message).join(' ; ')}
      </p>
    )}
  </>
);

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  violations: readonly Violation[];
}

/** Label, hint and error around one control; `control` receives the ids to wire. */
const Field: FC<FieldProps & { control: (ids: { id: string; describedBy?: string; invalid: boolean }) => Child }> = ({
  name,
  label,
  hint,
  violations,
  control,
}) => {
  const id = fieldId(name);
  const errors = violationsOf(violations, name);
  return (
    <div class={errors.length > 0 ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <HintAndError id={id} hint={hint} errors={errors} />
      {control({ id, describedBy: describedByOf(id, hint, errors), invalid: errors.length > 0 })}
    </div>
  );
};

type InputType = 'text' | 'url' | 'password' | 'number' | 'datetime-local';

export const TextField: FC<
  FieldProps & { value?: string; type?: InputType; required?: boolean; maxLength?: number; autocomplete?: string }
> = ({ value, type = 'text', required, maxLength, autocomplete, ...field }) => (
  <Field
    {...field}
    control={({ id, describedBy, invalid }) => (
      <input
        type={type}
        id={id}
        name={field.name}
        value={value ?? ''}
        required={required}
        maxlength={maxLength}
        autocomplete={autocomplete}
        aria-describedby={describedBy}
        aria-invalid={invalid ? 'true' : undefined}
      />
    )}
  />
);

export const TextArea: FC<FieldProps & { value?: string; required?: boolean; maxLength?: number; rows?: number }> = ({
  value,
  required,
  maxLength,
  rows,
  ...field
}) => (
  <Field
    {...field}
    control={({ id, describedBy, invalid }) => (
      <textarea
        id={id}
        name={field.name}
        required={required}
        maxlength={maxLength}
        rows={rows}
        aria-describedby={describedBy}
        aria-invalid={invalid ? 'true' : undefined}
      >
        {value ?? ''}
      </textarea>
    )}
  />
);

export interface Option {
  value: string;
  label: string;
}

export const SelectField: FC<FieldProps & { value?: string; options: readonly Option[]; empty?: string }> = ({
  value,
  options,
  empty,
  ...field
}) => (
  <Field
    {...field}
    control={({ id, describedBy, invalid }) => (
      <select id={id} name={field.name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    )}
  />
);

/** Checkboxes (several) or radio buttons (one) in a fieldset whose legend names the choice. */
export const Choices: FC<
  FieldProps & { type: 'checkbox' | 'radio'; options: readonly Option[]; checked: readonly string[] }
> = ({ name, label, hint, violations, type, options, checked }) => {
  const id = fieldId(name);
  const errors = violationsOf(violations, name);
  return (
    <fieldset
      id={id}
      class={errors.length > 0 ? 'field invalid' : 'field'}
      aria-describedby={describedByOf(id, hint, errors)}
    >
      <legend>{label}</legend>
      <HintAndError id={id} hint={hint} errors={errors} />
      <div class="choices">
        {options.map((o, i) => (
          <label for={`${id}-${i}`}>
            <input type={type} id={`${id}-${i}`} name={name} value={o.value} checked={checked.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
};

/** A button in its own small form: one action (schedule, cancel…) on one thing, with an optional confirmation. */
export const ActionButton: FC<{
  action: string;
  label: string;
  confirm?: string;
  danger?: boolean;
  secondary?: boolean;
}> = ({ action, label, confirm, danger, secondary }) => (
  <form method="post" action={action}>
    <button type="submit" class={danger ? 'danger' : secondary ? 'secondary' : undefined} data-confirm={confirm}>
      {label}
    </button>
  </form>
);
