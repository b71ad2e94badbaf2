import { useState, type ReactNode } from 'react';
import { Button, Empty, Flex, Select, Spin, Timeline, Typography } from 'antd';
import {
  AlertOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClockCircleOutlined,
  FileTextOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { timelineKinds } from '../../../core/contracts/persons';
import { personsApi, type TimelineEntry, type TimelinePage } from '../../api/persons';
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

/**
 * The lines after `first`: unfiltered, the person page brought the first page and later pages
 * continue from its cursor (fetched when asked for); filtered, every page comes from here.
 */
function useTimelinePages(personId: string, first: TimelinePage, kinds: TimelineEntry['kind'][]) {
  const [wantMore, setWantMore] = useState(false);
  const filtered = kinds.length > 0;
  const start = filtered ? null : first.nextCursor;
  const more = useInfiniteQuery({
    queryKey: keys.timelinePages(personId, kinds, start),
    queryFn: ({ pageParam }) => personsApi.timeline(personId, { cursor: pageParam ?? undefined, kinds }),
    initialPageParam: start,
    getNextPageParam: (last) => last.nextCursor,
    enabled: filtered || (wantMore && start !== null),
  });
  const fetched = more.data?.pages.flatMap((p) => p.items) ?? [];
  const items = filtered ? fetched : [...first.items, ...fetched];
  const hasMore = filtered ? more.hasNextPage : start !== null && (!more.data || more.hasNextPage);
  const loadMore = () => (more.data ? void more.fetchNextPage() : setWantMore(true));
  return { items, hasMore, loadMore, loading: more.isFetching, pending: filtered && more.isPending };
}

/** 时间线: newest fact first (then newest entry), a page at a time, filtered by kind (issue 9.20). */
export function TimelineTab({ personId, first }: { personId: string; first: TimelinePage }) {
  const { pick, t } = useI18n();
  const label = useLabel();
  const [kinds, setKinds] = useState<TimelineEntry['kind'][]>([]);
  const { items, hasMore, loadMore, loading, pending } = useTimelinePages(personId, first, kinds);
  return (
    <Flex vertical gap={12} style={{ paddingTop: 8 }}>
      <Select
        mode="multiple"
        allowClear
        data-testid="timeline-filter"
        style={{ maxWidth: 480 }}
        placeholder={t('timeline.allKinds')}
        aria-label={t('timeline.filter')}
        value={kinds}
        onChange={setKinds}
        options={timelineKinds.map((k) => ({ value: k, label: label('timelineKind', k) }))}
      />
      {pending && <Spin />}
      {!pending && items.length === 0 && <Empty description={t('timeline.empty')} />}
      {items.length > 0 && (
        <Timeline
          items={items.map((e, i) => {
            const look = looks[e.kind] ?? fallback;
            return {
              key: `${e.at}-${e.refId ?? ''}-${i}`,
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
      )}
      {hasMore && (
        <Flex>
          <Button data-testid="timeline-more" loading={loading} onClick={loadMore}>
            {t('timeline.more')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
