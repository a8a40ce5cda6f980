// Small groups stay unseen in public results: no count under the threshold (5 by default) is shown
// for a cross-tabulation cell or a free-text cluster, and no hidden count can be worked back out
// of the totals published beside it (secondary suppression, as statistical offices do).
import * as z from 'zod';

export const HIDDEN_REASONS = ['under_threshold', 'secondary'] as const;

/** One count of a cross-tabulation: the number, or null with why it is hidden. */
export const ProtectedCount = z
  .object({
    count: z.number().int().min(0).nullable().describe('Effectif ; null quand il est masqué'),
    hidden: z
      .enum(HIDDEN_REASONS)
      .optional()
      .describe(
        'Pourquoi l’effectif est masqué : « under_threshold » = moins que le seuil ; « secondary » = masqué pour qu’une case sous le seuil ne puisse pas être recalculée à partir des totaux',
      ),
  })
  .describe('Effectif protégé');
export type ProtectedCount = z.infer<typeof ProtectedCount>;

/** What a hidden count says on the page: « moins de 5 », or « masqué » for a secondary one. */
export const hiddenLabel = (cell: ProtectedCount, threshold: number) =>
  cell.hidden === 'under_threshold' ? `moins de ${threshold}` : 'masqué';

export const isUnderThreshold = (count: number, threshold: number) => count < threshold;

export interface ProtectedTable {
  /** Groups × columns. */
  cells: ProtectedCount[][];
  /** One per group (row). */
  rowTotals: ProtectedCount[];
  /** One per column. */
  columnTotals: ProtectedCount[];
}

/**
 * Hides every count under the threshold (zero included: « nobody in this group » is disclosive
 * too), then, until nothing changes, every line (row or column, its total included) left with
 * exactly one hidden count gets a second one: the smallest visible, so a total minus the others
 * never gives a hidden count back. The grand total (the respondents, published anyway) stays.
 */
export function protectTable(counts: readonly (readonly number[])[], threshold: number): ProtectedTable {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  // The extended matrix: the last column holds the row totals, the last row the column totals.
  const value = (i: number, j: number) => {
    if (i < rows && j < cols) return counts[i]![j]!;
    if (i < rows) return counts[i]!.reduce((s, n) => s + n, 0);
    return counts.reduce((s, row) => s + (j < cols ? row[j]! : row.reduce((a, n) => a + n, 0)), 0);
  };
  const hidden = new Map<string, ProtectedCount['hidden']>();
  const key = (i: number, j: number) => `${i},${j}`;
  for (let i = 0; i <= rows; i++)
    for (let j = 0; j <= cols; j++)
      if (!(i === rows && j === cols) && isUnderThreshold(value(i, j), threshold))
        hidden.set(key(i, j), 'under_threshold');

  const lines: [number, number][][] = [
    ...Array.from({ length: rows + 1 }, (_, i) => Array.from({ length: cols + 1 }, (_, j): [number, number] => [i, j])),
    ...Array.from({ length: cols + 1 }, (_, j) => Array.from({ length: rows + 1 }, (_, i): [number, number] => [i, j])),
  ];
  const isGrandTotal = ([i, j]: [number, number]) => i === rows && j === cols;
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([i, j]) => hidden.has(key(i, j))).length !== 1) continue;
      const visible = line.filter((at) => !hidden.has(key(...at)) && !isGrandTotal(at));
      if (visible.length === 0) continue;
      const smallest = visible.reduce((a, b) => (value(...b) < value(...a) ? b : a));
      hidden.set(key(...smallest), 'secondary');
      changed = true;
    }
  }

  const cell = (i: number, j: number): ProtectedCount => {
    const reason = hidden.get(key(i, j));
    return reason ? { count: null, hidden: reason } : { count: value(i, j) };
  };
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => cell(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => cell(i, cols)),
    columnTotals: Array.from({ length: cols }, (_, j) => cell(rows, j)),
  };
}

/**
 * Free-text clusters (the moderators' categories) big enough to be named with their count; the
 * texts of the smaller ones join « Autres réponses », without their label.
 */
export function protectClusters<T extends { category?: string }>(
  texts: readonly T[],
  threshold: number,
): { clusters: { label: string; texts: T[] }[]; others: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const text of texts)
    if (text.category) byLabel.set(text.category, [...(byLabel.get(text.category) ?? []), text]);
  const clusters = [...byLabel]
    .filter(([, members]) => !isUnderThreshold(members.length, threshold))
    .map(([label, members]) => ({ label, texts: members }))
    .sort((a, b) => b.texts.length - a.texts.length || a.label.localeCompare(b.label, 'fr'));
  const named = new Set(clusters.map((c) => c.label));
  return { clusters, others: texts.filter((t) => !t.category || !named.has(t.category)) };
}
