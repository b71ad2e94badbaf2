import { useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Upload } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { budgetCategories } from '../../../core/contracts/governance-ops';
import { ApiError } from '../../api/client';
import type { Localized } from '../../api/client';
import { govOpsApi, govOpsKeys, type BudgetView } from '../../api/governance-ops';
import { useCan } from '../../api/me';
import { applyFieldErrors } from '../../api/form-errors';
import { afterToday, today, toIsoDate } from '../../components/dates';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A unit's yearly budget by category (seed §7.3) with its execution rate, and its expenses. */
export function BudgetTab({ orgUnitId, year }: { orgUnitId?: string; year: number }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const label = useLabel();
  const can = useCan();
  const notify = useNotify();
  const qc = useQueryClient();
  const [total, setTotal] = useState<number | null>(null);
  const [expense, setExpense] = useState(false);
  const budget = useQuery({ queryKey: govOpsKeys.budget(orgUnitId ?? '', year), queryFn: () => govOpsApi.budget(orgUnitId!, year), enabled: !!orgUnitId, retry: false });
  const plan = useMutation({
    mutationFn: () => govOpsApi.setPlan({ orgUnitId: orgUnitId!, year, totalFen: Math.round((total ?? 0) * 100) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: govOpsKeys.all }),
    onError: notify.error,
  });
  if (!orgUnitId) return <Empty description={t('go.unit')} />;
  const missing = budget.error instanceof ApiError && budget.error.status === 404;
  const b = budget.data;
  return (
    <>
      {can('govops.write') && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <InputNumber aria-label={t('go.budget.total')} addonBefore={t('go.budget.total')} min={0.01} value={total} onChange={setTotal} style={{ width: 260 }} />
          <Button onClick={() => plan.mutate()} disabled={!total} loading={plan.isPending}>
            {t('go.budget.setPlan')}
          </Button>
          {b && (
            <Button type="primary" onClick={() => setExpense(true)}>
              {t('go.budget.expense')}
            </Button>
          )}
        </Flex>
      )}
      {missing && <Alert type="info" message={t('go.budget.noPlan')} />}
      {b && (
        <>
          <Table
            rowKey="category"
            size="small"
            pagination={false}
            data-testid="budget-lines"
            dataSource={b.lines}
            columns={[
              { title: t('go.budget.category'), key: 'c', render: (_: unknown, l: BudgetView['lines'][number]) => label('budgetCategory', l.category) },
              { title: t('go.budget.planned'), key: 'p', align: 'right', render: (_: unknown, l: BudgetView['lines'][number]) => yuan(l.plannedFen) },
              { title: t('go.budget.spent'), key: 's', align: 'right', render: (_: unknown, l: BudgetView['lines'][number]) => yuan(l.spentFen) },
              { title: t('go.budget.remaining'), key: 'r', align: 'right', render: (_: unknown, l: BudgetView['lines'][number]) => yuan(l.remainingFen) },
              {
                title: t('go.budget.rate'),
                key: 'x',
                align: 'right',
                render: (_: unknown, l: BudgetView['lines'][number]) => <span data-testid={`rate-${l.category}`}>{pct(l.executionRate)}</span>,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>∑</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {yuan(b.totalFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {yuan(b.spentFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {yuan(b.totalFen - b.spentFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {pct(b.executionRate)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Table
            rowKey="id"
            size="small"
            style={{ marginTop: 16 }}
            dataSource={b.expenses}
            columns={[
              { title: t('go.budget.spentOn'), dataIndex: 'spentOn' },
              { title: t('go.budget.category'), key: 'c', render: (_: unknown, e: BudgetView['expenses'][number]) => label('budgetCategory', e.category) },
              { title: t('go.budget.description'), dataIndex: 'description' },
              { title: t('go.budget.amount'), key: 'a', align: 'right', render: (_: unknown, e: BudgetView['expenses'][number]) => yuan(e.amountFen) },
              {
                key: 'r',
                render: (_: unknown, e: BudgetView['expenses'][number]) => (
                  <>
                    {e.overBudget && <Tag color="red">{t('go.budget.over')}</Tag>}
                    {e.receiptDocumentId && (
                      <a href={govOpsApi.documentUrl(e.receiptDocumentId)} target="_blank" rel="noreferrer">
                        {t('go.budget.receipt')}
                      </a>
                    )}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
      {expense && b && <ExpenseModal orgUnitId={orgUnitId} year={year} onClose={() => setExpense(false)} onWarn={(w) => w.forEach((x) => void message.warning(pick(x.message)))} />}
    </>
  );
}

type Values = { category: string; spentOn: Dayjs; amount: number; description: string; receipt?: { originFileObj?: File }[] };

function ExpenseModal({ orgUnitId, year, onClose, onWarn }: { orgUnitId: string; year: number; onClose: () => void; onWarn: (w: { code: string; message: Localized }[]) => void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const file = v.receipt?.[0]?.originFileObj;
      const receipt = file ? await govOpsApi.upload(orgUnitId, 'receipt', file) : undefined;
      return govOpsApi.addExpense(orgUnitId, year, {
        category: v.category as never,
        spentOn: toIsoDate(v.spentOn)!,
        amountFen: Math.round(v.amount * 100),
        description: v.description,
        receiptDocumentId: receipt?.id,
      });
    },
    onSuccess: (r) => {
      if (r.warnings.length) onWarn(r.warnings);
      else notify.success(t('go.saved'));
      void qc.invalidateQueries({ queryKey: govOpsKeys.all });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang, { amountFen: 'amount' })) notify.error(e);
    },
  });
  return (
    <Modal open title={t('go.budget.expense')} onCancel={onClose} onOk={() => form.submit()} okText={t('go.save')} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ spentOn: today() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="category" label={t('go.budget.category')} rules={[{ required: true }]}>
          <Select options={budgetCategories.map((c) => ({ value: c, label: label('budgetCategory', c) }))} />
        </Form.Item>
        <Form.Item name="spentOn" label={t('go.budget.spentOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} />
        </Form.Item>
        <Form.Item name="amount" label={t('go.budget.amount')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="description" label={t('go.budget.description')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="receipt" label={t('go.budget.receipt')} valuePropName="fileList" getValueFromEvent={(e: { fileList: unknown[] }) => e.fileList}>
          <Upload beforeUpload={() => false} maxCount={1} accept=".pdf,.jpg,.jpeg,.png">
            <Button>{t('go.budget.receipt')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
