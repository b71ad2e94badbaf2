import { Form, Modal } from 'antd';
import { serviceKinds } from '../../../core/rules/assistance';
import { assistanceApi } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { today } from '../../components/dates';
import { usePersonMutation } from '../person/usePersonMutation';
import { ServiceFields, serviceBody, type ServiceValues } from './ServiceFields';

/** Item 3: a service the worker records; it closes the open plan action for its need. */
export function ServiceModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ServiceValues>();
  const save = usePersonMutation(personId, (v: ServiceValues) => assistanceApi.addService(personId, serviceBody(v)), { form, success: t('as.svc.saved'), onDone: onClose });
  return (
    <Modal
      open
      title={t('as.svc.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="assistance-service" layout="vertical" initialValues={{ kind: 'counselling', date: today() }} onFinish={(v) => save.mutate(v)}>
        <ServiceFields kinds={serviceKinds} />
      </Form>
    </Modal>
  );
}
