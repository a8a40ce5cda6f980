// The agents' export of a questionnaire's responses: one CSV row per respondent, identified only
// by their pseudonym (GDPR: no chat id, no name), one column per question, texts as written. The
// cell rules here are shared with the public CSV (core/results/public-csv.ts).
import type { Questionnaire } from './questionnaire';
import { type Answer, type Response, countedAnswers } from './response';

// Spreadsheet software in French locales expects ';' and opens UTF-8 correctly only with a BOM.
const SEPARATOR = ';';
const BOM = '\uFEFF';

const cell = (value: string) => {
  // A leading =, +, - or @ would be run as a formula by spreadsheet software (CSV injection); so
  // would a formula behind a leading tab or carriage return, which spreadsheets skip (OWASP's list).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A CSV document as spreadsheets in French locales open it: BOM, `;`, CRLF, every cell defused. */
export const csvDocument = (rows: readonly (readonly string[])[]) =>
  BOM + rows.map((row) => row.map(cell).join(SEPARATOR)).join('\r\n') + '\r\n';

/**
 * An answer as a person reads it: option labels (joined by « | »; a ranking's from first to last),
 * « oui »/« non », the note, the text.
 */
export function formatAnswer(q: Questionnaire['questions'][number], answer: Answer | undefined): string {
  if (answer === undefined) return '';
  if (q.kind === 'single_choice' || q.kind === 'multiple_choice' || q.kind === 'ranking')
    return (answer as string[]).map((id) => q.options.find((o) => o.id === id)?.label ?? id).join(' | ');
  if (q.kind === 'yes_no') return answer ? 'oui' : 'non';
  return String(answer);
}

/**
 * One row per respondent. Skip logic: a cell is empty when the question was not shown to that
 * respondent, even if they had answered it before changing an earlier answer (it is not counted).
 */
export function responsesCsv(questionnaire: Questionnaire, responses: Response[]): string {
  const header = [
    'pseudonyme',
    'complet',
    'mis_a_jour',
    ...questionnaire.questions.map((q) => `${q.id} — ${q.prompt}`),
  ];
  const rows = [...responses]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((r) => {
      const counted = countedAnswers(questionnaire, r.answers);
      return [
        r.subscriberId,
        r.complete ? 'oui' : 'non',
        r.updatedAt,
        ...questionnaire.questions.map((q) => formatAnswer(q, counted[q.id])),
      ];
    });
  return csvDocument([header, ...rows]);
}
