import { useState } from 'react';
import { Button, Flex, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usersApi, type UserView } from '../../api/users';
import { keys } from '../../api/keys';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../components/format';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { OneTimePasswordModal } from '../../components/OneTimePasswordModal';
import { CreateUserModal } from './CreateUserModal';
import { UserDrawer } from './UserDrawer';
import { UserStatusTags } from './UserStatusTags';

export function UsersTab() {
  const { t, lang } = useI18n();
  const can = useCan();
  const [q, setQ] = useState('');
  const [orgUnitId, setOrgUnitId] = useState<string>();
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const filter = { q: q || undefined, orgUnitId, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const list = useQuery({ queryKey: keys.userList(filter), queryFn: () => usersApi.list(filter), placeholderData: keepPreviousData });

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ width: 240, maxWidth: '100%' }}
        />
        <OrgTreeSelect
          allowClear
          placeholder={t('users.orgFilter')}
          value={orgUnitId}
          onChange={(v) => {
            setOrgUnitId(v);
            setPage((p) => ({ ...p, current: 1 }));
          }}
          style={{ width: 240, maxWidth: '100%' }}
        />
        {can('user.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        )}
      </Flex>
      <Table<UserView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          ...page,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
        onRow={(u) => ({ onClick: () => setOpenId(u.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.orgUnit'), dataIndex: 'orgName' },
          { title: t('common.status'), key: 'status', render: (_, u) => <UserStatusTags user={u} /> },
          { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatTime(v, lang) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Button
                size="small"
                onClick={(e) => {
                  e.stopPropagation();
                  setOpenId(u.id);
                }}
              >
                {t('common.details')}
              </Button>
            ),
          },
        ]}
      />
      {creating && (
        <CreateUserModal
          onClose={() => setCreating(false)}
          onCreated={(username, password) => {
            setCreating(false);
            if (password) setOneTime({ username, password });
          }}
        />
      )}
      {oneTime && <OneTimePasswordModal username={oneTime.username} password={oneTime.password} onClose={() => setOneTime(null)} />}
      {openId && <UserDrawer userId={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}
