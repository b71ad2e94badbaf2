import { useState } from 'react';
import { Button, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { warningKeys, warningsApi, type AlertOutcome, type AlertView } from '../../api/warnings';
import { RecordFormModal } from '../supervision/RecordFormModal';
import { codesOf } from '../../../core/labels';
import { keys } from '../../api/keys';

const severityColor: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };
const OPEN = ['open', 'acknowledged', 'acted'];

/** Close with an outcome (required: K17 counts an alert handled only with one). */
function CloseModal({ alert, onClose }: { alert: AlertView; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ outcome: AlertOutcome; comment?: string }>();
  const close = useMutation({
    mutationFn: (v: { outcome: AlertOutcome; comment?: string }) => warningsApi.close(alert.id, v.outcome, v.comment),
    onSettled: () => void qc.invalidateQueries({ queryKey: warningKeys.alerts }),
    onSuccess: onClose,
  });
  return (
    <Modal open title={t('wn.closeTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={close.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => close.mutate(v)}>
        <Form.Item name="outcome" label={t('wn.outcome')} rules={[{ required: true }]}>
          <Select data-testid="alert-outcome" options={codesOf('alertOutcome').map((c) => ({ value: c, label: label('alertOutcome', c) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('wn.comment')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Alerts with one-click actions: acknowledge, record a visit (linked to the alert), close with an outcome. */
export function AlertsTable({ items, loading, total, page, onPage }: { items: AlertView[]; loading?: boolean; total?: number; page?: number; onPage?: (p: number) => void }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const [closing, setClosing] = useState<AlertView | null>(null);
  const [visiting, setVisiting] = useState<AlertView | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: warningKeys.alerts });
  const ack = useMutation({ mutationFn: (id: string) => warningsApi.acknowledge(id), onSettled: refresh });
  const act = useMutation({ mutationFn: (v: { id: string; recordId: string }) => warningsApi.act(v.id, v.recordId), onSettled: refresh });
  return (
    <>
      <Table<AlertView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('wn.empty') }}
        pagination={total !== undefined && onPage ? { total, current: page, pageSize: 50, onChange: onPage, showSizeChanger: false } : false}
        columns={[
          { title: t('wn.col.person'), key: 'person', render: (_, a) => <Link to={`/persons/${a.personId}`}>{a.personName}</Link> },
          { title: t('wn.col.kind'), key: 'kind', render: (_, a) => pick(a.kindLabel) },
          { title: t('wn.col.severity'), key: 'severity', render: (_, a) => <Tag color={severityColor[a.severity]}>{label('alertSeverity', a.severity)}</Tag> },
          {
            title: t('wn.col.status'),
            key: 'status',
            render: (_, a) => (
              <Space size={4} wrap>
                <span data-testid="alert-status">{label('alertStatus', a.status)}</span>
                {a.overdue && <Tag color="red">{t('wn.overdue')}</Tag>}
                {a.escalationLevel > 0 && <Tag color="purple">{t('wn.escalated', { n: a.escalationLevel })}</Tag>}
              </Space>
            ),
          },
          { title: t('wn.col.deadline'), key: 'deadline', render: (_, a) => a.deadline.slice(0, 16).replace('T', ' ') },
          { title: t('wn.col.age'), key: 'age', render: (_, a) => t('wn.ageHours', { n: a.ageHours }) },
          {
            title: t('wn.col.actions'),
            key: 'actions',
            render: (_, a) =>
              OPEN.includes(a.status) ? (
                <Flex gap={4} wrap>
                  {a.status === 'open' && (
                    <Button size="small" onClick={() => ack.mutate(a.id)}>
                      {t('wn.acknowledge')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setVisiting(a)}>
                    {t('wn.recordVisit')}
                  </Button>
                  <Button size="small" type="primary" onClick={() => setClosing(a)}>
                    {t('wn.close')}
                  </Button>
                </Flex>
              ) : (
                <Typography.Text type="secondary">
                  {a.outcome ? label('alertOutcome', a.outcome) : a.withdrawalReason ? label('alertWithdrawal', a.withdrawalReason) : ''}
                </Typography.Text>
              ),
          },
        ]}
      />
      {closing && <CloseModal alert={closing} onClose={() => setClosing(null)} />}
      {visiting && (
        <RecordFormModal
          target={{ personId: visiting.personId, personName: visiting.personName, orgUnitName: visiting.orgUnitName }}
          onClose={() => setVisiting(null)}
          onSaved={(r) => {
            const alert = visiting;
            setVisiting(null);
            void qc.invalidateQueries({ queryKey: keys.person(alert.personId) });
            act.mutate({ id: alert.id, recordId: r.record.id });
          }}
        />
      )}
    </>
  );
}
