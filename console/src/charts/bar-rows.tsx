export interface BarRow {
  key: string;
  label: string;
  /** null: nothing to draw (样本不足, or no sample at all); `text` says which */
  value: number | null;
  text: string;
}

interface Props {
  /** unique on the page (names the label column's clip path) */
  id: string;
  title: string;
  unit: string;
  rows: BarRow[];
  /** the value of a full bar */
  max: number;
  color: string;
}

const ROW = 24;
const LABEL = 300;
const BAR = 380;
const VALUE = 120;
const WIDTH = LABEL + BAR + VALUE;

/**
 * Horizontal bars, one row per department: the chart grows with the departments (41 in a provincial hall) instead
 * of squeezing their names under one axis, and a long name is cut at its own column (the full name is its title).
 * SVG, so it scales with the page; the same figures are in the table below for screen readers.
 */
export function BarRows({ id, title, unit, rows, max, color }: Props) {
  const height = rows.length * ROW + 4;
  const clip = `${id}-labels`;
  return (
    <figure class="chart bar-rows" id={id}>
      <figcaption>
        <strong>{title}</strong>
        <span class="legend">
          <span class="unit">{unit}</span>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet" aria-hidden="true">
        <defs>
          <clipPath id={clip}>
            <rect x="0" y="0" width={LABEL - 10} height={height} />
          </clipPath>
        </defs>
        {rows.map((r, i) => {
          const y = i * ROW + 2;
          const w = r.value === null ? 0 : (BAR * Math.max(0, Math.min(max, r.value))) / max;
          return (
            <g key={r.key} class="bar-row" data-row={r.key}>
              <title>{`${r.label}：${r.text}`}</title>
              <text class="label" x="0" y={y + ROW / 2} dominant-baseline="middle" clip-path={`url(#${clip})`}>
                {r.label}
              </text>
              <rect x={LABEL} y={y + 4} width={BAR} height={ROW - 8} fill="#eef1f5" />
              {w > 0 && <rect x={LABEL} y={y + 4} width={w} height={ROW - 8} fill={color} />}
              <text class={r.value === null ? 'value short' : 'value'} x={LABEL + BAR + 8} y={y + ROW / 2} dominant-baseline="middle">
                {r.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
