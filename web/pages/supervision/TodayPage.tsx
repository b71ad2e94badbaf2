import { Button, Col, Flex, Grid, Result, Row, Segmented, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { todayIso } from '../../components/dates';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { isTodayCounter } from '../../../core/rules/today';
import { supervisionApi, supervisionKeys, type Scope, type TodayTask } from '../../api/supervision';
import { useCan, useSignedIn } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useUnitScope } from '../../components/useUnitScope';
import { defaultScope, firstSupervisionUnit } from './codes';
import { TodayTaskList } from './TodayTaskList';
import { TaskCalendar } from './TaskCalendar';
import { TodayAlerts } from './TodayAlerts';
import { TodayItems } from './TodayItems';
import { TodayStats } from './TodayStats';
import { UnitCounts } from './UnitCounts';
import { useRecordFlow } from './useRecordFlow';
import { AssistanceTasksCard } from '../assistance/AssistanceTasksCard';
import { TodayAlertsCard } from '../warnings/TodayAlertsCard';

type View = 'list' | 'calendar';

/**
 * 今日待办 (JOURNEYS 1): the due and overdue tasks of my caseload, or of a unit for a
 * supervisor, grouped by person with a one-tap record button; leave, notices and breach
 * warnings beside them; the counts; a calendar of tasks.
 */
export default function TodayPage() {
  const me = useSignedIn();
  const can = useCan();
  const { t, pick } = useI18n();
  const inScope = useUnitScope();
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [params, setParams] = useSearchParams();
  const scopeParam = params.get('scope');
  const scope: Scope = scopeParam === 'mine' || scopeParam === 'unit' ? scopeParam : defaultScope(me);
  const orgUnitId = scope === 'unit' ? (params.get('unit') ?? firstSupervisionUnit(me)) : undefined;
  const view: View = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const q = { scope, orgUnitId };
  const day = useQuery({ queryKey: supervisionKeys.today(q), queryFn: () => supervisionApi.today(q), refetchInterval: 5 * 60_000 });
  const record = useRecordFlow();
  const onRecord = (task: TodayTask) => record.open({ personId: task.personId, personName: task.personName, orgUnitName: task.orgUnitName }, task);

  const date = day.data?.date ?? todayIso();
  const weekday = t(`sv.weekday.${dayjs(date).day() as 0 | 1 | 2 | 3 | 4 | 5 | 6}`);
  const d = day.data;
  const onlyParam = params.get('only');
  const only = isTodayCounter(onlyParam) ? onlyParam : undefined;

  const tasks = <TodayTaskList day={d} audience={q} only={only} onShowAll={() => set({ only: undefined })} onRecord={onRecord} />;
  const alerts = d && (
    <Flex vertical gap={12}>
      <TodayAlerts day={d} />
      {can('assistance.read') && <AssistanceTasksCard items={d.assistance} showWorker={scope === 'unit'} />}
      <TodayItems day={d} />
    </Flex>
  );

  return (
    <>
      <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('sv.today.title')}
          </Typography.Title>
          <Typography.Title level={5} type="secondary" style={{ margin: 0, fontWeight: 'normal', fontSize: 14 }}>
            {t('sv.today.hello', { name: me.user.displayName })} · {t('sv.today.date', { date, weekday })}
          </Typography.Title>
        </div>
        <Flex wrap gap={8} align="center">
          <Segmented<Scope>
            value={scope}
            onChange={(s) => set({ scope: s, unit: undefined })}
            options={[
              { value: 'mine', label: t('sv.today.scopeMine') },
              { value: 'unit', label: t('sv.today.scopeUnit') },
            ]}
          />
          <Segmented<View>
            value={view}
            onChange={(v) => set({ view: v === 'list' ? undefined : v })}
            options={[
              { value: 'list', label: t('sv.today.viewList') },
              { value: 'calendar', label: t('sv.today.viewCalendar') },
            ]}
          />
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} loading={day.isFetching} onClick={() => void day.refetch()} />
        </Flex>
      </Flex>
      {scope === 'unit' && can('org.read') && (
        <Flex align="center" gap={8} style={{ marginBottom: 12, maxWidth: 420 }}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('sv.today.unit')}
          </Typography.Text>
          <OrgTreeSelect id="today-unit" value={orgUnitId} onChange={(v) => set({ unit: v })} disabled={(u) => !inScope(u, 'supervision.read')} />
        </Flex>
      )}
      {day.isError && (
        <Result
          status="error"
          title={day.error instanceof ApiError ? pick(day.error.messages) : t('common.loadFailed')}
          extra={<Button onClick={() => void day.refetch()}>{t('common.retry')}</Button>}
        />
      )}
      {view === 'calendar' ? (
        <TaskCalendar scope={scope} orgUnitId={orgUnitId} onRecord={onRecord} />
      ) : (
        <Spin spinning={day.isPending}>
          <Flex vertical gap={12}>
            {scope === 'mine' && <TodayAlertsCard />}
            <TodayStats summary={d?.summary} active={only} onPick={(c) => set({ only: c })} />
            {scope === 'unit' && <UnitCounts orgUnitId={orgUnitId} />}
            {mobile ? (
              <>
                {alerts}
                {tasks}
              </>
            ) : (
              <Row gutter={16}>
                <Col span={15}>{tasks}</Col>
                <Col span={9}>{alerts}</Col>
              </Row>
            )}
          </Flex>
        </Spin>
      )}
      {record.dialogs}
    </>
  );
}
