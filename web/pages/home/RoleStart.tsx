import { Button, Col, Flex, Row, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { supervisionApi, supervisionKeys } from '../../api/supervision';
import { useCan, useSignedIn } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { firstSupervisionUnit } from '../supervision/codes';
import { TodayAlerts } from '../supervision/TodayAlerts';
import { TodayStats } from '../supervision/TodayStats';
import { UnitCounts } from '../supervision/UnitCounts';

/**
 * The start of an officer's or an office's day (issue 17 §5): the work of the unit they hold —
 * what waits for their decision (leave, notices), the day's numbers and the counts by worker and
 * by community, each community a click away from its own 今日待办. Field workers never see this:
 * they land on 今日待办 or their round (Landing).
 */
export function RoleStart() {
  const me = useSignedIn();
  const can = useCan();
  const { t } = useI18n();
  const navigate = useNavigate();
  const orgUnitId = firstSupervisionUnit(me);
  const q = { scope: 'unit' as const, orgUnitId };
  const day = useQuery({ queryKey: supervisionKeys.today(q), queryFn: () => supervisionApi.today(q), enabled: can('supervision.read') && !!orgUnitId });
  if (!can('supervision.read') || !orgUnitId) return null;
  const unitToday = (unit: string) => `/today?scope=unit&unit=${encodeURIComponent(unit)}`;
  return (
    <Spin spinning={day.isPending}>
      <Flex vertical gap={12} style={{ marginBottom: 16 }} data-testid="role-start">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('home.unitWork')}
          </Typography.Title>
          <Link to={unitToday(orgUnitId)}>
            <Button type="primary">{t('home.openUnitToday')}</Button>
          </Link>
        </Flex>
        <TodayStats summary={day.data?.summary} />
        <Row gutter={[16, 12]}>
          <Col xs={24} lg={14}>
            <UnitCounts orgUnitId={orgUnitId} onOpenCommunity={(unit) => navigate(unitToday(unit))} />
          </Col>
          <Col xs={24} lg={10}>
            <Flex vertical gap={12}>
              {day.data && <TodayAlerts day={day.data} />}
            </Flex>
          </Col>
        </Row>
      </Flex>
    </Spin>
  );
}
