import { Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usersApi, type CreateUser } from '../../api/users';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useNotify } from '../../components/useNotify';

export function CreateUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: (username: string, oneTimePassword: string | null) => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateUser>();
  const create = useMutation({
    mutationFn: usersApi.create,
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: keys.users });
      onCreated(r.user.username, r.oneTimePassword);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Modal
      open
      title={t('users.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="user-create" layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9._-]{2,31}$/, message: t('users.usernameHint') }]}
        >
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
