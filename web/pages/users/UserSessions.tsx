import { useQuery } from '@tanstack/react-query';
import { usersApi } from '../../api/users';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { SessionTable } from '../../components/SessionTable';
import { useUserMutation } from './useUserMutation';

export function UserSessions({ userId }: { userId: string }) {
  const { t } = useI18n();
  const sessions = useQuery({ queryKey: keys.userSessions(userId), queryFn: () => usersApi.sessions(userId) });
  const revoke = useUserMutation((sessionId: string) => usersApi.revokeSession(userId, sessionId), { success: t('sessions.revoked') });
  return <SessionTable sessions={sessions.data?.items ?? []} loading={sessions.isPending} onRevoke={revoke.mutateAsync} showCurrent />;
}
