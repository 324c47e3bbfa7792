import type { Chart as ChartType } from 'chart.js';
import { useEffect, useRef } from 'react';
import { formatRate } from '@/lib/format/figures';
import { uiLocale } from '@/lib/i18n';
import { registerCharts } from './chart-setup';

export interface BarSeries {
  label: string;
  data: number[];
  /** A CSS colour or a `var(--tb-...)` name resolved at draw time (so dark mode follows). */
  color: string;
}

interface Props {
  labels: string[];
  series: BarSeries[];
  /** Values are fractions shown as percentages. */
  percent?: boolean;
  horizontal?: boolean;
  /** What the chart shows, for screen readers (the numbers are also in the tables around it). */
  label: string;
  height?: number;
  testId?: string;
}

function cssColor(value: string, el: Element): string {
  const m = /^var\((--[\w-]+)\)$/.exec(value);
  if (!m) return value;
  return getComputedStyle(el).getPropertyValue(m[1]!).trim() || '#888';
}

/** One bar chart; the chart.js instance lives as long as the component and is destroyed with it. */
export function BarChart({ labels, series, percent, horizontal, label, height = 220, testId }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<ChartType<'bar'> | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const Chart = registerCharts();
    const fg = cssColor('var(--tb-muted)', canvas);
    const grid = cssColor('var(--tb-border)', canvas);
    const locale = uiLocale();
    const fmt = (v: number | string) => (percent ? formatRate(Number(v), locale) : String(v));
    const valueAxis = {
      beginAtZero: true,
      ...(percent ? { suggestedMax: 1 } : {}),
      ticks: { color: fg, callback: fmt, precision: percent ? undefined : 0 },
      grid: { color: grid },
    };
    const categoryAxis = { ticks: { color: fg }, grid: { display: false } };
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.data,
          backgroundColor: cssColor(s.color, canvas),
          borderRadius: 3,
          maxBarThickness: 28,
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        // Charts appear at once: the numbers matter, not the motion.
        animation: false,
        plugins: {
          legend: {
            display: series.length > 1,
            position: 'bottom',
            labels: { color: fg, boxWidth: 10, boxHeight: 10 },
          },
          tooltip: {
            callbacks: {
              label: (ctx) => `${ctx.dataset.label}: ${fmt((horizontal ? ctx.parsed.x : ctx.parsed.y) ?? 0)}`,
            },
          },
        },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, [labels, series, percent, horizontal]);

  return (
    <div className="tb-mx-chart" style={{ height }} data-testid={testId}>
      <canvas ref={canvasRef} role="img" aria-label={label} />
    </div>
  );
}
