import { DatePicker, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { codesOf } from '../../../core/labels';
import { assistanceApi, type AssessmentBody } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { afterToday, today, toIsoDate } from '../../components/dates';
import { usePersonMutation } from '../person/usePersonMutation';

type Need = AssessmentBody['needs'][number]['need'];
interface Values {
  assessedOn: Dayjs;
  levels: Record<Need, AssessmentBody['needs'][number]['level']>;
  notes: Partial<Record<Need, string>>;
}

const needs = codesOf('assistanceNeed') as Need[];

/** Item 1: a level (none / some / severe) and a note for every need. */
export function AssessModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const save = usePersonMutation(
    personId,
    (v: Values) =>
      assistanceApi.assess(personId, {
        assessedOn: toIsoDate(v.assessedOn)!,
        needs: needs.map((n) => ({ need: n, level: v.levels[n] ?? 'none', note: v.notes?.[n]?.trim() || undefined })),
      }),
    { form, success: t('as.needs.saved'), onDone: onClose },
  );
  const levels = codesOf('needLevel').map((c) => ({ value: c, label: label('needLevel', c) }));
  return (
    <Modal
      open
      width={720}
      title={t('as.needs.assess')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="assistance-assess"
        layout="vertical"
        initialValues={{ assessedOn: today(), levels: Object.fromEntries(needs.map((n) => [n, 'none'])) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="assessedOn" label={t('as.needs.assessedOn')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        {needs.map((n) => (
          <Flex key={n} gap={8} align="baseline" wrap data-testid={`need-${n}`}>
            <Typography.Text style={{ width: 110 }}>{label('assistanceNeed', n)}</Typography.Text>
            <Form.Item name={['levels', n]} style={{ marginBottom: 8 }}>
              <Radio.Group optionType="button" size="small" options={levels} />
            </Form.Item>
            <Form.Item name={['notes', n]} style={{ flex: 1, minWidth: 160, marginBottom: 8 }}>
              <Input size="small" maxLength={500} placeholder={t('as.needs.note')} aria-label={`${label('assistanceNeed', n)} ${t('as.needs.note')}`} />
            </Form.Item>
          </Flex>
        ))}
      </Form>
    </Modal>
  );
}
