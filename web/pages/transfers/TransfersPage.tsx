import { useState } from 'react';
import { Button, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { transfersApi, transferKeys, type TransferView } from '../../api/transfers';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { PageHeader } from '../../components/PageHeader';
import { todayIso } from '../../components/dates';
import { FormerRecordsModal } from './FormerRecordsModal';

/** Issue 14 (C7): the street's transfers in and out; a row shows the essentials until the file is the street's. */
export default function TransfersPage() {
  const { t } = useI18n();
  const [box, setBox] = useState<'in' | 'out'>('in');
  return (
    <>
      <PageHeader title={t('tr.title')} />
      <Tabs
        activeKey={box}
        onChange={(k) => setBox(k as 'in' | 'out')}
        items={[
          { key: 'in', label: t('tr.in') },
          { key: 'out', label: t('tr.out') },
        ]}
      />
      <TransferTable box={box} />
    </>
  );
}

function TransferTable({ box }: { box: 'in' | 'out' }) {
  const { t } = useI18n();
  const label = useLabel();
  const list = useQuery({ queryKey: transferKeys.list(box), queryFn: () => transfersApi.list(box) });
  const [records, setRecords] = useState<string | null>(null);
  return (
    <>
      <Table<TransferView>
        size="small"
        rowKey="id"
        data-testid={`transfers-${box}`}
        loading={list.isPending}
        scroll={{ x: true }}
        locale={{ emptyText: t('tr.none') }}
        dataSource={list.data?.items ?? []}
        columns={[
          {
            title: t('tr.person'),
            key: 'person',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                {r.personId ? <Link to={`/persons/${r.personId}`}>{r.person.name}</Link> : <span>{r.person.name}</span>}
                <Typography.Text type="secondary">
                  {t('tr.idLast4')} {r.person.idLast4}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('tr.measure'),
            key: 'measure',
            render: (_, r) => (r.person.measureKind ? `${label('measureKind', r.person.measureKind)} ${r.person.termStart ?? ''} – ${r.person.termEnd ?? ''}` : '—'),
          },
          { title: t('tr.route'), key: 'route', render: (_, r) => `${r.from.name} → ${r.to.name}` },
          { title: t('tr.reason'), dataIndex: 'reason' },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, r) => (
              <Space wrap>
                <Tag data-testid="transfer-status">{label('transferStatus', r.status)}</Tag>
                <Tag>{label('transferInitiator', r.initiatedBy)}</Tag>
                {r.decisionLate && <Tag color="red">{t('tr.late')}</Tag>}
                {r.status === 'accepted' && (
                  <Tag color={r.reportState === 'overdue' ? 'red' : r.reportState === 'reported_late' ? 'orange' : undefined}>{label('transferReportState', r.reportState)}</Tag>
                )}
                {r.agreementDue && <Tag color="gold">{t('tr.agreementDue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('tr.decideBy'),
            key: 'deadlines',
            render: (_, r) =>
              r.status === 'pending' ? (
                r.decideBy
              ) : (
                <Space direction="vertical" size={0}>
                  {r.reportBy && `${t('tr.reportBy')} ${r.reportBy}`}
                  {r.fileForwardBy && `${t('tr.fileForwardBy')} ${r.fileForwardBy}${r.fileForwardedOn ? ' ✓' : ''}`}
                </Space>
              ),
          },
          { title: '', key: 'actions', render: (_, r) => <Actions row={r} box={box} onRecords={() => setRecords(r.id)} /> },
        ]}
      />
      {records && <FormerRecordsModal transferId={records} onClose={() => setRecords(null)} />}
    </>
  );
}

function Actions({ row, box, onRecords }: { row: TransferView; box: 'in' | 'out'; onRecords: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const done = (msg?: string) => {
    if (msg) notify.success(msg);
    return queryClient.invalidateQueries({ queryKey: ['transfers'] });
  };
  const accept = useMutation({ mutationFn: () => transfersApi.accept(row.id), onSuccess: () => done(t('tr.accepted')), onError: (e) => notify.error(e) });
  const decline = useMutation({ mutationFn: () => transfersApi.decline(row.id, reason), onSuccess: () => (setDeclining(false), done()), onError: (e) => notify.error(e) });
  const report = useMutation({ mutationFn: () => transfersApi.report(row.id, todayIso()), onSuccess: () => done(), onError: (e) => notify.error(e) });
  const forwarded = useMutation({ mutationFn: () => transfersApi.forwarded(row.id, todayIso()), onSuccess: () => done(), onError: (e) => notify.error(e) });
  return (
    <Space wrap>
      {row.mayAnswer && (
        <>
          <Button size="small" type="primary" loading={accept.isPending} onClick={() => accept.mutate()}>
            {t('tr.accept')}
          </Button>
          <Button size="small" danger onClick={() => setDeclining(true)}>
            {t('tr.decline')}
          </Button>
        </>
      )}
      {row.status === 'accepted' && box === 'in' && !row.reportedOn && (
        <Button size="small" loading={report.isPending} onClick={() => report.mutate()}>
          {t('tr.report')}
        </Button>
      )}
      {row.status === 'accepted' && box === 'out' && !row.fileForwardedOn && (
        <Button size="small" loading={forwarded.isPending} onClick={() => forwarded.mutate()}>
          {t('tr.forwarded')}
        </Button>
      )}
      {row.status === 'accepted' && box === 'out' && (
        <Button size="small" onClick={onRecords}>
          {t('tr.records')}
        </Button>
      )}
      <Modal
        open={declining}
        title={t('tr.declineReason')}
        onCancel={() => setDeclining(false)}
        onOk={() => decline.mutate()}
        okButtonProps={{ disabled: !reason.trim(), loading: decline.isPending }}
      >
        <Input.TextArea aria-label={t('tr.declineReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </Space>
  );
}
