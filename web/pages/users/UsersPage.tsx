import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider';
import { PageHeader } from '../../components/PageHeader';
import { UsersTab } from './UsersTab';
import { RolesTab } from './RolesTab';

export default function UsersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'roles' ? 'roles' : 'users';
  return (
    <>
      <PageHeader title={t('users.title')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'roles' ? { tab: 'roles' } : {}, { replace: true })}
          items={[
            { key: 'users', label: t('users.tabUsers'), children: <UsersTab /> },
            { key: 'roles', label: t('users.tabRoles'), children: <RolesTab /> },
          ]}
        />
      </Card>
    </>
  );
}
