// The catalog's themes and places as checkboxes with their French labels: themes in one group,
// territories in two (the 24 communes, the quartiers of Nantes) under one legend, so the error
// about `territories` sits next to both. Shared by the pages that pick from the catalog.
import type { FC } from 'hono/jsx';
import { COMMUNES, QUARTIERS_DE_NANTES, THEMES } from '#core/demarches/places';
import type { Violation } from '#core/shared/errors';
import { Choices, HintAndError, type Option, describedByOf, fieldId, violationsOf } from './forms';

const optionsOf = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const THEME_OPTIONS = optionsOf(THEMES);
const COMMUNE_OPTIONS = optionsOf(COMMUNES);
const QUARTIER_OPTIONS = optionsOf(QUARTIERS_DE_NANTES);

export const ThemeChoices: FC<{ name: string; checked: readonly string[]; violations: readonly Violation[] }> = (
  props,
) => <Choices {...props} type="checkbox" label="Thèmes" hint="Dix au plus." options={THEME_OPTIONS} />;

const Group: FC<{ name: string; legend: string; options: Option[]; checked: readonly string[]; prefix: string }> = ({
  name,
  legend,
  options,
  checked,
  prefix,
}) => (
  <fieldset>
    <legend>{legend}</legend>
    <div class="choices">
      {options.map((o, i) => (
        <label for={`${prefix}-${i}`}>
          <input
            type="checkbox"
            id={`${prefix}-${i}`}
            name={name}
            value={o.value}
            checked={checked.includes(o.value)}
          />
          {o.label}
        </label>
      ))}
    </div>
  </fieldset>
);

const TERRITORY_HINT = 'Au moins un : une ou plusieurs communes de la métropole, ou des quartiers de Nantes.';

/** The territories a démarche concerns: communes and quartiers, in two groups of one field. */
export const TerritoryChoices: FC<{ name: string; checked: readonly string[]; violations: readonly Violation[] }> = ({
  name,
  checked,
  violations,
}) => {
  const id = fieldId(name);
  const errors = violationsOf(violations, name);
  return (
    <fieldset
      id={id}
      class={errors.length > 0 ? 'field invalid places' : 'field places'}
      aria-describedby={describedByOf(id, TERRITORY_HINT, errors)}
    >
      <legend>Territoires concernés</legend>
      <HintAndError id={id} hint={TERRITORY_HINT} errors={errors} />
      <Group
        name={name}
        legend="Communes de Nantes Métropole"
        options={COMMUNE_OPTIONS}
        checked={checked}
        prefix={`${id}-commune`}
      />
      <Group
        name={name}
        legend="Quartiers de Nantes"
        options={QUARTIER_OPTIONS}
        checked={checked}
        prefix={`${id}-quartier`}
      />
    </fieldset>
  );
};
