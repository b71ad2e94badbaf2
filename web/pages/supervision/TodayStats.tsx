import { Card, Grid, Statistic } from 'antd';
import type { TodayView } from '../../api/supervision';
import type { MessageKey } from '../../i18n/zh-CN';
import { useI18n } from '../../i18n/I18nProvider';

const items: { key: keyof TodayView['summary']; label: MessageKey; color?: string }[] = [
  { key: 'due', label: 'sv.today.due', color: '#1677ff' },
  { key: 'overdue', label: 'sv.today.overdue', color: '#cf1322' },
  { key: 'dueToday', label: 'sv.today.dueToday' },
  { key: 'doneToday', label: 'sv.today.doneToday', color: '#389e0d' },
  { key: 'persons', label: 'sv.today.persons' },
];

/** The day in five numbers: due, overdue, due today, done today, persons concerned. */
export function TodayStats({ summary }: { summary: TodayView['summary'] | undefined }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  return (
    <Card size="small" styles={{ body: { padding: mobile ? '10px 4px' : undefined } }}>
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(${items.length}, minmax(0, 1fr))`, gap: 4 }}>
        {items.map((i) => (
          <Statistic
            key={i.key}
            title={t(i.label)}
            value={summary ? summary[i.key] : '—'}
            styles={{
              content: { color: summary && summary[i.key] > 0 ? i.color : undefined, textAlign: 'center', fontSize: mobile ? 20 : undefined },
              title: { textAlign: 'center', fontSize: mobile ? 12 : undefined, whiteSpace: 'nowrap' },
            }}
            data-testid={`today-stat-${i.key}`}
          />
        ))}
      </div>
    </Card>
  );
}
