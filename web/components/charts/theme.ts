// The dashboards' chart theme: the app's colours, readable in black and white print (the
// red/amber/green of a value is also written as text beside the chart).
export const THEME_NAME = 'sunflower';

export const ragColours = { green: '#389e0d', amber: '#d48806', red: '#cf1322', none: '#8c8c8c' } as const;

export const sunflowerTheme = {
  color: ['#d4a017', '#1677ff', '#52c41a', '#722ed1', '#13a8a8', '#eb2f96'],
  backgroundColor: 'transparent',
  textStyle: { fontFamily: 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif' },
  categoryAxis: { axisLabel: { color: '#595959', hideOverlap: true }, axisLine: { lineStyle: { color: '#bfbfbf' } } },
  valueAxis: { axisLabel: { color: '#595959' }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
  line: { symbolSize: 6, lineStyle: { width: 2 } },
};
