import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { assistanceApi, assistanceKeys, type AssistanceTaskView } from '../../api/assistance';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

/**
 * 今日待办's assistance tasks (issue 12 item 7): re-assessments, plan reviews, placement checks
 * at 3/6/12 months and stalled referrals, due today or overdue, each a link to the person's
 * assistance tab where it is done.
 */
export function AssistanceTasksCard({ scope, orgUnitId }: { scope: 'mine' | 'unit'; orgUnitId?: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const q = { scope, orgUnitId };
  const tasks = useQuery({ queryKey: assistanceKeys.tasks(q), queryFn: () => assistanceApi.tasks(q), enabled: can('assistance.read'), refetchInterval: 5 * 60_000 });
  if (!can('assistance.read')) return null;
  const items = tasks.data?.items ?? [];
  const what = (x: AssistanceTaskView) =>
    x.kind === 'reassessment' && x.reason ? label('reassessmentReason', x.reason) : x.kind === 'placement_follow_up' && x.month ? t('as.tasks.month', { n: x.month }) : null;
  return (
    <Card size="small" title={`${t('as.tasks.title')}（${items.length}）`} loading={tasks.isPending} data-testid="assistance-tasks">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('as.tasks.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(x) => (
            <List.Item key={`${x.kind}-${x.personId}-${x.refId ?? ''}-${x.month ?? ''}`} data-testid="assistance-task">
              <Space wrap size={4}>
                <Link to={`/persons/${x.personId}?tab=assistance`}>{x.personName}</Link>
                <Typography.Text type="secondary">{x.orgUnitName}</Typography.Text>
                <Tag color={x.kind === 'referral_stalled' ? 'red' : 'blue'}>{label('assistanceTaskKind', x.kind)}</Tag>
                {what(x) && <Typography.Text>{what(x)}</Typography.Text>}
                <Typography.Text type={x.overdue ? 'danger' : 'secondary'}>
                  {t('as.tasks.due', { date: x.dueDate })}
                  {x.overdue ? ` · ${t('as.tasks.overdue')}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
