// The city's time zone. Instants are stored in UTC; agents may write a Paris wall-clock time
// without an offset ("2026-12-01T09:00"), which is read as Europe/Paris, daylight saving included.
const PARIS = 'Europe/Paris';
const DAY = 86_400_000;

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Paris wall clock at `utcMs`, as if it were a UTC time: milliseconds since the epoch, whole seconds. */
function parisWallMs(utcMs: number): number {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  wall.setUTCFullYear(Number(p.year), Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second));
  return wall.getTime();
}

/** Paris's offset from UTC at `utcMs`, in milliseconds (+1 h in winter, +2 h in summer). */
const parisOffsetMs = (utcMs: number): number => parisWallMs(utcMs) - Math.floor(utcMs / 1000) * 1000;

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** The Paris wall-clock time of an instant, `2026-12-01T09:00:00.000`: what `fromParisWallTime` reads. */
export function toParisWallTime(instant: Date): string {
  const t = instant.getTime();
  return new Date(t + parisOffsetMs(t)).toISOString().replace(/Z$/, '');
}

/** The wall time `local` names, as if it were UTC, or undefined when no calendar has that day or time. */
function wallMs(local: string): number | undefined {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d);
  wall.setUTCHours(h, mi, s, ms);
  // Out-of-range parts roll over (30 February becomes 2 March): such a date does not exist.
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d) return undefined;
  return wall.getTime();
}

/**
 * The UTC instant of a Paris wall-clock time. In the spring-forward gap (02:00–03:00 on the last
 * Sunday of March) the time does not exist in Paris: it is read with the winter offset, one hour
 * later on the clock, as a person would set an alarm. In the autumn fold the first occurrence wins.
 */
export function fromParisWallTime(local: string): Date | undefined {
  const wall = wallMs(local);
  if (wall === undefined) return undefined;
  // The offsets in force a day before and a day after: around a change, the wall time may match
  // both (autumn fold: take the first) or neither (spring gap: take the earlier offset's reading).
  const candidates = [...new Set([wall - parisOffsetMs(wall - DAY), wall - parisOffsetMs(wall + DAY)])].sort(
    (a, b) => a - b,
  );
  const real = candidates.filter((t) => t + parisOffsetMs(t) === wall);
  return new Date(real[0] ?? Math.max(...candidates));
}
