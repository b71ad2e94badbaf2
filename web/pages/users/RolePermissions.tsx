import { Flex, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { label } from '../../../core/labels';
import { permissionGroups, permissionLabel } from '../../components/permissionGroups';

/** A role's permissions, read-only, grouped as in the catalogue. */
export function RolePermissions({ permissions }: { permissions: string[] }) {
  const { lang } = useI18n();
  return (
    <Flex vertical gap={8}>
      {permissionGroups
        .map((g) => ({ ...g, held: g.items.filter((p) => permissions.includes(p)) }))
        .filter((g) => g.held.length > 0)
        .map((g) => (
          <div key={g.group}>
            <Typography.Text type="secondary">{label('permissionGroup', g.group, lang)}：</Typography.Text>
            <Flex wrap gap={4} style={{ marginTop: 4 }}>
              {g.held.map((p) => (
                <Tag key={p} title={p}>
                  {permissionLabel(p, lang)}
                </Tag>
              ))}
            </Flex>
          </div>
        ))}
    </Flex>
  );
}
