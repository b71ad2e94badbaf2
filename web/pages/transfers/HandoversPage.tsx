import { useState } from 'react';
import { Button, Segmented, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { transfersApi, transferKeys, type HandoverView } from '../../api/transfers';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useCan } from '../../api/me';
import { PageHeader } from '../../components/PageHeader';
import { todayIso } from '../../components/dates';

type State = 'awaiting' | 'missed' | 'reported' | 'all';

/** Issue 14 (C10): persons released from isolation to the street, the nearest report deadline first. */
export default function HandoversPage() {
  const { t } = useI18n();
  const label = useLabel();
  const [state, setState] = useState<State>('awaiting');
  const list = useQuery({ queryKey: transferKeys.handovers(state), queryFn: () => transfersApi.handovers(state === 'all' ? undefined : state) });
  return (
    <>
      <PageHeader
        title={t('ho.title')}
        extra={
          <Segmented<State>
            value={state}
            onChange={setState}
            options={[
              ...(['awaiting', 'missed', 'reported'] as const).map((s) => ({ value: s as State, label: label('handoverState', s) })),
              { value: 'all' as State, label: t('ho.all') },
            ]}
          />
        }
      />
      <Table<HandoverView>
        size="small"
        rowKey="id"
        data-testid="handovers"
        loading={list.isPending}
        scroll={{ x: true }}
        locale={{ emptyText: t('ho.none') }}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('tr.person'), key: 'person', render: (_, r) => <Link to={`/persons/${r.personId}`}>{r.personName}</Link> },
          { title: t('ho.street'), key: 'street', render: (_, r) => `${r.orgUnit.name} (${label('addressBasis', r.addressBasis)})` },
          { title: t('ho.facility'), dataIndex: 'facility' },
          { title: t('ho.release'), dataIndex: 'releaseDate' },
          {
            title: t('ho.noticeDueBy'),
            key: 'notice',
            render: (_, r) => (
              <Space>
                {r.noticeDueBy}
                {r.noticeLate && <Tag color="orange">{t('ho.noticeLate')}</Tag>}
              </Space>
            ),
          },
          { title: t('ho.papersDueBy'), key: 'papers', render: (_, r) => `${r.papersDueBy ?? '—'} · ${t('ho.papers')} ${r.papers}` },
          { title: t('ho.reportBy'), dataIndex: 'reportBy' },
          {
            title: t('common.status'),
            key: 'state',
            render: (_, r) => <Tag color={r.state === 'missed' ? 'red' : r.state === 'reported' ? 'green' : undefined}>{label('handoverState', r.state)}</Tag>,
          },
          { title: '', key: 'actions', render: (_, r) => (r.state !== 'reported' ? <ReportButton id={r.id} /> : null) },
        ]}
      />
    </>
  );
}

function ReportButton({ id }: { id: string }) {
  const { t } = useI18n();
  const can = useCan();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const report = useMutation({
    mutationFn: () => transfersApi.reportHandover(id, todayIso()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['handovers'] }),
    onError: (e) => notify.error(e),
  });
  if (!can('measure.write')) return null;
  return (
    <Button size="small" loading={report.isPending} onClick={() => report.mutate()}>
      {t('ho.report')}
    </Button>
  );
}
