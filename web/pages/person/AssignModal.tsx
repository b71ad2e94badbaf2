import { Form, Input, Modal, Select } from 'antd';
import { personsApi, type PersonView, type WorkTeamMember } from '../../api/persons';
import type { OrgUnit } from '../../api/org';
import { useWorkers } from '../../api/workers';
import { useI18n } from '../../i18n/I18nProvider';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { fileLevels, useUnitScope } from '../../components/useUnitScope';
import { WorkTeamField } from './WorkTeamField';
import { usePersonMutation } from './usePersonMutation';

interface Values {
  orgUnitId: string;
  workerId?: string;
  workTeam: Partial<WorkTeamMember>[];
  reason: string;
}

/** Assigns or changes the responsible unit, social worker and work team (C3), with a reason. */
export function AssignModal({ person, onClose }: { person: PersonView; onClose: () => void }) {
  const { t } = useI18n();
  const inScope = useUnitScope();
  const current = person.responsibleWorkerId && person.responsibleWorkerName ? { id: person.responsibleWorkerId, name: person.responsibleWorkerName } : null;
  const { workers, complete, loading } = useWorkers([current]);
  const [form] = Form.useForm<Values>();
  const save = usePersonMutation(
    person.id,
    (v: Values) =>
      personsApi.assign(person.id, {
        orgUnitId: v.orgUnitId,
        workerId: v.workerId ?? null,
        workTeam: (v.workTeam ?? []).map((m) => ({ role: m.role!, name: m.name!.trim(), phone: m.phone?.trim() || undefined, userId: m.userId })),
        reason: v.reason.trim(),
      }),
    { form, success: t('person.assigned'), onDone: onClose },
  );
  const unusable = (u: OrgUnit) => !u.active || !fileLevels.has(u.level) || !inScope(u, 'person.write');
  return (
    <Modal
      open
      title={t('person.assignTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        name="assign"
        layout="vertical"
        initialValues={{ orgUnitId: person.orgUnitId, workerId: person.responsibleWorkerId ?? undefined, workTeam: person.workTeam }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="orgUnitId" label={t('person.community')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect disabled={unusable} />
        </Form.Item>
        <Form.Item name="workerId" label={t('person.worker')} extra={complete ? undefined : t('person.workerHint')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={loading} options={workers.map((w) => ({ value: w.id, label: w.name }))} />
        </Form.Item>
        <Form.Item label={t('person.workTeam')}>
          <WorkTeamField />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('person.purposeMin') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
