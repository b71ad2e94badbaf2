import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { riskCategories } from '../../../core/contracts/governance-ops';
import { govOpsApi, govOpsKeys, type RiskView } from '../../api/governance-ops';
import { useCan } from '../../api/me';
import { useWorkers } from '../../api/workers';
import { applyFieldErrors } from '../../api/form-errors';
import { today, toIsoDate } from '../../components/dates';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const levelColor = { low: 'green', medium: 'gold', high: 'orange', critical: 'red' } as const;
const cellColor = (score: number) => (score >= 20 ? '#ffccc7' : score >= 10 ? '#ffe7ba' : score >= 5 ? '#fffbe6' : '#f6ffed');

/** The risk register (seed §6) and its 5×5 matrix; likelihood down, impact across. */
export function RisksTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const matrix = useQuery({ queryKey: govOpsKeys.risks(orgUnitId), queryFn: () => govOpsApi.matrix(orgUnitId) });
  const risks = matrix.data?.risks ?? [];
  const byId = new Map(risks.map((r) => [r.id, r]));
  return (
    <>
      {can('govops.write') && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('go.risk.new')}
          </Button>
        </Flex>
      )}
      <h4>{t('go.risk.matrix')}</h4>
      <table className="go-matrix" data-testid="risk-matrix" style={{ borderCollapse: 'collapse', marginBottom: 16 }}>
        <tbody>
          {[5, 4, 3, 2, 1].map((l) => (
            <tr key={l}>
              <th style={{ padding: 4 }}>{l}</th>
              {[1, 2, 3, 4, 5].map((i) => (
                <td key={i} style={{ width: 72, height: 40, border: '1px solid #d9d9d9', background: cellColor(l * i), textAlign: 'center', fontSize: 12 }}>
                  {(matrix.data?.cells[l - 1]?.[i - 1] ?? []).map((id) => (
                    <div key={id}>{byId.get(id)?.title.slice(0, 6)}</div>
                  ))}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th />
            {[1, 2, 3, 4, 5].map((i) => (
              <th key={i}>{i}</th>
            ))}
          </tr>
        </tbody>
      </table>
      <Table<RiskView>
        rowKey="id"
        size="small"
        loading={matrix.isFetching}
        dataSource={risks}
        data-testid="risks"
        columns={[
          { title: t('go.risk.title'), dataIndex: 'title' },
          { title: t('go.risk.category'), key: 'c', render: (_: unknown, r: RiskView) => label('riskCategory', r.category) },
          { title: t('go.risk.score'), key: 's', render: (_: unknown, r: RiskView) => `${r.likelihood} × ${r.impact} = ${r.score}` },
          { title: t('go.risk.level'), key: 'l', render: (_: unknown, r: RiskView) => <Tag color={levelColor[r.level]}>{label('riskMatrixLevel', r.level)}</Tag> },
          { title: t('go.owner'), dataIndex: 'ownerName' },
          { title: t('go.risk.reviewOn'), key: 'r', render: (_: unknown, r: RiskView) => (r.reviewDue ? <Tag color="red">{r.reviewOn}</Tag> : r.reviewOn) },
        ]}
      />
      {open && <RiskModal onClose={() => setOpen(false)} defaultUnit={orgUnitId} />}
    </>
  );
}

type Values = { orgUnitId: string; title: string; category: string; likelihood: number; impact: number; responses?: string; ownerUserId: string; reviewOn: Dayjs };

function RiskModal({ onClose, defaultUnit }: { onClose: () => void; defaultUnit?: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { workers } = useWorkers();
  const save = useMutation({
    mutationFn: (v: Values) =>
      govOpsApi.createRisk({
        ...v,
        category: v.category as never,
        responses: (v.responses ?? '')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
        reviewOn: toIsoDate(v.reviewOn)!,
      }),
    onSuccess: () => {
      notify.success(t('go.saved'));
      void qc.invalidateQueries({ queryKey: govOpsKeys.all });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) notify.error(e);
    },
  });
  return (
    <Modal open title={t('go.risk.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('go.save')} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ orgUnitId: defaultUnit, likelihood: 3, impact: 3, reviewOn: today().add(3, 'month') }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgUnitId" label={t('go.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label={t('go.risk.title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('go.risk.category')} rules={[{ required: true }]}>
          <Select options={riskCategories.map((c) => ({ value: c, label: label('riskCategory', c) }))} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="likelihood" label={t('go.risk.likelihood')} rules={[{ required: true }]}>
            <InputNumber min={1} max={5} precision={0} />
          </Form.Item>
          <Form.Item name="impact" label={t('go.risk.impact')} rules={[{ required: true }]}>
            <InputNumber min={1} max={5} precision={0} />
          </Form.Item>
        </Flex>
        <Form.Item name="responses" label={t('go.risk.responses')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t('go.owner')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={workers.map((w) => ({ value: w.id, label: w.name }))} />
        </Form.Item>
        <Form.Item name="reviewOn" label={t('go.risk.reviewOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
