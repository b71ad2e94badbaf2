import { DatePicker, Form, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { assistanceApi } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { afterToday, today, toIsoDate } from '../../components/dates';
import { usePersonMutation } from '../person/usePersonMutation';

interface Values {
  month: number;
  checkedOn: Dayjs;
  employed: boolean;
  endDate?: Dayjs;
}

/**
 * Item 3: a placement's still-employed check at one of its due months. No longer employed, the
 * check ends the placement on the day given (K8 stops counting it, its place is freed).
 */
export function CheckModal({ personId, serviceId, months, onClose }: { personId: string; serviceId: string; months: number[]; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const employed = Form.useWatch('employed', form);
  const save = usePersonMutation(
    personId,
    (v: Values) =>
      assistanceApi.checkPlacement(serviceId, { month: v.month, checkedOn: toIsoDate(v.checkedOn)!, employed: v.employed, endDate: v.employed ? undefined : toIsoDate(v.endDate) }),
    { form, success: t('as.check.saved'), onDone: onClose },
  );
  return (
    <Modal
      open
      title={t('as.check.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="assistance-check" layout="vertical" initialValues={{ month: months[0], checkedOn: today(), employed: true }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="month" label={t('as.check.month')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={months.map((m) => ({ value: m, label: t('as.tasks.month', { n: m }) }))} />
        </Form.Item>
        <Form.Item name="checkedOn" label={t('as.check.checkedOn')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="employed" label={t('as.check.employed')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t('as.check.yes') },
              { value: false, label: t('as.check.no') },
            ]}
          />
        </Form.Item>
        {employed === false && (
          <Form.Item name="endDate" label={t('as.svc.endDate')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
