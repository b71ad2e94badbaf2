import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { supervisionApi, type AbsenceKind, type AbsenceView, type BreachAssessment } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { afterToday, toIsoDate, today } from '../../components/dates';
import { absenceKinds } from './codes';
import { useSupervisionMutation } from './useSupervisionMutation';
import { errorText } from './errorText';

interface Values {
  kind: AbsenceKind;
  from: Dayjs;
  to?: Dayjs | null;
  note?: string;
}

/**
 * A stay away (C4/C5; still open while the person is away) or in hospital (T7 excuse); or, for
 * an open one, the day the person came back. A C5 warning that follows is shown at once.
 */
export function AbsenceModal({ personId, absence, onClose }: { personId: string; absence?: AbsenceView; onClose: () => void }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const run = (v: Values) =>
    absence
      ? supervisionApi.closeAbsence(absence.id, { to: toIsoDate(v.to)! })
      : supervisionApi.recordAbsence(personId, { kind: v.kind, from: toIsoDate(v.from)!, to: toIsoDate(v.to) ?? null, note: v.note?.trim() || undefined });
  const save = useSupervisionMutation(personId, run, {
    form,
    success: t('sv.absence.saved'),
    onDone: (r: { breaches: BreachAssessment | null }) => {
      onClose();
      if (r.breaches?.warning) modal.warning({ title: t('sv.breach.title'), content: pick(r.breaches.warning), okText: t('sv.outcome.ok') });
    },
    onError: (err) => setProblem(errorText(err, pick, t('common.loadFailed'))),
  });
  return (
    <Modal
      open
      title={absence ? t('sv.absence.closeTitle', { from: absence.from, kind: label('absenceKind', absence.kind) }) : t('sv.absence.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        name={absence ? 'absence-close' : 'absence-create'}
        initialValues={{ kind: 'away', from: today(), to: absence ? today() : null }}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        {!absence && (
          <>
            <Form.Item name="kind" label={t('sv.absence.kind')}>
              <Radio.Group optionType="button" options={absenceKinds.map((k) => ({ value: k, label: label('absenceKind', k) }))} />
            </Form.Item>
            <Form.Item name="from" label={t('sv.absence.from')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker disabledDate={afterToday} allowClear={false} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="to"
          label={t('sv.absence.to')}
          extra={absence ? undefined : t('sv.absence.toHint')}
          rules={absence ? [{ required: true, message: t('common.required') }] : []}
        >
          <DatePicker disabledDate={(d) => afterToday(d) || (!!absence && d.format('YYYY-MM-DD') < absence.from)} style={{ width: '100%' }} />
        </Form.Item>
        {!absence && (
          <Form.Item name="note" label={t('sv.absence.note')}>
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
