import { Form, Input, Modal, Typography } from 'antd';
import { supervisionApi, type NoticeView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useSupervisionMutation } from './useSupervisionMutation';

/** The street records that the notice reached the police station: who (me), when (now), how. */
export function DeliverNoticeModal({ notice, onClose }: { notice: NoticeView; onClose: () => void }) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const save = useSupervisionMutation(notice.personId, (v: { note?: string }) => supervisionApi.deliverNotice(notice.id, { note: v.note?.trim() || undefined }), {
    form,
    success: t('sv.notices.deliveredDone'),
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={t('sv.notices.deliverTitle', { name: notice.personName })}
      okText={t('sv.notices.deliver')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {pick(notice.reasonName)} · {notice.factDate}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="deliver-notice" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="note" label={t('sv.notices.deliverNote')}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('sv.notices.deliverNotePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
