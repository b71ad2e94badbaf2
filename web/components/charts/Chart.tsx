// Our own small ECharts wrapper (issue 15 item 4): init on mount, the option set on change,
// resize with the container (phone width, a turned phone, the print layout), dispose on unmount.
// Only the chart types and components the dashboards use are registered, so the bundle stays
// small; the SVG renderer prints sharp at any paper size.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { sunflowerTheme, THEME_NAME } from './theme';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);
echarts.registerTheme(THEME_NAME, sunflowerTheme);

export type ChartOption = EChartsCoreOption;

export function Chart({ option, height = 280, label, testId }: { option: ChartOption; height?: number; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, THEME_NAME, { renderer: 'svg' });
    chart.current = c;
    const resize = () => c.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el.current);
    // Print: the page reflows to the paper's width before printing; follow it.
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Animation off: a printed or screenshotted chart shows its final state.
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={label} data-testid={testId} className="sf-chart" style={{ width: '100%', height }} />;
}
