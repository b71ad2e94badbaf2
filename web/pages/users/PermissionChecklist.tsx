import { Checkbox, Flex, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { label } from '../../../core/labels';
import { permissionGroups, permissionLabel } from '../../components/permissionGroups';

/** Permission checkboxes grouped as in the catalogue; a Form.Item control holding string[]. */
export function PermissionChecklist({ value = [], onChange, id }: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const { lang } = useI18n();
  return (
    <Flex vertical gap={12} id={id}>
      {permissionGroups.map(({ group, items }) => (
        <div key={group}>
          <Typography.Text strong>{label('permissionGroup', group, lang)}</Typography.Text>
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: '4px 12px', marginTop: 4 }}
            value={value.filter((p) => (items as string[]).includes(p))}
            options={items.map((p) => ({ value: p, label: permissionLabel(p, lang) }))}
            onChange={(checked) => onChange?.([...value.filter((p) => !(items as string[]).includes(p)), ...checked])}
          />
        </div>
      ))}
    </Flex>
  );
}
