import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DayAssistanceTask } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

/** One assistance task: the person (a link to his assistance tab, a whole-row tap target of 44 px), what and when. */
export function AssistanceTaskRow({ task: x, showWorker }: { task: DayAssistanceTask; showWorker?: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  const what =
    x.kind === 'reassessment' && x.reason ? label('reassessmentReason', x.reason) : x.kind === 'placement_follow_up' && x.month ? t('as.tasks.month', { n: x.month }) : null;
  return (
    <Link to={x.link} className="sf-assistance-task" style={{ display: 'flex', alignItems: 'center', minHeight: 44, width: '100%', color: 'inherit' }}>
      <Flex wrap gap={4} align="center">
        <Typography.Text strong>{x.personName}</Typography.Text>
        <Typography.Text type="secondary">{showWorker && x.workerName ? `${x.orgUnitName} · ${x.workerName}` : x.orgUnitName}</Typography.Text>
        <Tag color={x.kind === 'referral_stalled' ? 'red' : 'blue'}>{label('assistanceTaskKind', x.kind)}</Tag>
        {what && <Typography.Text>{what}</Typography.Text>}
        <Typography.Text type={x.overdue ? 'danger' : 'secondary'}>
          {t('as.tasks.due', { date: x.dueDate })}
          {x.overdue ? ` · ${t('as.tasks.overdue')}` : ''}
        </Typography.Text>
      </Flex>
    </Link>
  );
}

/**
 * 今日待办's assistance tasks (issue 12 item 7): re-assessments, plan reviews, placement checks
 * at 3/6/12 months, stalled referrals and plan actions, due today or overdue, as `GET /api/today`
 * gives them; each a link to the person's assistance tab where it is done.
 */
export function AssistanceTasksCard({ items, showWorker }: { items: DayAssistanceTask[]; showWorker?: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('sv.withCount', { title: t('as.tasks.title'), n: items.length })} data-testid="assistance-tasks">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('as.tasks.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(x) => (
            <List.Item key={`${x.kind}-${x.personId}-${x.refId ?? ''}-${x.month ?? ''}`} data-testid="assistance-task" style={{ padding: '0 8px' }}>
              <AssistanceTaskRow task={x} showWorker={showWorker} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
