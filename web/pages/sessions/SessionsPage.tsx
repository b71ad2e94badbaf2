import { Card } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../api/auth';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { PageHeader } from '../../components/PageHeader';
import { SessionTable } from '../../components/SessionTable';
import { useNotify } from '../../components/useNotify';

export default function SessionsPage() {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: keys.mySessions, queryFn: authApi.sessions });
  const revoke = useMutation({
    mutationFn: authApi.revokeSession,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.mySessions });
      notify.success(t('sessions.revoked'));
    },
    onError: notify.error,
  });
  return (
    <>
      <PageHeader title={t('sessions.title')} />
      <Card>
        <SessionTable sessions={sessions.data?.items ?? []} loading={sessions.isPending} onRevoke={revoke.mutateAsync} showCurrent />
      </Card>
    </>
  );
}
