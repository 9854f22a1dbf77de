// echarts options of the briefing, in the app's dark palette.
import type { EChartsCoreOption } from 'echarts/core';

const DIM = '#8a96a8';
const LINE = '#223046';
export const PALETTE = ['#3fb6d8', '#ffca28', '#66bb6a', '#ef5350', '#ab47bc', '#ff7043', '#26c6da', '#8d6e63'];

/** A bare sparkline: no axes, the line and its last point. */
export function sparkline(values: Array<number | null>, colour: string): EChartsCoreOption {
  return {
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, min: 0, max: 100 },
    series: [{ type: 'line', data: values, showSymbol: false, connectNulls: true, lineStyle: { width: 1.5, color: colour }, areaStyle: { color: colour, opacity: 0.12 } }],
  };
}

/** Several lines over days, 0–100. */
export function trendLines(days: string[], series: Array<{ name: string; values: Array<number | null> }>): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: DIM }, itemWidth: 14, itemHeight: 8 },
    grid: { left: 36, right: 12, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)), axisLine: { lineStyle: { color: LINE } }, axisLabel: { color: DIM } },
    yAxis: { type: 'value', min: 0, max: 100, splitLine: { lineStyle: { color: LINE } }, axisLabel: { color: DIM } },
    series: series.map((s) => ({ name: s.name, type: 'line', data: s.values, showSymbol: false, connectNulls: true, lineStyle: { width: 2 } })),
  };
}

/** Horizontal bars, biggest on top. */
export function bars(items: Array<{ name: string; value: number }>, colour: string): EChartsCoreOption {
  const rows = [...items].reverse();
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 90, right: 36, top: 6, bottom: 6 },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { color: '#d5dbe3' }, axisLine: { lineStyle: { color: LINE } }, axisTick: { show: false } },
    series: [{ type: 'bar', data: rows.map((r) => r.value), barWidth: '60%', itemStyle: { color: colour, borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', color: '#d5dbe3' } }],
  };
}

/** A ring of shares. */
export function ring(items: Array<{ name: string; value: number }>): EChartsCoreOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 0, top: 'middle', textStyle: { color: '#d5dbe3' }, itemWidth: 10, itemHeight: 10 },
    series: [{ type: 'pie', radius: ['45%', '75%'], center: ['32%', '50%'], data: items, label: { show: false }, itemStyle: { borderColor: '#131c2b', borderWidth: 2 } }],
  };
}
