import { Alert, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { rolesApi, type CreateRole, type RoleView } from '../../api/users';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';
import { PermissionChecklist } from './PermissionChecklist';

/** Creates a custom role, or edits one when `role` is given (the code never changes). */
export function RoleModal({ role, onClose }: { role?: RoleView; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateRole>();
  const save = useMutation({
    mutationFn: (v: CreateRole) => (role ? rolesApi.update(role.id, { nameZh: v.nameZh, nameEn: v.nameEn, permissions: v.permissions }) : rolesApi.create(v)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.roles });
      notify.success(t('common.saved'));
      onClose();
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Modal
      open
      title={role ? t('roles.editTitle') : t('roles.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        name="role"
        layout="vertical"
        initialValues={role ? { code: role.code, nameZh: role.nameZh, nameEn: role.nameEn, permissions: role.permissions } : { permissions: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={role ? undefined : t('roles.codeHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('roles.codeHint') }]}
        >
          <Input disabled={!!role} maxLength={40} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Alert type="info" showIcon title={t('roles.sodHint')} style={{ marginBottom: 12 }} />
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionChecklist />
        </Form.Item>
      </Form>
    </Modal>
  );
}
