import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { trainingResults, type TrainingResult } from '../../../core/contracts/prevention';
import { preventionApi, preventionKeys, type PeriodQuery, type TrainingView } from '../../api/prevention';
import { useCan } from '../../api/me';
import { useWorkers } from '../../api/workers';
import { applyFieldErrors } from '../../api/form-errors';
import { afterToday, today } from '../../components/dates';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

/** Staff trainings of the period with passed / examined per training (K16). */
export function TrainingsTab({ period }: { period: PeriodQuery }) {
  const { t } = useI18n();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState({ page: 1, size: 20 });
  const query = { ...period, limit: page.size, offset: (page.page - 1) * page.size };
  const list = useQuery({ queryKey: preventionKeys.trainings(query), queryFn: () => preventionApi.trainings(query), placeholderData: keepPreviousData });
  return (
    <>
      {can('prevention.write') && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('pv.training.new')}
          </Button>
        </Flex>
      )}
      <Table<TrainingView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="trainings"
        pagination={{ current: page.page, pageSize: page.size, total: list.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, size: s }) }}
        columns={[
          { title: t('pv.training.heldOn'), dataIndex: 'heldOn' },
          { title: t('pv.training.topic'), dataIndex: 'topic' },
          { title: t('pv.unit'), dataIndex: 'orgUnitName' },
          { title: t('pv.training.attendees'), key: 'n', align: 'right', render: (_: unknown, r: TrainingView) => r.attendees.length },
          { title: t('pv.training.passed'), key: 'p', align: 'right', render: (_: unknown, r: TrainingView) => `${r.passed} / ${r.examined}` },
        ]}
      />
      {open && <TrainingModal onClose={() => setOpen(false)} defaultUnit={period.orgUnitId} />}
    </>
  );
}

type Values = { orgUnitId: string; topic: string; heldOn: Dayjs; minutes: number; attendees: { userId: string; result: TrainingResult }[] };

function TrainingModal({ onClose, defaultUnit }: { onClose: () => void; defaultUnit?: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const qc = useQueryClient();
  const { workers } = useWorkers();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => preventionApi.createTraining({ ...v, heldOn: v.heldOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      notify.success(t('pv.saved'));
      void qc.invalidateQueries({ queryKey: preventionKeys.all });
      onClose();
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Modal open title={t('pv.training.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('common.save')}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ orgUnitId: defaultUnit, heldOn: today(), minutes: 120, attendees: [{ result: 'passed' }] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="orgUnitId" label={t('pv.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="topic" label={t('pv.training.topic')} rules={[{ required: true, max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="heldOn" label={t('pv.training.heldOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="minutes" label={t('pv.training.minutes')} rules={[{ required: true }]}>
          <InputNumber min={15} precision={0} />
        </Form.Item>
        <Form.List name="attendees">
          {(fields, { add, remove }) => (
            <Form.Item label={t('pv.training.attendees')}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'userId']} rules={[{ required: true }]}>
                    <Select style={{ width: 200 }} showSearch optionFilterProp="label" options={workers.map((w) => ({ value: w.id, label: w.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'result']} rules={[{ required: true }]}>
                    <Select style={{ width: 120 }} aria-label={t('pv.training.result')} options={trainingResults.map((r) => ({ value: r, label: label('trainingResult', r) }))} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ result: 'passed' })}>
                {t('pv.training.addAttendee')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
