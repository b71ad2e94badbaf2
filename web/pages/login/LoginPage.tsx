import { useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { authApi, type SessionStage, type StageResponse } from '../../api/auth';
import { meOrRemembered } from '../../offline/session';
import type { Localized } from '../../api/client';
import { keys } from '../../api/keys';
import { useMe } from '../../api/me';
import type { MessageKey } from '../../i18n/zh-CN';
import { useI18n } from '../../i18n/I18nProvider';
import { Brand } from '../../components/Brand';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSpin } from '../../components/PageSpin';
import { CredentialsStep } from './CredentialsStep';
import { MfaStep } from './MfaStep';
import { PasswordStep } from './PasswordStep';
import { MfaSetupStep } from './MfaSetupStep';

const titles: Record<Exclude<SessionStage, 'active'>, MessageKey> = {
  mfa: 'login.mfaTitle',
  password_change: 'login.pwChangeTitle',
  mfa_setup: 'login.mfaSetupTitle',
};

export function LoginPage() {
  const { t, pick } = useI18n();
  const me = useMe();
  const health = useQuery({ queryKey: ['health'], queryFn: authApi.health, staleTime: 300_000, retry: false });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // The stage reached on this page; before any step, the one of an existing session (a reload mid-way).
  const [stage, setStage] = useState<SessionStage | null>(null);
  const [password, setPassword] = useState<string>();
  // Why the sign-in went back to the first step, when the server ended it (e.g. too many wrong codes).
  const [notice, setNotice] = useState<Localized | null>(null);
  const current = stage ?? me.data?.stage ?? null;

  const onStage = async (r: StageResponse) => {
    if (r.stage === 'active') {
      // Through the offline-aware reader, so a field worker's account is remembered for offline opening (issue 17).
      await queryClient.fetchQuery({ queryKey: keys.me, queryFn: meOrRemembered, staleTime: 0 });
      navigate(from === '/login' ? '/' : from, { replace: true });
      return;
    }
    setStage(r.stage);
  };

  const restart = async (why: Localized | null = null) => {
    await authApi.logout().catch(() => undefined);
    queryClient.clear();
    setPassword(undefined);
    setNotice(why);
    setStage(null);
  };

  if (me.isPending && stage === null) return <PageSpin />;
  if (current === 'active' && stage === null) return <Navigate to={from === '/login' ? '/' : from} replace />;

  let body;
  if (current === 'mfa') body = <MfaStep onStage={onStage} onEnded={(why) => void restart(why)} />;
  else if (current === 'password_change') body = <PasswordStep onStage={onStage} currentPassword={password} />;
  else if (current === 'mfa_setup') body = <MfaSetupStep onStage={onStage} />;
  else {
    body = (
      <CredentialsStep
        notice={notice ? pick(notice) : null}
        onStage={(r, pw) => {
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
          setPassword(pw);
          void onStage(r);
        }}
      />
    );
  }

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, background: 'linear-gradient(180deg, #fff7e6 0%, #f5f5f5 60%)' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 420 }}>
        <LanguageSwitch />
      </Flex>
      <Flex vertical align="center" gap={4} style={{ margin: '32px 0 20px' }}>
        <Brand compact />
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
      </Flex>
      {health.data?.demo && (
        <Alert
          type="warning"
          showIcon
          data-testid="demo-banner"
          style={{ width: '100%', maxWidth: 420, marginBottom: 12 }}
          title={t('login.demoTitle')}
          description={t('login.demoHint')}
        />
      )}
      <Card
        title={current && current !== 'active' ? t(titles[current]) : t('login.title')}
        style={{ width: '100%', maxWidth: 420 }}
        extra={
          current && current !== 'active' ? (
            <Button type="link" size="small" onClick={() => void restart(null)}>
              {t('login.cancel')}
            </Button>
          ) : null
        }
      >
        {body}
      </Card>
    </Flex>
  );
}
