import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { audienceSegments, onlineChannels, onlinePublicityKinds, publicityKinds, type PublicityKind } from '../../../core/contracts/prevention';
import { preventionApi, preventionKeys, type PublicityInput, type PublicityView } from '../../api/prevention';
import { applyFieldErrors } from '../../api/form-errors';
import { afterToday, today } from '../../components/dates';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

type Values = Omit<PublicityInput, 'heldOn'> & { heldOn: Dayjs };

/** Logs one activity: phone-friendly, one column; online kinds take their reach per channel. */
export function ActivityModal({ open, onClose, onSaved, defaultUnit }: { open: boolean; onClose: () => void; onSaved?: (a: PublicityView) => void; defaultUnit?: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) as PublicityKind | undefined;
  const online = !!kind && onlinePublicityKinds.includes(kind);
  const save = useMutation({
    mutationFn: (v: Values) => preventionApi.createActivity({ ...v, heldOn: v.heldOn.format('YYYY-MM-DD') }),
    onSuccess: (a) => {
      notify.success(t('pv.saved'));
      void qc.invalidateQueries({ queryKey: preventionKeys.all });
      form.resetFields();
      onClose();
      // Next step on the phone: the activity's photos.
      onSaved?.(a);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  const options = <T extends string>(codes: readonly T[], list: 'publicityKind' | 'audienceSegment' | 'onlineChannel') => codes.map((c) => ({ value: c, label: label(list, c) }));
  return (
    <Modal open={open} title={t('pv.form.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okText={t('common.save')} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ orgUnitId: defaultUnit, heldOn: today(), attendees: 0, materials: 0, audiences: [], partners: [], channels: [] }}
      >
        <Form.Item name="orgUnitId" label={t('pv.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('pv.form.kind')} rules={[{ required: true }]}>
          <Select options={options(publicityKinds, 'publicityKind')} />
        </Form.Item>
        <Form.Item name="title" label={t('pv.form.titleField')} rules={[{ required: true, max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="audiences" label={t('pv.form.audiences')} rules={[{ required: true }]}>
          <Select mode="multiple" options={options(audienceSegments, 'audienceSegment')} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('pv.form.heldOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('pv.form.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="organiser" label={t('pv.form.organiser')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="partners" label={t('pv.form.partners')}>
          <Select mode="tags" maxCount={10} open={false} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="attendees" label={t('pv.form.attendees')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="materials" label={t('pv.form.materials')}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        {online && (
          <Form.List name="channels">
            {(fields, { add, remove }) => (
              <Form.Item label={t('pv.form.channels')}>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline">
                    <Form.Item name={[f.name, 'channel']} rules={[{ required: true }]}>
                      <Select style={{ width: 150 }} placeholder={t('pv.form.channel')} options={options(onlineChannels, 'onlineChannel')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'reads']}>
                      <InputNumber min={0} precision={0} placeholder={t('pv.form.reads')} aria-label={t('pv.form.reads')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'plays']}>
                      <InputNumber min={0} precision={0} placeholder={t('pv.form.plays')} aria-label={t('pv.form.plays')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'shares']}>
                      <InputNumber min={0} precision={0} placeholder={t('pv.form.shares')} aria-label={t('pv.form.shares')} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ reads: 0, plays: 0, shares: 0 })}>
                  {t('pv.form.addChannel')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}
