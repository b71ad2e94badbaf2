import { Form, Input, Modal } from 'antd';
import { orgApi, type OrgUnit } from '../../api/org';
import { useI18n } from '../../i18n/I18nProvider';
import { useOrgMutation } from './useOrgMutation';

interface Values {
  name: string;
  code: string;
}

export function EditUnitModal({ unit, onClose }: { unit: OrgUnit; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const save = useOrgMutation((v: Values) => orgApi.update(unit.id, { name: v.name, code: v.code ? v.code : null }), {
    success: t('common.saved'),
    form,
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={t('org.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="org-edit" layout="vertical" initialValues={{ name: unit.name, code: unit.code ?? '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} extra={t('org.codeHint')} rules={[{ pattern: /^[A-Za-z0-9_-]*$/, message: t('org.codeHint') }]}>
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
