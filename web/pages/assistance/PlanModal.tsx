import { Button, Card, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { codesOf } from '../../../core/labels';
import { assistanceApi, type AssistanceTab, type PartnerView, type PlanBody } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { today, toIsoDate } from '../../components/dates';
import { usePersonMutation } from '../person/usePersonMutation';

type Action = Omit<PlanBody['actions'][number], 'dueDate'> & { dueDate: Dayjs };
interface Values {
  reviewDate: Dayjs;
  actions: Action[];
}

/**
 * Item 2: a new version of the plan. It starts from the needs of the latest assessment and of
 * the latest visit, and from the current version's open actions.
 */
export function PlanModal({ personId, tab, partners, onClose }: { personId: string; tab: AssistanceTab; partners: PartnerView[]; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const save = usePersonMutation(
    personId,
    (v: Values) =>
      assistanceApi.writePlan(personId, {
        reviewDate: toIsoDate(v.reviewDate)!,
        actions: v.actions.map((a) => ({ ...a, partnerId: a.owner === 'partner' ? a.partnerId : undefined, dueDate: toIsoDate(a.dueDate)! })),
      }),
    { form, success: t('as.plan.saved'), onDone: onClose },
  );
  const assessed = (tab.assessments[0]?.needs ?? []).filter((n) => n.level !== 'none').map((n) => n.need);
  const open = (tab.plan?.actions ?? []).filter((a) => a.status === 'open');
  const fresh = [...new Set([...assessed, ...tab.visitNeeds])].filter((n) => !open.some((a) => a.need === n));
  const initial: Action[] = [
    ...open.map((a) => ({ need: a.need, goal: a.goal, action: a.action, owner: a.owner, partnerId: a.partnerId ?? undefined, dueDate: today().add(3, 'month') })),
    ...fresh.map((n) => ({ need: n, goal: '', action: '', owner: 'worker' as const, dueDate: today().add(3, 'month') })),
  ];
  const required = [{ required: true, message: t('common.required') }];
  const needOptions = codesOf('assistanceNeed').map((c) => ({ value: c, label: label('assistanceNeed', c) }));
  return (
    <Modal
      open
      width={760}
      title={t('as.plan.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="assistance-plan"
        layout="vertical"
        initialValues={{
          reviewDate: today().add(6, 'month'),
          actions: initial.length ? initial : [{ need: 'employment', goal: '', action: '', owner: 'worker', dueDate: today().add(3, 'month') }],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="reviewDate" label={t('as.plan.review')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  data-testid="plan-action"
                  extra={<Button type="text" icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(f.name)} />}
                >
                  <Form.Item name={[f.name, 'need']} label={t('as.plan.need')} rules={required}>
                    <Select options={needOptions} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'goal']} label={t('as.plan.goal')} rules={required}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'action']} label={t('as.plan.action')} rules={required}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'owner']} label={t('as.plan.owner')} rules={required}>
                    <Radio.Group optionType="button" options={codesOf('actionOwner').map((c) => ({ value: c, label: label('actionOwner', c) }))} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['actions', f.name, 'owner']) === 'partner' && (
                        <Form.Item name={[f.name, 'partnerId']} label={t('as.plan.partner')} rules={required}>
                          <Select showSearch optionFilterProp="label" options={partners.map((p) => ({ value: p.id, label: `${p.name}（${label('partnerKind', p.kind)}）` }))} />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} label={t('as.plan.due')} rules={required}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ need: 'employment', owner: 'worker', dueDate: today().add(3, 'month') })}>
                {t('as.plan.addAction')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
