import { useState } from 'react';
import { Button } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { authApi, type SessionStage, type StageResponse } from '../../api/auth';
import { meOrRemembered } from '../../offline/session';
import type { Localized } from '../../api/client';
import { keys } from '../../api/keys';
import { useMe } from '../../api/me';
import type { MessageKey } from '../../i18n/zh-CN';
import { useI18n } from '../../i18n/I18nProvider';
import { PageSpin } from '../../components/PageSpin';
import { CredentialsForm } from './CredentialsForm';
import { SignInShell } from './SignInShell';
import { takeHandoff } from './handoff';
import { MfaStep } from './MfaStep';
import { PasswordStep } from './PasswordStep';
import { MfaSetupStep } from './MfaSetupStep';

const titles: Record<Exclude<SessionStage, 'active'>, MessageKey> = {
  mfa: 'login.mfaTitle',
  password_change: 'login.pwChangeTitle',
  mfa_setup: 'login.mfaSetupTitle',
};

export function LoginPage() {
  const { t, pick, lang, setLang } = useI18n();
  const me = useMe();
  const health = useQuery({ queryKey: ['health'], queryFn: authApi.health, staleTime: 300_000, retry: false });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // What the light first screen handed over, when it took the first step (web/main.tsx).
  const [handoff] = useState(takeHandoff);
  // The stage reached on this page; before any step, the one of an existing session (a reload mid-way).
  const [stage, setStage] = useState<SessionStage | null>(handoff?.stage ?? null);
  const [password, setPassword] = useState<string | undefined>(handoff?.password);
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
      <CredentialsForm
        lang={lang}
        notice={notice ? pick(notice) : null}
        onStage={(r, pw) => {
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
          setPassword(pw);
          return onStage(r);
        }}
      />
    );
  }

  return (
    <SignInShell
      lang={lang}
      onLang={setLang}
      demo={!!health.data?.demo}
      title={current && current !== 'active' ? t(titles[current]) : t('login.title')}
      extra={
        current && current !== 'active' ? (
          <Button type="link" size="small" onClick={() => void restart(null)}>
            {t('login.cancel')}
          </Button>
        ) : null
      }
    >
      {body}
    </SignInShell>
  );
}
