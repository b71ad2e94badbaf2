import { Card, Grid, Statistic } from 'antd';
import type { TodayCounter } from '../../../core/rules/today';
import type { TodayView } from '../../api/supervision';
import type { MessageKey } from '../../i18n/zh-CN';
import { useI18n } from '../../i18n/I18nProvider';
import './supervision.css';

export const todayStatItems: { key: TodayCounter; label: MessageKey; color?: string }[] = [
  { key: 'due', label: 'sv.today.due', color: '#1677ff' },
  { key: 'overdue', label: 'sv.today.overdue', color: '#cf1322' },
  { key: 'dueToday', label: 'sv.today.dueToday' },
  { key: 'doneToday', label: 'sv.today.doneToday', color: '#389e0d' },
  { key: 'persons', label: 'sv.today.persons' },
];

interface Props {
  summary: TodayView['summary'] | undefined;
  /** The counter the list is narrowed to; with `onPick`, each number is a button that narrows it (a second press widens it again). */
  active?: TodayCounter;
  onPick?: (counter: TodayCounter | undefined) => void;
}

/** The day in five numbers: due, overdue, due today, done today, persons concerned. */
export function TodayStats({ summary, active, onPick }: Props) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  return (
    <Card size="small" styles={{ body: { padding: mobile ? '10px 4px' : undefined } }}>
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(${todayStatItems.length}, minmax(0, 1fr))`, gap: 4 }}>
        {todayStatItems.map((i) => {
          const stat = (
            <Statistic
              title={t(i.label)}
              value={summary ? summary[i.key] : '—'}
              styles={{
                content: { color: summary && summary[i.key] > 0 ? i.color : undefined, textAlign: 'center', fontSize: mobile ? 20 : undefined },
                title: { textAlign: 'center', fontSize: mobile ? 12 : undefined, whiteSpace: 'nowrap' },
              }}
              data-testid={`today-stat-${i.key}`}
            />
          );
          if (!onPick) return <div key={i.key}>{stat}</div>;
          return (
            <button
              key={i.key}
              type="button"
              className={`sv-stat${active === i.key ? ' sv-stat--active' : ''}`}
              aria-pressed={active === i.key}
              onClick={() => onPick(active === i.key ? undefined : i.key)}
            >
              {stat}
            </button>
          );
        })}
      </div>
    </Card>
  );
}
