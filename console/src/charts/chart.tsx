import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  kind: 'bars' | 'line';
}

interface Props {
  title: string;
  labels: string[];
  series: ChartSeries[];
  unit: string;
  height?: number;
}

const bars = uPlot.paths.bars!;

/**
 * A small uPlot chart over categories (hours, days, departments). The canvas is hidden from assistive tech;
 * the same numbers are in a table beside it that screen readers read, and the legend is words, not only colours.
 */
export function Chart({ title, labels, series, unit, height = 220 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const barCount = series.filter((s) => s.kind === 'bars').length;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let barIndex = 0;
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: (_u, min, max) => [min - 0.6, max + 0.6] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.15] } },
      axes: [
        {
          // One tick per category (every few when there are many, as for a month's days).
          splits: () => labels.map((_l, i) => i).filter((i) => i % Math.ceil(labels.length / 14) === 0),
          values: (_u, splits) => splits.map((i) => labels[i] ?? ''),
          gap: 4,
          size: 36,
          stroke: '#374151',
          grid: { show: false },
        },
        { stroke: '#374151', grid: { stroke: '#e5e7eb' }, size: 44 },
      ],
      series: [
        {},
        ...series.map((s): uPlot.Series => {
          if (s.kind === 'line') return { label: s.label, stroke: s.color, width: 2, points: { show: true, size: 6, fill: s.color } };
          // Two bar series stand side by side: the first left of its category, the second right of it.
          const i = barIndex++;
          const align: -1 | 0 | 1 = barCount === 1 ? 0 : i === 0 ? -1 : 1;
          return {
            label: s.label,
            fill: s.color,
            stroke: s.color,
            width: 0,
            paths: bars({ size: [barCount === 1 ? 0.6 : 0.38, 40], align }),
            points: { show: false },
          };
        }),
      ],
    };
    const data: uPlot.AlignedData = [labels.map((_l, i) => i), ...series.map((s) => s.values)];
    plot.current?.destroy();
    plot.current = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [JSON.stringify(labels), JSON.stringify(series), height]);

  return (
    <figure class="chart">
      <figcaption>
        <strong>{title}</strong>
        <span class="legend">
          {series.map((s) => (
            <span key={s.label} class="key">
              <i aria-hidden="true" style={{ background: s.color }} class={s.kind} />
              {s.label}
            </span>
          ))}
          <span class="unit">{unit}</span>
        </span>
      </figcaption>
      <div ref={box} class="plot" aria-hidden="true" />
      <table class="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{unit}</th>
            {series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {series.map((s) => (
                <td key={s.label}>{s.values[i] ?? '—'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
