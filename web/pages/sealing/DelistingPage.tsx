import { useState } from 'react';
import { Button, DatePicker, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { sealingApi, sealingKeys, type DelistingItem } from '../../api/sealing';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { PageHeader } from '../../components/PageHeader';
import { today, toIsoDate } from '../../components/dates';

const stateColor: Record<string, string> = { eligible: 'green', upcoming: 'gold', counting: 'blue', excluded: 'red', not_started: 'default' };

/** D2, D3: persons eligible and coming up, each with the reason; the officer reviews, another of the street approves. */
export default function DelistingPage() {
  const { t, pick } = useI18n();
  const label = useLabel();
  const can = useCan();
  const notify = useNotify();
  const qc = useQueryClient();
  const [state, setState] = useState('due');
  const [deciding, setDeciding] = useState<{ id: string; approve: boolean } | null>(null);
  const [date, setDate] = useState(today());
  const list = useQuery({ queryKey: sealingKeys.delisting({ state }), queryFn: () => sealingApi.delisting({ state, limit: 200 }) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['delisting'] });
  const recompute = useMutation({ mutationFn: () => sealingApi.refresh(), onSuccess: () => refresh(), onError: notify.error });
  const review = useMutation({
    mutationFn: (personId: string) => sealingApi.review(personId),
    onSuccess: () => (notify.success(t('sl.delisting.reviewDone')), refresh()),
    onError: notify.error,
  });
  const decide = useMutation({
    mutationFn: (d: { id: string; approve: boolean }) => sealingApi.decide(d.id, { approve: d.approve, date: toIsoDate(date)! }),
    onSuccess: (_r, d) => (notify.success(d.approve ? t('sl.delisting.approveDone') : t('sl.delisting.decline')), setDeciding(null), refresh()),
    onError: notify.error,
  });
  const actions = (r: DelistingItem) => {
    const d = r.delisting;
    if (!d) return r.state === 'eligible' ? <Button onClick={() => review.mutate(r.personId)}>{t('sl.delisting.review')}</Button> : null;
    if (d.state === 'approved') return <Link to={`/delisting/notice/${d.id}`}>{t('sl.delisting.notice')}</Link>;
    if (d.reviewedByMe || !can('delisting.approve')) return <Tag>{t('sl.delisting.awaitOther')}</Tag>;
    return (
      <Space>
        <Button type="primary" onClick={() => setDeciding({ id: d.id, approve: true })}>
          {t('sl.delisting.approve')}
        </Button>
        <Button onClick={() => setDeciding({ id: d.id, approve: false })}>{t('sl.delisting.decline')}</Button>
      </Space>
    );
  };
  return (
    <>
      <PageHeader
        title={t('sl.delisting.title')}
        extra={[
          <Button key="refresh" loading={recompute.isPending} onClick={() => recompute.mutate()}>
            {t('sl.delisting.refresh')}
          </Button>,
          <Segmented
            key="state"
            value={state}
            onChange={(v) => setState(String(v))}
            options={[{ value: 'due', label: t('sl.delisting.due') }, ...['counting', 'excluded', 'not_started'].map((s) => ({ value: s, label: label('delistingState', s) }))]}
          />,
        ]}
      />
      <Table
        size="small"
        rowKey="personId"
        loading={list.isPending}
        scroll={{ x: true }}
        locale={{ emptyText: t('sl.delisting.none') }}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('sl.delisting.person'), key: 'name', render: (_, r) => <Link to={`/persons/${r.personId}`}>{r.name}</Link> },
          { title: t('sl.delisting.unit'), dataIndex: 'orgUnitName' },
          { title: t('sl.delisting.state'), key: 'state', render: (_, r) => <Tag color={stateColor[r.state]}>{label('delistingState', r.state)}</Tag> },
          { title: t('sl.delisting.reason'), key: 'reason', render: (_, r) => pick(r.reason) },
          { title: '', key: 'actions', render: (_, r) => actions(r) },
        ]}
      />
      {deciding && (
        <Modal
          open
          title={deciding.approve ? t('sl.delisting.approve') : t('sl.delisting.decline')}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          confirmLoading={decide.isPending}
          onOk={() => decide.mutate(deciding)}
          onCancel={() => setDeciding(null)}
        >
          <Space>
            {t('sl.delisting.decisionDate')}
            <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} disabledDate={(d) => d.isAfter(today())} />
          </Space>
        </Modal>
      )}
    </>
  );
}
