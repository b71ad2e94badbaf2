import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router-dom';
import { useMe } from '../api/me';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { PageSpin } from './PageSpin';

export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { t, pick } = useI18n();
  if (me.isPending) return <PageSpin />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname }} />;
    }
    const text = me.error instanceof ApiError ? pick(me.error.messages) : t('common.loadFailed');
    return <Result status="error" title={text} extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>} />;
  }
  if (me.data.stage !== 'active') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}
