// The city's time zone. Instants are stored in UTC; agents may write a Paris wall-clock time
// without an offset ("2026-12-01T09:00"), which is read as Europe/Paris, daylight saving included.
const PARIS = 'Europe/Paris';

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

/** Paris's offset from UTC at `utcMs`, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffsetMs(utcMs: number): number {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * The UTC instant of a Paris wall-clock time. In the spring-forward gap (02:00–03:00 on the last
 * Sunday of March) the time does not exist in Paris: it is read with the winter offset, one hour
 * later on the clock, as a person would set an alarm. In the autumn fold the first occurrence wins.
 */
export function fromParisWallTime(local: string): Date | undefined {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  const wall = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  );
  // Date.UTC rolls 30 February over to March: such a date does not exist.
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s ?? 0) > 59
  )
    return undefined;
  // The offsets in force a day before and a day after: around a change, the wall time may match
  // both (autumn fold: take the first) or neither (spring gap: take the earlier offset's reading).
  const DAY = 86_400_000;
  const candidates = [...new Set([wall - parisOffsetMs(wall - DAY), wall - parisOffsetMs(wall + DAY)])].sort(
    (a, b) => a - b,
  );
  const real = candidates.filter((t) => t + parisOffsetMs(t) === wall);
  return new Date(real[0] ?? Math.max(...candidates));
}
