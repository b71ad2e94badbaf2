import { Button, Flex, Form, Popconfirm, Select, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { usersApi, type GrantView } from '../../api/users';
import { keys } from '../../api/keys';
import { useCan, useSignedIn } from '../../api/me';
import { useRoles } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useUserMutation } from './useUserMutation';

interface AddValues {
  roleId: string;
  orgUnitId: string;
}

export function UserGrants({ userId }: { userId: string }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const me = useSignedIn();
  const grants = useQuery({ queryKey: keys.userGrants(userId), queryFn: () => usersApi.grants(userId) });
  const roles = useRoles();
  const [form] = Form.useForm<AddValues>();
  const add = useUserMutation((v: AddValues) => usersApi.addGrant(userId, v), { success: t('users.grantAdded'), onDone: () => form.resetFields() });
  const remove = useUserMutation((grantId: string) => usersApi.removeGrant(userId, grantId), { success: t('users.grantRemoved') });
  // The server refuses changes to one's own grants; not offering them avoids a pointless error.
  const manage = can('role.manage') && userId !== me.user.id;
  const roleName = (g: { roleNameZh: string; roleNameEn: string }) => (lang === 'zh-CN' ? g.roleNameZh : g.roleNameEn);

  return (
    <>
      <Table<GrantView>
        rowKey="id"
        size="small"
        loading={grants.isPending}
        dataSource={grants.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('users.noGrants') }}
        columns={[
          { title: t('users.role'), key: 'role', render: (_, g) => <Tag color="gold">{roleName(g)}</Tag> },
          { title: t('users.grantOrg'), dataIndex: 'orgName' },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, g: GrantView) => (
                    <Popconfirm
                      title={t('users.removeGrantConfirm')}
                      okText={t('common.ok')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutateAsync(g.id).catch(() => undefined)}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <Form form={form} name="grant-add" layout="vertical" onFinish={(v) => add.mutate(v)} style={{ marginTop: 12 }}>
          <Flex wrap gap={8} align="flex-end">
            <Form.Item name="roleId" label={t('users.role')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: '1 1 160px', marginBottom: 8 }}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={roles.isPending}
                options={(roles.data ?? []).map((r) => ({ value: r.id, label: lang === 'zh-CN' ? r.nameZh : r.nameEn }))}
              />
            </Form.Item>
            <Form.Item name="orgUnitId" label={t('users.grantOrg')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: '1 1 200px', marginBottom: 8 }}>
              <OrgTreeSelect />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
                {t('users.addGrant')}
              </Button>
            </Form.Item>
          </Flex>
        </Form>
      )}
    </>
  );
}
