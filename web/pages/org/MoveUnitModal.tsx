import { useCallback, useMemo } from 'react';
import { Form, Modal } from 'antd';
import { orgLevels } from '../../../core/contracts/org';
import { orgApi, type OrgUnit } from '../../api/org';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { subtreeIds } from './orgTree';
import { useOrgMutation } from './useOrgMutation';

export function MoveUnitModal({ unit, units, onClose }: { unit: OrgUnit; units: OrgUnit[]; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ parentId: string }>();
  const move = useOrgMutation((v: { parentId: string }) => orgApi.move(unit.id, v.parentId), { success: t('org.moved'), form, onDone: onClose });
  const own = useMemo(() => subtreeIds(units, unit), [units, unit]);
  // A parent must sit at a higher level and outside the unit's own subtree.
  const notAllowed = useCallback((u: OrgUnit) => own.has(u.id) || u.id === unit.parentId || orgLevels.indexOf(u.level) >= orgLevels.indexOf(unit.level) || !u.active, [own, unit]);
  return (
    <Modal
      open
      title={t('org.moveTitle', { name: unit.name })}
      okText={t('org.move')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="org-move" layout="vertical" onFinish={(v) => move.mutate(v)}>
        <Form.Item name="parentId" label={t('org.newParent')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect disabled={notAllowed} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
