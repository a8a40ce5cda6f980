// The CSV export, read back by a strict RFC 4180 reader: whatever citizens and agents wrote, every
// cell comes back as written, except that a cell a spreadsheet would run as a formula is defused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { responsesCsv } from '#core/questionnaires/export';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Response } from '#core/questionnaires/response';

/**
 * RFC 4180 with `;` between cells: records end with CRLF; a cell holding the separator, a quote or
 * a line break is quoted, quotes doubled. Anything else (a bare quote, a line break outside quotes,
 * a last record without CRLF) is an error, so a sloppy writer cannot pass.
 */
function readCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
  const endCell = () => {
    row.push(cell);
    cell = '';
    state = 'start';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (state === 'quoted') {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else state = 'closed';
    } else if (c === separator) endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else if (state === 'closed') throw new Error(`text after a closing quote at ${i}`);
    else if (c === '"' && state === 'start') state = 'quoted';
    else if (c === '"' || c === '\r' || c === '\n') throw new Error(`unquoted ${JSON.stringify(c)} at ${i}`);
    else {
      cell += c;
      state = 'plain';
    }
  }
  if (state !== 'start' || cell !== '' || row.length > 0) throw new Error('last record not ended by CRLF');
  return rows;
}

/** What a spreadsheet would run as a formula (OWASP: = + - @, tab, carriage return) starts with a quote. */
const defused = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

// Characters that trouble CSV and spreadsheets, mixed with ordinary and astral ones.
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ';', '"', ',', "'", ' ', '|'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});

const questionnaire = (prompt: string, labels: [string, string]): Questionnaire => ({
  id: 'q1',
  title: 'Vos trajets',
  questions: [
    {
      kind: 'single_choice',
      id: 'mode',
      prompt,
      options: [
        { id: 'a', label: labels[0] },
        { id: 'b', label: labels[1] },
      ],
    },
    { kind: 'short_text', id: 'why', prompt: 'Pourquoi ?', maxLength: 1000 },
  ],
  opensAt: '2026-03-01T09:00:00.000Z',
  closesAt: '2026-03-15T09:00:00.000Z',
  resultsPolicy: 'public_after_close',
  nextSteps: 'Les réponses nourrissent le plan vélo.',
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
  version: 1,
});

const response = (i: number, option: string, text: string): Response => ({
  questionnaireId: 'q1',
  subscriberId: `pseudo-${i}`,
  answers: { mode: [option], why: text },
  complete: true,
  createdAt: `2026-03-02T09:00:${String(i).padStart(2, '0')}.000Z`,
  updatedAt: `2026-03-02T10:00:${String(i).padStart(2, '0')}.000Z`,
  version: 1,
});

describe('CSV export (properties)', () => {
  it('reads back every cell as written, formulas defused, one record per respondent', () => {
    fc.assert(
      fc.property(
        tricky,
        fc.tuple(tricky, tricky),
        fc.array(fc.tuple(fc.constantFrom('a', 'b'), tricky), { maxLength: 5 }),
        (prompt, labels, answers) => {
          const q = questionnaire(prompt, labels);
          const csv = responsesCsv(
            q,
            answers.map(([option, text], i) => response(i, option, text)),
          );
          expect(csv.startsWith('\uFEFF')).toBe(true);
          const rows = readCsv(csv.slice(1));
          expect(rows[0]).toEqual(
            ['pseudonyme', 'complet', 'mis_a_jour', `mode — ${prompt}`, 'why — Pourquoi ?'].map(defused),
          );
          expect(rows.slice(1)).toEqual(
            answers.map(([option, text], i) =>
              [
                `pseudo-${i}`,
                'oui',
                `2026-03-02T10:00:${String(i).padStart(2, '0')}.000Z`,
                labels[option === 'a' ? 0 : 1],
                text,
              ].map(defused),
            ),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('defuses each formula prefix, including tab and carriage return', () => {
    const rows = readCsv(
      responsesCsv(questionnaire('Mode ?', ['Vélo', 'Bus']), [
        response(0, 'a', '=HYPERLINK("http://x")'),
        response(1, 'a', '\t=1+1'),
        response(2, 'b', '\r=1+1'),
        response(3, 'b', '@SUM(A1)'),
      ]).slice(1),
    );
    expect(rows.slice(1).map((r) => r[4])).toEqual(['\'=HYPERLINK("http://x")', "'\t=1+1", "'\r=1+1", "'@SUM(A1)"]);
  });
});
