import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { measuresApi, type MeasureKind, type MeasureView } from '../../api/measures';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { measureKinds } from '../../components/codes';
import { afterToday, toIsoDate } from '../../components/dates';
import { usePersonMutation } from './usePersonMutation';

interface Values {
  kind: MeasureKind;
  decisionNumber?: string;
  decisionDate: Dayjs;
  decidingAuthority?: string;
  decisionReceivedDate?: Dayjs | null;
  termMonths?: number | null;
  executionPlace?: string;
  previousMeasureId?: string;
}

const text = (s?: string) => s?.trim() || undefined;

/** Records a measure from its decision. Community measures wait for the report (C1, M2). */
export function NewMeasureModal({ personId, measures, onClose }: { personId: string; measures: MeasureView[]; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const community = kind === 'community_detox' || kind === 'community_rehab';
  const save = usePersonMutation(
    personId,
    (v: Values) =>
      measuresApi.create(personId, {
        kind: v.kind,
        decisionNumber: text(v.decisionNumber),
        decisionDate: toIsoDate(v.decisionDate)!,
        decidingAuthority: text(v.decidingAuthority),
        decisionReceivedDate: toIsoDate(v.decisionReceivedDate),
        termMonths: v.termMonths ?? undefined,
        executionPlace: text(v.executionPlace),
        previousMeasureId: v.previousMeasureId,
      }),
    { form, success: t('measures.added'), onDone: onClose },
  );
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={t('measures.addTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="measure-create" layout="vertical" initialValues={{ kind: 'community_detox' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('measures.kind')} rules={required}>
          <Select options={measureKinds.map((k) => ({ value: k, label: label('measureKind', k) }))} />
        </Form.Item>
        <Form.Item name="decisionNumber" label={t('measures.decisionNumber')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="decisionDate" label={t('measures.decisionDate')} rules={required}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="decidingAuthority" label={t('measures.decidingAuthority')}>
          <Input maxLength={100} />
        </Form.Item>
        {community && (
          <Form.Item name="decisionReceivedDate" label={t('measures.decisionReceivedDate')} extra={t('measures.receivedHint')}>
            <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {kind === 'community_rehab' && (
          <Form.Item name="termMonths" label={t('measures.termMonths')}>
            <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="executionPlace" label={t('measures.executionPlace')}>
          <Input maxLength={200} />
        </Form.Item>
        {measures.length > 0 && (
          <Form.Item name="previousMeasureId" label={t('measures.previous')}>
            <Select
              allowClear
              options={measures.map((m) => ({ value: m.id, label: `${label('measureKind', m.kind)} · ${m.decisionDate ?? ''} · ${label('measureStatus', m.status)}` }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
