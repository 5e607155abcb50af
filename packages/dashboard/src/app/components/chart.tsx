import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatFloat } from '../format.js';

/** One plotted series. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Bars instead of a line. */
  bars?: boolean;
}

/**
 * A uPlot chart that follows its container's width. `x` is numeric (levels, scenario numbers);
 * `xLabel` formats the axis ticks.
 */
export function Chart({
  title,
  x,
  series,
  height = 260,
  xTick,
  yDecimals = 0,
  testId,
}: {
  title: ComponentChildren;
  x: number[];
  series: ChartSeries[];
  height?: number;
  xTick?: (v: number) => string;
  yDecimals?: number;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const bars = uPlot.paths.bars?.({ size: [0.7, 60] });
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: {
          // Bars need half a slot of room at each end.
          x: series.some((s) => s.bars)
            ? { time: false, range: (_u, min, max) => [min - 0.6, max + 0.6] }
            : { time: false },
        },
        axes: [
          {
            values: (_u, ticks) => ticks.map((t) => (xTick ? xTick(t) : formatFloat(t, 0))),
          },
          {
            size: 100,
            values: (_u, ticks) => ticks.map((t) => formatFloat(t, yDecimals)),
          },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.bars ? 0 : 2,
            fill: s.bars ? s.color : undefined,
            ...(s.bars && bars ? { paths: bars, points: { show: false } } : {}),
            value: (_u: uPlot, v: number | null) => (v === null ? '–' : formatFloat(v, yDecimals)),
          })),
        ],
      },
      [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const ro = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, el.clientWidth), height }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [x, series, height, xTick, yDecimals]);
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={typeof title === 'string' ? title : undefined} />
    </figure>
  );
}
