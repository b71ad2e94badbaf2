import { useState } from 'react';
import { Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { rolesApi, type RoleView } from '../../api/users';
import { keys } from '../../api/keys';
import { useCan } from '../../api/me';
import { useRoles } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';
import { RoleModal } from './RoleModal';
import { RolePermissions } from './RolePermissions';

export function RolesTab() {
  const { t, lang } = useI18n();
  const can = useCan();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [editing, setEditing] = useState<RoleView | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: rolesApi.remove,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.roles });
      notify.success(t('roles.deleted'));
    },
    onError: notify.error,
  });
  const manage = can('role.manage');
  const name = (r: RoleView) => (lang === 'zh-CN' ? r.nameZh : r.nameEn);

  return (
    <>
      {manage && (
        <Flex style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('roles.create')}
          </Button>
        </Flex>
      )}
      <Table<RoleView>
        rowKey="id"
        loading={roles.isPending}
        dataSource={roles.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (r) => <RolePermissions permissions={r.permissions} /> }}
        columns={[
          {
            title: t('roles.name'),
            key: 'name',
            render: (_, r) => (
              <>
                {name(r)}{' '}
                <Typography.Text type="secondary" code>
                  {r.code}
                </Typography.Text>
              </>
            ),
          },
          { title: t('common.status'), key: 'builtin', render: (_, r) => (r.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>) },
          { title: t('roles.permissions'), key: 'count', render: (_, r) => t('roles.permCount', { n: r.permissions.length }) },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: RoleView) =>
                    r.builtin ? null : (
                      <Flex gap={4}>
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('roles.deleteConfirm', { name: name(r) })}
                          okText={t('common.delete')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove.mutateAsync(r.id).catch(() => undefined)}
                        >
                          <Button size="small" danger icon={<DeleteOutlined />}>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      </Flex>
                    ),
                },
              ]
            : []),
        ]}
      />
      {editing && <RoleModal role={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
