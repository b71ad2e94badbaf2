import { Button, Descriptions, Form, Input, Switch } from 'antd';
import { usersApi, type UpdateUser, type UserView } from '../../api/users';
import { applyFieldErrors } from '../../api/form-errors';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../components/format';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { UserStatusTags } from './UserStatusTags';
import { useUserMutation } from './useUserMutation';

export function UserProfileForm({ user }: { user: UserView }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const [form] = Form.useForm<UpdateUser>();
  const save = useUserMutation((v: UpdateUser) => usersApi.update(user.id, v), {
    success: t('common.saved'),
    onError: (err) => applyFieldErrors(form, err, lang),
  });
  const facts = (
    <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('users.username')}>{user.username}</Descriptions.Item>
      <Descriptions.Item label={t('common.status')}>
        <UserStatusTags user={user} />
      </Descriptions.Item>
      <Descriptions.Item label={t('users.lastLogin')}>{formatTime(user.lastLoginAt, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('users.createdAt')}>{formatTime(user.createdAt, lang)}</Descriptions.Item>
      {!can('user.manage') && <Descriptions.Item label={t('users.displayName')}>{user.displayName}</Descriptions.Item>}
      {!can('user.manage') && <Descriptions.Item label={t('users.orgUnit')}>{user.orgName}</Descriptions.Item>}
    </Descriptions>
  );
  if (!can('user.manage')) return facts;
  return (
    <>
      {facts}
      <Form
        form={form}
        name="user-edit"
        layout="vertical"
        initialValues={{ displayName: user.displayName, orgUnitId: user.orgUnitId, active: user.active }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.orgUnit')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="active" label={t('users.accountActive')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
