import { useState } from 'react';
import { Flex, Segmented, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { warningKeys, warningsApi, type AlertListQuery } from '../../api/warnings';
import { codesOf } from '../../../core/labels';
import { AlertsTable } from './AlertsTable';

type State = NonNullable<AlertListQuery['state']>;

/** Issue 13: the alert inbox of a worker (mine) and of a unit: open, overdue, closed, by severity and age. */
export default function AlertsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const [scope, setScope] = useState<'mine' | 'unit'>('mine');
  const [state, setState] = useState<State>('open');
  const [severity, setSeverity] = useState<AlertListQuery['severity']>();
  const [page, setPage] = useState(1);
  const q: AlertListQuery = { scope, state, severity, limit: 50, offset: (page - 1) * 50 };
  const list = useQuery({ queryKey: warningKeys.alertList(q), queryFn: () => warningsApi.alerts(q), refetchInterval: 5 * 60_000 });
  return (
    <Flex vertical gap={12}>
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('wn.title')}
        </Typography.Title>
        <Flex wrap gap={8}>
          <Segmented
            value={scope}
            onChange={(v) => (setScope(v as 'mine' | 'unit'), setPage(1))}
            options={[
              { value: 'mine', label: t('wn.scopeMine') },
              { value: 'unit', label: t('wn.scopeUnit') },
            ]}
          />
          <Segmented
            value={state}
            onChange={(v) => (setState(v as State), setPage(1))}
            options={(['open', 'overdue', 'closed', 'withdrawn', 'all'] as const).map((s) => ({
              value: s,
              label: s === 'overdue' || s === 'all' ? t(`wn.state.${s}`) : label('alertStatus', s),
            }))}
          />
          <Select
            allowClear
            placeholder={t('wn.severityAll')}
            style={{ width: 140 }}
            value={severity}
            onChange={(v) => (setSeverity(v), setPage(1))}
            options={codesOf('alertSeverity').map((c) => ({ value: c, label: label('alertSeverity', c) }))}
          />
        </Flex>
      </Flex>
      <AlertsTable items={list.data?.items ?? []} loading={list.isPending} total={list.data?.total} page={page} onPage={setPage} />
    </Flex>
  );
}
