import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { supervisionApi, type EducationView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { afterToday, toIsoDate, today } from '../../components/dates';
import { useSupervisionMutation } from './useSupervisionMutation';

interface Values {
  date: Dayjs;
  note: string;
}

/** C6: the talk of criticism and education held for an ordinary breach. */
export function EducationDoneModal({ record, onClose }: { record: EducationView; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const save = useSupervisionMutation(record.personId, (v: Values) => supervisionApi.educationDone(record.id, { date: toIsoDate(v.date)!, note: v.note.trim() }), {
    form,
    success: t('sv.education.saved'),
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={t('sv.education.doneFor', { reason: label('educationReason', record.reason), date: record.factDate })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="education-done" initialValues={{ date: today() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="date" label={t('common.date')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={(d) => afterToday(d) || d.format('YYYY-MM-DD') < record.factDate} allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('sv.record.note')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
