import { Alert, Form, Input, Modal } from 'antd';
import { documentsApi, type DocumentView } from '../../api/documents';
import { useI18n } from '../../i18n/I18nProvider';
import { usePersonMutation } from './usePersonMutation';

/** Withdraws a document: it stays on file, marked, and no longer counts for the checklist. */
export function WithdrawDocumentModal({ doc, onClose }: { doc: DocumentView; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = usePersonMutation(doc.personId, (v: { reason: string }) => documentsApi.withdraw(doc.id, v.reason.trim()), {
    form,
    success: t('documents.withdrawDone'),
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={t('documents.withdrawTitle', { title: doc.title })}
      okText={t('documents.withdraw')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={withdraw.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('documents.withdrawHint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="document-withdraw" layout="vertical" onFinish={(v) => withdraw.mutate(v)}>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('person.purposeMin') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
