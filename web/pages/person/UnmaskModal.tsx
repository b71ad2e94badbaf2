import { Alert, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { personsApi, type Unmasked } from '../../api/persons';
import { applyFieldErrors } from '../../api/form-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';

/** Asks why the clear identifiers are needed, then fetches them (the server audits the purpose; RULES P1, P3). */
export function UnmaskModal({ personId, onClose, onDone }: { personId: string; onClose: () => void; onDone: (clear: Unmasked) => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const [form] = Form.useForm<{ purpose: string }>();
  const unmask = useMutation({
    mutationFn: (purpose: string) => personsApi.unmask(personId, purpose),
    onSuccess: onDone,
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Modal
      open
      title={t('person.unmaskTitle')}
      okText={t('person.unmask')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={unmask.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('person.unmaskHint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="unmask" layout="vertical" onFinish={(v) => unmask.mutate(v.purpose.trim())}>
        <Form.Item
          name="purpose"
          label={t('person.purpose')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { min: 2, message: t('person.purposeMin') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('person.purposePlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
