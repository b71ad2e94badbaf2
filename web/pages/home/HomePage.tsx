import { Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useSignedIn, useCan } from '../../api/me';
import { useOrgUnits, useRoles } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { useRoleName } from '../../components/useRoleName';
import { OrgUnitName } from '../../components/OrgUnitName';
import { RoleStart } from './RoleStart';

export function HomePage() {
  const me = useSignedIn();
  const can = useCan();
  const { t } = useI18n();
  const roles = useRoles(can('user.read'));
  const units = useOrgUnits(can('org.read'));
  const roleName = useRoleName(roles.data);
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.hello', { name: me.user.displayName })}
      </Typography.Title>
      <RoleStart />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('home.account')}>{me.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('home.unit')}>
            <OrgUnitName id={me.user.orgUnitId} units={units.data} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('home.grantsTitle')}>
        {me.grants.length === 0 ? (
          <Empty description={t('home.noGrants')} />
        ) : (
          <Table
            size="small"
            rowKey={(g) => `${g.roleCode}@${g.orgUnitId}`}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={me.grants}
            columns={[
              { title: t('home.role'), dataIndex: 'roleCode', render: (code: string) => <Tag color="gold">{roleName(code)}</Tag> },
              { title: t('home.scope'), dataIndex: 'orgUnitId', render: (id: string) => <OrgUnitName id={id} units={units.data} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
