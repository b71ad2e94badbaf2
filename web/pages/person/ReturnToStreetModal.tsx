import { Alert, Form, Input, Modal } from 'antd';
import { personsApi, type PersonView } from '../../api/persons';
import { useI18n } from '../../i18n/I18nProvider';
import { usePersonMutation } from './usePersonMutation';

/** A community sends the person back to its street, with a reason. */
export function ReturnToStreetModal({ person, onClose }: { person: PersonView; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const send = usePersonMutation(person.id, (v: { reason: string }) => personsApi.returnToStreet(person.id, v.reason.trim()), {
    form,
    success: t('person.returned'),
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={t('person.returnTitle')}
      okText={t('person.returnToStreet')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={send.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('person.returnHint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="return-to-street" layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('person.purposeMin') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
