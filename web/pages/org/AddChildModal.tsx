import { Form, Input, Modal, Select } from 'antd';
import { orgLevels } from '../../../core/contracts/org';
import { orgApi, type OrgLevel, type OrgUnit } from '../../api/org';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useOrgMutation } from './useOrgMutation';

interface Values {
  level: OrgLevel;
  name: string;
  code?: string;
}

export function AddChildModal({ parent, onClose, onCreated }: { parent: OrgUnit; onClose: () => void; onCreated: (u: OrgUnit) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const below = orgLevels.slice(orgLevels.indexOf(parent.level) + 1);
  const create = useOrgMutation((v: Values) => orgApi.create({ parentId: parent.id, level: v.level, name: v.name, code: v.code || undefined }), {
    success: t('org.created'),
    form,
    onDone: onCreated,
  });
  return (
    <Modal
      open
      title={t('org.addChildTitle', { name: parent.name })}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="org-add" layout="vertical" initialValues={{ level: below[0] }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="level" label={t('org.level')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={below.map((l) => ({ value: l, label: label('orgLevel', l) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} extra={t('org.codeHint')} rules={[{ pattern: /^[A-Za-z0-9_-]*$/, message: t('org.codeHint') }]}>
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
