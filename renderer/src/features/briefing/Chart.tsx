// One echarts canvas. Only the charts and components the briefing uses are registered, so
// the bundle carries a fraction of echarts.
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([LineChart, BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export function Chart({ option, height, testId }: { option: EChartsCoreOption; height: number; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({ backgroundColor: 'transparent', animation: false, textStyle: { color: '#d5dbe3' }, ...option });
    el.dataset.rendered = 'true';
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={host} className="briefing-chart" style={{ height }} data-testid={testId} />;
}
