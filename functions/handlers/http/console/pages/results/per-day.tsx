// Respondents over time: how many subscribers started answering each day (Paris days), as a column
// chart and its table. A respondent counts on the day of their first answer (`createdAt`).
import type { FC } from 'hono/jsx';
import type { Response } from '#core/questionnaires/response';
import { ColumnChart } from '../../ui/charts';
import { formatNumber } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

const DAY_MS = 86_400_000;
/** Past this span, only the days with responses are shown: a column per day would be too thin to read. */
const MAX_DAYS = 62;

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
// The keys are calendar days: written back in UTC, they are never shifted by a time zone again.
const tickFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const longFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export interface Day {
  /** YYYY-MM-DD, Paris calendar. */
  day: string;
  count: number;
}

export function respondentsPerDay(responses: readonly Response[]): Day[] {
  const counts = new Map<string, number>();
  for (const r of responses) {
    const day = parisDay.format(new Date(r.createdAt));
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const days = [...counts.keys()].sort();
  if (days.length === 0) return [];
  const first = Date.parse(days[0]!);
  const span = (Date.parse(days.at(-1)!) - first) / DAY_MS + 1;
  if (span > MAX_DAYS) return days.map((day) => ({ day, count: counts.get(day)! }));
  return Array.from({ length: span }, (_, i) => {
    const day = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
    return { day, count: counts.get(day) ?? 0 };
  });
}

/** Ticks under the first and last columns, and a few evenly spaced between. */
const tickAt = (i: number, n: number) =>
  i === 0 || i === n - 1 || (n <= 8 ? true : i % Math.ceil(n / 5) === 0 && i < n - 2);

export const RespondentsPerDay: FC<{ days: readonly Day[] }> = ({ days }) =>
  days.length === 0 ? (
    <p class="muted">Personne n’a encore répondu.</p>
  ) : (
    <>
      <ColumnChart
        id="par-jour"
        title="Nouveaux répondants par jour (heure de Paris)"
        description={`Du ${longFormat.format(new Date(days[0]!.day))} au ${longFormat.format(new Date(days.at(-1)!.day))}, au plus ${formatNumber(Math.max(...days.map((d) => d.count)))} par jour. Les chiffres sont dans le tableau qui suit.`}
        columns={days.map((d, i) => ({
          count: d.count,
          tick: tickAt(i, days.length) ? tickFormat.format(new Date(d.day)) : undefined,
        }))}
      />
      <ScrollRegion label="Répondant·es par jour">
        <table id="par-jour-tableau">
          <caption>Nouveaux répondants par jour (heure de Paris)</caption>
          <thead>
            <tr>
              <th scope="col">Jour</th>
              <th scope="col" class="num">
                Nouveaux répondants
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <th scope="row">{longFormat.format(new Date(d.day))}</th>
                <td class="num">{formatNumber(d.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
