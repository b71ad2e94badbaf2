import { Alert, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { codesOf } from '../../../core/labels';
import { assistanceApi, type AssistanceTab, type PartnerView, type ReferralBody } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { afterToday, today, toIsoDate } from '../../components/dates';
import { usePersonMutation } from '../person/usePersonMutation';

interface Values {
  partnerId: string;
  need: ReferralBody['need'];
  purpose: string;
  actionId?: string;
  consentGiven?: boolean;
  consentBy?: string;
  consentDate?: Dayjs;
  consentScope?: string;
}

/** Item 5: refer to a partner; beyond the statutory bodies the person's consent is recorded (P2). */
export function ReferModal({ personId, tab, partners, onClose }: { personId: string; tab: AssistanceTab; partners: PartnerView[]; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const partnerId = Form.useWatch('partnerId', form);
  const partner = partners.find((p) => p.id === partnerId);
  const save = usePersonMutation(
    personId,
    (v: Values) =>
      assistanceApi.refer(personId, {
        partnerId: v.partnerId,
        need: v.need,
        purpose: v.purpose,
        actionId: v.actionId,
        consent: partner?.consentRequired ? { given: !!v.consentGiven, by: v.consentBy ?? '', date: toIsoDate(v.consentDate)!, scope: v.consentScope ?? '' } : undefined,
      }),
    { form, success: t('as.ref.sent'), onDone: onClose },
  );
  const required = [{ required: true, message: t('common.required') }];
  const openActions = (tab.plan?.actions ?? []).filter((a) => a.status === 'open');
  return (
    <Modal
      open
      title={t('as.ref.new')}
      okText={t('as.ref.new')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="assistance-refer"
        layout="vertical"
        initialValues={{ consentDate: today(), consentBy: '本人', need: openActions[0]?.need ?? 'employment', actionId: openActions[0]?.id }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="partnerId" label={t('as.ref.partner')} rules={required}>
          <Select showSearch optionFilterProp="label" options={partners.map((p) => ({ value: p.id, label: `${p.name}（${label('partnerKind', p.kind)}）` }))} />
        </Form.Item>
        <Form.Item name="need" label={t('as.ref.need')} rules={required}>
          <Select options={codesOf('assistanceNeed').map((c) => ({ value: c, label: label('assistanceNeed', c) }))} />
        </Form.Item>
        {openActions.length > 0 && (
          <Form.Item name="actionId" label={t('as.plan.action')}>
            <Select allowClear options={openActions.map((a) => ({ value: a.id, label: `${label('assistanceNeed', a.need)} · ${a.action}` }))} />
          </Form.Item>
        )}
        <Form.Item name="purpose" label={t('as.ref.purpose')} rules={required}>
          <Input.TextArea maxLength={300} rows={2} />
        </Form.Item>
        {partner?.consentRequired && (
          <>
            <Alert type="info" showIcon message={t('as.ref.consentNeeded')} style={{ marginBottom: 12 }} />
            <Form.Item name="consentGiven" valuePropName="checked">
              <Checkbox>{t('as.ref.consentGiven')}</Checkbox>
            </Form.Item>
            <Form.Item name="consentBy" label={t('as.ref.consentBy')} rules={required}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="consentDate" label={t('as.ref.consentDate')} rules={required}>
              <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="consentScope" label={t('as.ref.consentScope')} rules={required}>
              <Input maxLength={300} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
