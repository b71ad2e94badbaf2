import { Card } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider';
import { warningKeys, warningsApi } from '../../api/warnings';
import { AlertsTable } from './AlertsTable';

/** 今日待办 leads with the worker's open alerts (issue 13). */
export function TodayAlertsCard() {
  const { t } = useI18n();
  const q = { scope: 'mine' as const, state: 'open' as const, limit: 10 };
  const list = useQuery({ queryKey: warningKeys.alertList(q), queryFn: () => warningsApi.alerts(q), refetchInterval: 5 * 60_000 });
  if (!list.data || list.data.total === 0) return null;
  return (
    <Card size="small" title={`${t('wn.todayTitle')} (${list.data.total})`} extra={<Link to="/alerts">{t('wn.todayMore')}</Link>} data-testid="today-alerts">
      <AlertsTable items={list.data.items} />
    </Card>
  );
}
