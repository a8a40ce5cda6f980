// Small groups: no count under the threshold in a cross-tabulation or a free-text cluster, and no
// hidden count that a published total would give back (checked by solving for it, as a reader would).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProtectedCount, protectClusters, protectTable } from '#core/results/small-groups';

const counts = (cells: ProtectedCount[]) => cells.map((c) => c.count);

/**
 * Every line of the table, with its total: a line with exactly one hidden entry lets a reader
 * recompute it (total minus the others, or the sum of the cells). The grand total is public.
 */
function recomputable(table: ReturnType<typeof protectTable>, grandTotal: number): boolean {
  const rows = table.cells.map((row, i) => [...row, table.rowTotals[i]!]);
  const totalsRow = [...table.columnTotals, { count: grandTotal }];
  const lines = [...rows, totalsRow];
  const columns = lines[0]!.map((_, j) => lines.map((line) => line[j]!));
  return [...lines, ...columns].some((line) => line.filter((c) => c.count === null).length === 1);
}

describe('protectTable', () => {
  it('hides the cells under the threshold and says so', () => {
    const table = protectTable(
      [
        [12, 3],
        [20, 9],
      ],
      5,
    );
    expect(table.cells[0]![1]).toEqual({ count: null, hidden: 'under_threshold' });
    expect(counts(table.cells.flat())).not.toContain(3);
  });

  it('hides a second cell where one hidden cell could be worked back from a total', () => {
    const table = protectTable(
      [
        [12, 3, 40],
        [20, 9, 30],
      ],
      5,
    );
    // Row 1: 3 is hidden, so another cell of its row and of its column is hidden too.
    const hiddenInRow = table.cells[0]!.filter((c) => c.count === null);
    expect(hiddenInRow.length).toBeGreaterThanOrEqual(2);
    expect(hiddenInRow.some((c) => c.hidden === 'secondary')).toBe(true);
    expect(recomputable(table, 114)).toBe(false);
  });

  it('hides a whole small group, its total included', () => {
    const table = protectTable(
      [
        [1, 2],
        [30, 40],
        [25, 35],
      ],
      5,
    );
    expect(table.rowTotals[0]).toEqual({ count: null, hidden: 'under_threshold' });
    expect(counts(table.cells[0]!)).toEqual([null, null]);
    expect(recomputable(table, 133)).toBe(false);
  });

  it('never shows a count under the threshold, and never leaves one recomputable (any table)', () => {
    const matrix = fc.integer({ min: 1, max: 4 }).chain((rows) =>
      fc.integer({ min: 2, max: 4 }).chain((cols) =>
        fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
      ),
    );
    fc.assert(
      fc.property(matrix, fc.integer({ min: 2, max: 10 }), (m, threshold) => {
        const table = protectTable(m, threshold);
        const shown = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals].flatMap((c) =>
          c.count === null ? [] : [c.count],
        );
        expect(shown.every((n) => n >= threshold)).toBe(true);
        const grand = m.flat().reduce((a, b) => a + b, 0);
        if (grand >= threshold) expect(recomputable(table, grand)).toBe(false);
      }),
    );
  });
});

describe('protectClusters', () => {
  const texts = (label: string | undefined, n: number) =>
    Array.from({ length: n }, (_, i) => ({ text: `${label ?? 'libre'} ${i}`, ...(label ? { category: label } : {}) }));

  it('names a cluster with its count from the threshold on; smaller ones join « Autres réponses » without their label', () => {
    const { clusters, others } = protectClusters(
      [...texts('Bancs', 6), ...texts('Arbres', 4), ...texts(undefined, 2)],
      5,
    );
    expect(clusters.map((c) => [c.label, c.texts.length])).toEqual([['Bancs', 6]]);
    expect(others).toHaveLength(6);
    expect(JSON.stringify(clusters)).not.toContain('Arbres');
  });
});
