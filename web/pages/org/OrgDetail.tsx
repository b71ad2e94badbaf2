import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Popconfirm, Tag, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, PoweroffOutlined } from '@ant-design/icons';
import { orgApi, type OrgUnit } from '../../api/org';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgLevelTag } from '../../components/OrgLevelTag';
import { AddChildModal } from './AddChildModal';
import { EditUnitModal } from './EditUnitModal';
import { MoveUnitModal } from './MoveUnitModal';
import { useOrgMutation } from './useOrgMutation';

type Dialog = 'add' | 'edit' | 'move' | null;

export function OrgDetail({ unit, units, onSelect }: { unit: OrgUnit; units: OrgUnit[]; onSelect: (id: string | null) => void }) {
  const { t } = useI18n();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const parent = units.find((u) => u.id === unit.parentId);
  const toggle = useOrgMutation((active: boolean) => orgApi.update(unit.id, { active }), { success: t('common.saved') });
  const remove = useOrgMutation(() => orgApi.remove(unit.id), { success: t('org.deleted'), onDone: () => onSelect(unit.parentId) });
  const manage = can('org.manage');
  const lowest = unit.level === 'grid';

  return (
    <Card title={<Typography.Text ellipsis>{unit.name}</Typography.Text>} data-testid="org-detail">
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('org.level')}>
          <OrgLevelTag level={unit.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t('org.name')}>{unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>{unit.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.parent')}>{parent?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>{unit.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}</Descriptions.Item>
      </Descriptions>
      {manage && (
        <Flex wrap gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} disabled={lowest || !unit.active} title={lowest ? t('org.lowest') : undefined} onClick={() => setDialog('add')}>
            {t('org.addChild')}
          </Button>
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('common.edit')}
          </Button>
          {unit.parentId && (
            <Button icon={<DragOutlined />} onClick={() => setDialog('move')}>
              {t('org.move')}
            </Button>
          )}
          <Popconfirm
            title={t(unit.active ? 'org.deactivateConfirm' : 'org.reactivateConfirm', { name: unit.name })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => toggle.mutateAsync(!unit.active).catch(() => undefined)}
          >
            <Button icon={<PoweroffOutlined />} loading={toggle.isPending}>
              {unit.active ? t('org.deactivate') : t('org.reactivate')}
            </Button>
          </Popconfirm>
          {unit.parentId && (
            <Popconfirm
              title={t('org.deleteConfirm', { name: unit.name })}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutateAsync(undefined).catch(() => undefined)}
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
      {dialog === 'add' && (
        <AddChildModal
          parent={unit}
          onClose={() => setDialog(null)}
          onCreated={(u) => {
            setDialog(null);
            onSelect(u.id);
          }}
        />
      )}
      {dialog === 'edit' && <EditUnitModal unit={unit} onClose={() => setDialog(null)} />}
      {dialog === 'move' && <MoveUnitModal unit={unit} units={units} onClose={() => setDialog(null)} />}
    </Card>
  );
}
