// Violations in the words of the form: the core names a field by its path (« steps.1.start : date
// attendue »), which the API's users read; an agent reads the label they see (« Étape 2, début »).
import type { Violation } from '#core/shared/errors';

export interface FieldLabels {
  /** Labels of the form's own fields (`title`), and of each collection (`steps`). */
  fields: Record<string, string>;
  /** The rows of collections: `steps.1.start` reads « Étape 2, début ». */
  rows?: Record<string, { row: string; fields: Record<string, string> }>;
}

/** The label of a field path, or `undefined` when the form has no such field. */
export function labelOf(labels: FieldLabels, field: string): string | undefined {
  const [head = '', index, sub, ...rest] = field.split('.');
  const rows = labels.rows?.[head];
  if (rows && index !== undefined && /^\d+$/.test(index)) {
    const row = `${rows.row} ${Number(index) + 1}`;
    if (sub === undefined) return row;
    const part = rows.fields[sub] ?? sub;
    // Deeper parts (an option of a question): their position, counted from 1.
    const deeper = rest[0] !== undefined && /^\d+$/.test(rest[0]) ? ` ${Number(rest[0]) + 1}` : '';
    return `${row}, ${part}${deeper}`;
  }
  return labels.fields[field];
}

/** The same violations, each message naming its field by its label rather than its path. */
export const labelled = (violations: readonly Violation[], labels: FieldLabels): Violation[] =>
  violations.map((v) => {
    const label = v.field ? labelOf(labels, v.field) : undefined;
    return label && v.message.startsWith(`${v.field} : `)
      ? { ...v, message: `${label} : ${v.message.slice(v.field.length + 3)}` }
      : v;
  });
