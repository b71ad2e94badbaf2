import { Divider, Drawer, Grid, Result, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { usersApi } from '../../api/users';
import { keys } from '../../api/keys';
import { ApiError } from '../../api/client';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { PageSpin } from '../../components/PageSpin';
import { UserProfileForm } from './UserProfileForm';
import { UserSecurityActions } from './UserSecurityActions';
import { UserGrants } from './UserGrants';
import { UserSessions } from './UserSessions';

export function UserDrawer({ userId, onClose }: { userId: string; onClose: () => void }) {
  const { t, pick } = useI18n();
  const can = useCan();
  const screens = Grid.useBreakpoint();
  const user = useQuery({ queryKey: keys.user(userId), queryFn: () => usersApi.get(userId) });
  const section = (title: string, first = false) => (
    <Divider titlePlacement="start" style={{ marginTop: first ? 0 : 24 }}>
      <Typography.Text strong>{title}</Typography.Text>
    </Divider>
  );
  return (
    <Drawer open onClose={onClose} size={screens.sm === false ? '100%' : 600} title={user.data ? t('users.drawerTitle', { name: user.data.displayName }) : ''} destroyOnHidden>
      {user.isPending && <PageSpin />}
      {user.isError && <Result status="error" title={user.error instanceof ApiError ? pick(user.error.messages) : t('common.loadFailed')} />}
      {user.data && (
        <>
          {section(t('users.profile'), true)}
          <UserProfileForm key={user.data.id + user.data.orgUnitId} user={user.data} />
          {(can('user.manage') || can('role.manage')) && section(t('users.security'))}
          <UserSecurityActions user={user.data} />
          {section(t('users.grants'))}
          <UserGrants userId={userId} />
          {can('session.manage') && section(t('users.sessions'))}
          {can('session.manage') && <UserSessions userId={userId} />}
        </>
      )}
    </Drawer>
  );
}
