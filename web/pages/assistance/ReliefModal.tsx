import { DatePicker, Form, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { assistanceApi } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { afterToday, today, toIsoDate } from '../../components/dates';
import { usePersonMutation } from '../person/usePersonMutation';

interface Values {
  decision: 'granted' | 'refused';
  decidedOn: Dayjs;
  amount?: number;
}

/**
 * Item 3: the decision on a relief application (低保, 临时救助, 医疗救助) recorded as pending:
 * granted with its amount, or refused; once, not before it was submitted (the server checks).
 */
export function ReliefModal({ personId, serviceId, submittedOn, onClose }: { personId: string; serviceId: string; submittedOn: string; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);
  const save = usePersonMutation(
    personId,
    (v: Values) =>
      assistanceApi.decideRelief(serviceId, {
        decision: v.decision,
        decidedOn: toIsoDate(v.decidedOn)!,
        ...(v.decision === 'granted' && v.amount !== undefined ? { amount: v.amount } : {}),
      }),
    { form, success: t('as.relief.saved'), onDone: onClose },
  );
  const before = dayjs(submittedOn);
  return (
    <Modal
      open
      title={t('as.relief.decide')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="assistance-relief" layout="vertical" initialValues={{ decision: 'granted', decidedOn: today() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="decision" label={t('as.svc.decision')}>
          <Radio.Group
            optionType="button"
            options={(['granted', 'refused'] as const).map((d) => ({ value: d, label: label('reliefDecision', d), style: { minHeight: 44, lineHeight: '42px' } }))}
          />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('as.relief.decidedOn')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={(d) => afterToday(d) || d.isBefore(before, 'day')} style={{ width: '100%' }} />
        </Form.Item>
        {decision === 'granted' && (
          <Form.Item name="amount" label={t('as.svc.amount')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
