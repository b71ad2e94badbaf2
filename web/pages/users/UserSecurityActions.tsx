import { useState } from 'react';
import { Alert, Button, Flex, Popconfirm } from 'antd';
import { KeyOutlined, SafetyOutlined, UnlockOutlined } from '@ant-design/icons';
import { usersApi, type OneTime, type UserView } from '../../api/users';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { OneTimePasswordModal } from '../../components/OneTimePasswordModal';
import { useUserMutation } from './useUserMutation';

export function UserSecurityActions({ user }: { user: UserView }) {
  const { t } = useI18n();
  const can = useCan();
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  const reset = useUserMutation(() => usersApi.resetPassword(user.id), { onDone: setOneTime });
  // A two-part reset (an account with person data, RULES P6): a security administrator issues the second part.
  const secondPart = useUserMutation(() => usersApi.resetSecondPart(user.id), { onDone: setOneTime });
  const unlock = useUserMutation(() => usersApi.unlock(user.id), { success: t('users.unlocked') });
  const resetMfa = useUserMutation(() => usersApi.resetMfa(user.id), { success: t('users.mfaReset') });
  const confirm = { okText: t('common.ok'), cancelText: t('common.cancel') };
  return (
    <Flex vertical gap={8}>
      {user.resetPending && <Alert type="info" showIcon title={t('users.resetPendingHint')} />}
      <Flex wrap gap={8}>
        {can('user.manage') && (
          <Popconfirm title={t('users.resetPasswordConfirm')} {...confirm} onConfirm={() => reset.mutateAsync(undefined).catch(() => undefined)}>
            <Button icon={<KeyOutlined />} loading={reset.isPending}>
              {t('users.resetPassword')}
            </Button>
          </Popconfirm>
        )}
        {can('role.manage') && user.resetPending && (
          <Popconfirm title={t('users.resetSecondPartConfirm')} {...confirm} onConfirm={() => secondPart.mutateAsync(undefined).catch(() => undefined)}>
            <Button icon={<KeyOutlined />} loading={secondPart.isPending}>
              {t('users.resetSecondPart')}
            </Button>
          </Popconfirm>
        )}
        {can('user.manage') && user.locked && (
          <Button icon={<UnlockOutlined />} loading={unlock.isPending} onClick={() => unlock.mutate(undefined)}>
            {t('users.unlock')}
          </Button>
        )}
        {can('role.manage') && user.totpEnabled && (
          <Popconfirm title={t('users.resetMfaConfirm')} {...confirm} onConfirm={() => resetMfa.mutateAsync(undefined).catch(() => undefined)}>
            <Button icon={<SafetyOutlined />} loading={resetMfa.isPending}>
              {t('users.resetMfa')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {oneTime && <OneTimePasswordModal username={user.username} password={oneTime.oneTimePassword} part={oneTime.part} onClose={() => setOneTime(null)} />}
    </Flex>
  );
}
