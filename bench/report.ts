// The human side of the report: one row per target of DESIGN.md (and indented rows that explain
// them), printed as an aligned table with ✅ / ❌, or nothing for a figure that has no target.

export interface TargetRow {
  part: string;
  what: string;
  /** The target as DESIGN.md states it; empty for an explanatory row. */
  target: string;
  measured: string;
  /** true met, false missed, null informative (no target). */
  pass: boolean | null;
  note?: string;
}

const mark = (pass: boolean | null) => (pass === null ? '  ' : pass ? '✅' : '❌');

/** Prints the table, and answers it as text (written beside the run's JSON in bench/results/). */
export function printTable(rows: readonly TargetRow[]): string {
  const lines: string[] = [];
  const print = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  const header = { part: 'part', what: 'what', target: 'target', measured: 'measured (median, p95)' };
  const width = (key: keyof typeof header) => Math.max(header[key].length, ...rows.map((r) => r[key].length));
  const w = { part: width('part'), what: width('what'), target: width('target'), measured: width('measured') };
  const line = (r: { part: string; what: string; target: string; measured: string }, status: string, note = '') =>
    `${status} ${r.part.padEnd(w.part)}  ${r.what.padEnd(w.what)}  ${r.target.padEnd(w.target)}  ${r.measured.padEnd(w.measured)}${note ? `  ${note}` : ''}`.trimEnd();
  print(line(header, '  '));
  print(`   ${'─'.repeat(w.part + w.what + w.target + w.measured + 6)}`);
  let previous = '';
  for (const row of rows) {
    print(line({ ...row, part: row.part === previous ? '' : row.part }, mark(row.pass), row.note));
    previous = row.part;
  }
  const judged = rows.filter((r) => r.pass !== null);
  print(`\n${judged.filter((r) => r.pass).length} of ${judged.length} targets met.`);
  return lines.join('\n');
}
