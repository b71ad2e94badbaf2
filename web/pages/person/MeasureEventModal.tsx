import { useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { measuresApi, type MeasureEventBody, type MeasureEventType, type MeasureView } from '../../api/measures';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { terminationReasons } from '../../components/codes';
import { afterToday, toIsoDate, today } from '../../components/dates';
import { usePersonMutation } from './usePersonMutation';

interface Values {
  date: Dayjs;
  reason?: string;
  note?: string;
  lateExcused?: boolean;
  months?: number;
}

/** The reason is required for these steps (suspend, convert, extend need one; terminate picks one). */
const reasonRequired: ReadonlySet<MeasureEventType> = new Set(['suspend', 'convert', 'extend']);

function body(type: MeasureEventType, v: Values): MeasureEventBody {
  const date = toIsoDate(v.date)!;
  const reason = v.reason?.trim() || undefined;
  switch (type) {
    case 'report':
      return { type, date, lateExcused: !!v.lateExcused, reason };
    case 'terminate':
      return { type, date, reason: v.reason as (typeof terminationReasons)[number], note: v.note?.trim() || undefined };
    case 'extend':
      return { type, date, months: v.months!, reason: reason! };
    case 'suspend':
    case 'convert':
      return { type, date, reason: reason! };
    default:
      return { type, date, reason };
  }
}

/** One lifecycle step of a measure, with the fields that step needs; the date defaults to today. */
export function MeasureEventModal({ measure, type, onClose }: { measure: MeasureView; type: MeasureEventType; onClose: () => void }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const save = usePersonMutation(measure.personId, (v: Values) => measuresApi.event(measure.id, body(type, v)), {
    form,
    success: t('measures.eventDone', { event: label('measureEvent', type) }),
    onDone: onClose,
    // A rule of the lifecycle (late report, term not expired…) stays on screen, next to the fields.
    onError: (err) => setProblem(err instanceof ApiError ? pick(err.messages) : t('common.loadFailed')),
  });
  const submit = (v: Values) => {
    setProblem(null);
    save.mutate(v);
  };
  return (
    <Modal
      open
      title={t('measures.eventTitle', { event: label('measureEvent', type), kind: label('measureKind', measure.kind) })}
      okText={label('measureEvent', type)}
      okButtonProps={{ danger: type === 'terminate' || type === 'refuse_report' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} name={`measure-${type}`} layout="vertical" initialValues={{ date: today(), lateExcused: false, months: 6 }} onFinish={submit}>
        <Form.Item name="date" label={t('common.date')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        {type === 'report' && (
          <Form.Item name="lateExcused" valuePropName="checked">
            <Checkbox>{t('measures.lateExcused')}</Checkbox>
          </Form.Item>
        )}
        {type === 'extend' && (
          <Form.Item name="months" label={t('measures.months')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {type === 'terminate' ? (
          <>
            <Form.Item name="reason" label={t('measures.terminationReason')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={terminationReasons.map((r) => ({ value: r, label: label('terminationReason', r) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('measures.note')}>
              <Input.TextArea rows={2} maxLength={200} showCount />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="reason"
            label={t('common.reason')}
            rules={reasonRequired.has(type) ? [{ required: true, whitespace: true, min: 2, message: t('person.purposeMin') }] : []}
          >
            <Input.TextArea rows={2} maxLength={200} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
