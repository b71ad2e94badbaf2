import type { ReactNode } from 'react';
import { Empty, Spin, Timeline, Typography } from 'antd';
import { AlertOutlined, CalendarOutlined, CarryOutOutlined, ClockCircleOutlined, FileTextOutlined, ProfileOutlined, SafetyCertificateOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { personsApi, type TimelineEntry } from '../../api/persons';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

const looks: Partial<Record<TimelineEntry['kind'], { color: string; icon: ReactNode }>> = {
  person: { color: 'blue', icon: <ProfileOutlined /> },
  measure: { color: 'green', icon: <SafetyCertificateOutlined /> },
  status: { color: 'orange', icon: <SwapOutlined /> },
  document: { color: 'purple', icon: <FileTextOutlined /> },
  assignment: { color: 'cyan', icon: <TeamOutlined /> },
  record: { color: 'geekblue', icon: <CarryOutOutlined /> },
  leave: { color: 'gold', icon: <CalendarOutlined /> },
  notice: { color: 'red', icon: <AlertOutlined /> },
};
const fallback = { color: 'gray', icon: <ClockCircleOutlined /> };

/** 时间线: the file, measures, status changes, documents and assignments, newest first. */
export function TimelineTab({ personId }: { personId: string }) {
  const { pick, t } = useI18n();
  const label = useLabel();
  const timeline = useQuery({ queryKey: keys.timeline(personId), queryFn: () => personsApi.timeline(personId) });
  if (timeline.isPending) return <Spin />;
  const items = timeline.data?.items ?? [];
  if (items.length === 0) return <Empty description={t('timeline.empty')} />;
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={items.map((e, i) => {
        const look = looks[e.kind] ?? fallback;
        return {
        key: `${e.at}-${i}`,
        color: look.color,
        icon: <span style={{ color: look.color, fontSize: 16 }}>{look.icon}</span>,
        content: (
          <div data-testid="timeline-entry" data-kind={e.kind}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.date} · {label('timelineKind', e.kind)}
            </Typography.Text>
            <div>
              <Typography.Text strong>{pick(e.title)}</Typography.Text>
            </div>
            {e.detail && <Typography.Text type="secondary">{e.detail}</Typography.Text>}
          </div>
        ),
        };
      })}
    />
  );
}
