import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { supervisionApi, type LeaveView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { afterToday, fromIsoDate, toIsoDate, today } from '../../components/dates';
import { useSupervisionMutation } from './useSupervisionMutation';
import { errorText } from './errorText';

export type LeaveAction = 'decide' | 'extend' | 'return';
type Leave = Pick<LeaveView, 'id' | 'personId' | 'from' | 'to' | 'pendingTo'>;

interface Values {
  decision?: 'approve' | 'reject';
  note?: string;
  to?: Dayjs;
  reason?: string;
  returnedOn?: Dayjs;
}

/** A step of a leave (C4): the street decides the request or its extension; the worker asks to extend, or reports the person back (销假). */
export function LeaveActionModal({ leave, action, onClose }: { leave: Leave; action: LeaveAction; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const decision = Form.useWatch('decision', form) ?? 'approve';
  const range = `${leave.from} ~ ${leave.to}`;
  const run = (v: Values) => {
    if (action === 'decide') return supervisionApi.decideLeave(leave.id, { decision: v.decision ?? 'approve', note: v.note?.trim() || undefined });
    if (action === 'extend') return supervisionApi.extendLeave(leave.id, { to: toIsoDate(v.to)!, reason: v.reason!.trim() });
    return supervisionApi.returnFromLeave(leave.id, { returnedOn: toIsoDate(v.returnedOn)! });
  };
  const done = { decide: t('sv.leave.decided'), extend: t('sv.leave.extended'), return: t('sv.leave.returned') }[action];
  const save = useSupervisionMutation(leave.personId, run, {
    form,
    success: done,
    onDone: onClose,
    onError: (err) => setProblem(errorText(err, pick, t('common.loadFailed'))),
  });
  const title =
    action === 'decide'
      ? leave.pendingTo
        ? t('sv.leave.decisionExtension', { to: leave.pendingTo })
        : t('sv.leave.decisionTitle', { range })
      : action === 'extend'
        ? t('sv.leave.extendTitle')
        : t('sv.leave.returnTitle', { range });
  const okText = action === 'decide' ? (decision === 'approve' ? t('sv.leave.approve') : t('sv.leave.reject')) : action === 'extend' ? t('sv.leave.extend') : t('sv.leave.return');
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ danger: action === 'decide' && decision === 'reject' }}
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
        name={`leave-${action}`}
        initialValues={{ decision: 'approve', returnedOn: today(), to: fromIsoDate(leave.to)?.add(1, 'day') }}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        {action === 'decide' && (
          <>
            <Form.Item name="decision">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: 'approve', label: t('sv.leave.approve') },
                  { value: 'reject', label: t('sv.leave.reject') },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t('sv.leave.decisionNote')}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </>
        )}
        {action === 'extend' && (
          <>
            <Form.Item name="to" label={t('sv.leave.newTo')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') <= leave.to} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reason" label={t('sv.leave.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input.TextArea rows={2} maxLength={500} showCount />
            </Form.Item>
          </>
        )}
        {action === 'return' && (
          <Form.Item name="returnedOn" label={t('sv.leave.returnedOn')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker disabledDate={(d) => afterToday(d) || d.format('YYYY-MM-DD') < leave.from} allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
