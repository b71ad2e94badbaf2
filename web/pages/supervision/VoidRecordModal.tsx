import { Form, Input, Modal, Typography } from 'antd';
import { supervisionApi, type RecordView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useSupervisionMutation } from './useSupervisionMutation';

/**
 * Issue 9.14: void a record entered wrongly, with the reason. The record stays on the file
 * (marked voided); breaches, tasks and notices are recomputed, and a notice it alone caused is
 * withdrawn or corrected (issue 9.13): the answer says how many.
 */
export function VoidRecordModal({ record, onClose }: { record: RecordView; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<{ reason: string }>();
  const save = useSupervisionMutation(record.personId, (v: { reason: string }) => supervisionApi.voidRecord(record.personId, record.id, v.reason.trim()), {
    form,
    success: (r) => t('sv.records.voided', { notices: r.noticesWithdrawn.length }),
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={t('sv.records.voidTitle', { kind: label('recordKind', record.kind), date: record.date })}
      okText={t('sv.records.void')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('sv.records.voidHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="void-record" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reason" label={t('sv.records.changeReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('sv.records.changeReasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
