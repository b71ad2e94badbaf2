import { useState } from 'react';
import { Button, Flex, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { govOpsApi, govOpsKeys, type PoliceFigureView } from '../../api/governance-ops';
import { useCan } from '../../api/me';
import { applyFieldErrors } from '../../api/form-errors';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const statusColor = { draft: 'default', submitted: 'blue', approved: 'green', returned: 'red' } as const;

/** K18 figures: the police enter and submit, the district office approves or returns with a reason. */
export function PoliceTab({ orgUnitId, year }: { orgUnitId?: string; year: number }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const notify = useNotify();
  const qc = useQueryClient();
  const police = can('police_figure.write');
  const [open, setOpen] = useState(false);
  const q = { orgUnitId, year };
  const list = useQuery({ queryKey: govOpsKeys.figures({ ...q, police }), queryFn: () => govOpsApi.figures(q, police) });
  const act = useMutation({
    mutationFn: (a: { id: string; kind: 'submit' | 'approve' | 'return' }) => {
      if (a.kind === 'submit') return govOpsApi.submitFigure(a.id);
      if (a.kind === 'approve') return govOpsApi.approveFigure(a.id);
      const reason = window.prompt(t('go.police.reason')) ?? '';
      return govOpsApi.returnFigure(a.id, reason);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: govOpsKeys.all }),
    onError: notify.error,
  });
  return (
    <>
      {police && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('go.police.new')}
          </Button>
        </Flex>
      )}
      <Table<PoliceFigureView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="police-figures"
        columns={[
          { title: t('go.unit'), dataIndex: 'orgUnitName' },
          { title: t('go.year'), dataIndex: 'year' },
          { title: t('go.police.month'), dataIndex: 'month' },
          { title: t('go.police.cases'), dataIndex: 'cases', align: 'right' },
          { title: t('go.status'), key: 's', render: (_: unknown, f: PoliceFigureView) => <Tag color={statusColor[f.status]}>{label('policeFigureStatus', f.status)}</Tag> },
          { title: t('go.police.reason'), dataIndex: 'returnReason' },
          {
            key: 'a',
            render: (_: unknown, f: PoliceFigureView) => (
              <Space>
                {police && (f.status === 'draft' || f.status === 'returned') && (
                  <Button size="small" onClick={() => act.mutate({ id: f.id, kind: 'submit' })}>
                    {t('go.police.submit')}
                  </Button>
                )}
                {can('govops.write') && f.status === 'submitted' && (
                  <>
                    <Button size="small" type="primary" onClick={() => act.mutate({ id: f.id, kind: 'approve' })}>
                      {t('go.police.approve')}
                    </Button>
                    <Button size="small" danger onClick={() => act.mutate({ id: f.id, kind: 'return' })}>
                      {t('go.police.return')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {open && <FigureModal onClose={() => setOpen(false)} defaultUnit={orgUnitId} year={year} />}
    </>
  );
}

type Values = { orgUnitId: string; year: number; month: number; cases: number; note?: string };

function FigureModal({ onClose, defaultUnit, year }: { onClose: () => void; defaultUnit?: string; year: number }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => govOpsApi.createFigure({ ...v, note: v.note ?? '' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: govOpsKeys.all });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) notify.error(e);
    },
  });
  return (
    <Modal open title={t('go.police.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('go.save')} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ orgUnitId: defaultUnit, year, month: 1 }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgUnitId" label={t('go.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="year" label={t('go.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="month" label={t('go.police.month')} rules={[{ required: true }]}>
          <InputNumber min={0} max={12} precision={0} />
        </Form.Item>
        <Form.Item name="cases" label={t('go.police.cases')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="note" label={t('go.police.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
