import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { supervisionApi } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useEffectivePolicy } from '../../api/policy';
import { useI18n } from '../../i18n/I18nProvider';
import { toIsoDate } from '../../components/dates';
import { useSupervisionMutation } from './useSupervisionMutation';
import { errorText } from './errorText';

interface Values {
  range: [Dayjs, Dayjs];
  destination: string;
  reason: string;
}

/** C4: the worker enters the person's written leave request; the street decides it. */
export function LeaveRequestModal({ personId, orgUnitId, onClose }: { personId: string; orgUnitId: string; onClose: () => void }) {
  const { t, pick } = useI18n();
  const can = useCan();
  const policy = useEffectivePolicy(orgUnitId, can('org.read'));
  const fromDays = policy.data?.policy.lifecycle.leaveRequestFromDays ?? null;
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const range = Form.useWatch('range', form);
  const days = range?.[0] && range[1] ? range[1].diff(range[0], 'day') + 1 : null;
  const save = useSupervisionMutation(
    personId,
    (v: Values) => supervisionApi.requestLeave(personId, { from: toIsoDate(v.range[0])!, to: toIsoDate(v.range[1])!, destination: v.destination.trim(), reason: v.reason.trim() }),
    {
      form,
      aliases: { from: 'range', to: 'range' },
      success: t('sv.leave.requested'),
      onDone: onClose,
      onError: (err) => setProblem(errorText(err, pick, t('common.loadFailed'))),
    },
  );
  return (
    <Modal
      open
      title={t('sv.leave.requestTitle')}
      okText={t('sv.leave.request')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        name="leave-request"
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        {/* The server names `from` or `to`; both belong to the one range field. */}
        <Form.Item name="range" label={t('sv.leave.range')} rules={[{ required: true, message: t('common.required') }]} extra={days ? t('sv.leave.days', { n: days }) : undefined}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="destination" label={t('sv.leave.destination')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="reason" label={t('sv.leave.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {fromDays !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sv.leave.required', { n: fromDays })}
        </Typography.Text>
      )}
    </Modal>
  );
}
