import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Permission } from '../../core/contracts/permissions';
import { useCan } from '../api/me';
import { useI18n } from '../i18n/I18nProvider';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  const navigate = useNavigate();
  const { t } = useI18n();
  if (can(permission)) return children;
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.text')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('forbidden.home')}
        </Button>
      }
    />
  );
}
