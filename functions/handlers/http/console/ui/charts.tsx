// Charts of the console, drawn on the server as inline SVG (no script, no library): each is an
// image with a title and a description for assistive technologies, and always comes with a data
// table holding the same numbers, which is the text alternative (the SVG alone is never enough).
import type { FC } from 'hono/jsx';
import { formatNumber, formatPercent } from './format';
import { ScrollRegion } from './scroll-region';

export interface Bar {
  label: string;
  count: number;
  /** Between 0 and 1; the bar's length. */
  share: number;
}

// Narrow enough that the text stays readable when the chart shrinks to a 390 px screen.
const WIDTH = 400;
const LABEL_CHARS = 48;
const ROW = 46;

const shorten = (text: string, max: number) =>
  [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;

/** The title and description an SVG image is named by (aria-labelledby). */
const Labels: FC<{ id: string; title: string; description: string }> = ({ id, title, description }) => (
  <>
    <title id={`${id}-titre`}>{title}</title>
    <desc id={`${id}-desc`}>{description}</desc>
  </>
);

/**
 * Horizontal bars, one per row: the label above its bar, the share and count after it. Shares
 * are drawn against 100 %, so two charts compare at a glance.
 */
export const BarChart: FC<{ id: string; title: string; description: string; bars: readonly Bar[] }> = ({
  id,
  title,
  description,
  bars,
}) => {
  const room = WIDTH - 110;
  const height = bars.length * ROW + 4;
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        xmlns="http://www.w3.org/2000/svg"
      >
        <Labels id={id} title={title} description={description} />
        {bars.map((bar, i) => {
          const y = i * ROW;
          const length = Math.max(bar.count > 0 ? 2 : 0, Math.round(bar.share * room));
          return (
            <g>
              <text class="chart-label" x="0" y={y + 15}>
                {shorten(bar.label, LABEL_CHARS)}
              </text>
              <rect class="chart-track" x="0" y={y + 21} width={room} height="18" />
              <rect class="chart-bar" x="0" y={y + 21} width={length} height="18" />
              <text class="chart-value" x={room + 8} y={y + 35}>
                {`${formatPercent(bar.share)} (${formatNumber(bar.count)})`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
};

export interface Column {
  /** Written under the column, when given (not every column has room for one). */
  tick?: string;
  count: number;
}

/** Vertical columns over time (responses per day); ticks under some of them, the maximum on the axis. */
export const ColumnChart: FC<{ id: string; title: string; description: string; columns: readonly Column[] }> = ({
  id,
  title,
  description,
  columns,
}) => {
  const top = 18;
  const plot = 120;
  const left = 34;
  const max = Math.max(1, ...columns.map((c) => c.count));
  // Room on the right for the last tick, centred under its column.
  const step = (WIDTH - left - 24) / Math.max(1, columns.length);
  const width = Math.max(1, Math.min(28, step * 0.7));
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${top + plot + 24}`}
        width={WIDTH}
        height={top + plot + 24}
        xmlns="http://www.w3.org/2000/svg"
      >
        <Labels id={id} title={title} description={description} />
        <text class="chart-value" x="0" y={top + 4}>
          {formatNumber(max)}
        </text>
        <text class="chart-value" x="0" y={top + plot}>
          0
        </text>
        <line class="chart-axis" x1={left - 4} y1={top + plot} x2={WIDTH} y2={top + plot} />
        {columns.map((column, i) => {
          const x = left + i * step + (step - width) / 2;
          const h = Math.round((column.count / max) * plot);
          return (
            <g>
              <rect class="chart-bar" x={x.toFixed(1)} y={top + plot - h} width={width.toFixed(1)} height={h} />
              {column.tick && (
                <text class="chart-tick" x={(x + width / 2).toFixed(1)} y={top + plot + 18}>
                  {column.tick}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
};

/** The table that follows a bar chart, with the same numbers: the chart's text alternative. */
export const CountsTable: FC<{
  id: string;
  caption: string;
  /** The first column's heading: « Option », « Réponse », « Note ». */
  head: string;
  bars: readonly Bar[];
  formatShare?: (share: number) => string;
}> = ({ id, caption, head, bars, formatShare = formatPercent }) => (
  <ScrollRegion label={caption}>
    <table id={`${id}-tableau`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" class="num">
            Réponses
          </th>
          <th scope="col" class="num">
            Part
          </th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <tr>
            <th scope="row">{bar.label}</th>
            <td class="num">{formatNumber(bar.count)}</td>
            <td class="num">{formatShare(bar.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollRegion>
);
