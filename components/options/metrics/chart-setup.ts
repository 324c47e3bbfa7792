/**
 * chart.js, trimmed to what the weekly review draws: bar charts with category and linear axes,
 * a legend and tooltips. Registered once per page, however many charts mount.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

let registered = false;

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    registered = true;
  }
  return Chart;
}
