import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { sealingApi, type SealedLookup } from '../../api/sealing';
import { applyFieldErrors } from '../../api/form-errors';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { PageHeader } from '../../components/PageHeader';

/** P4, P5: a sealed file is found only by its whole ID number and opened with a purpose, for the policy's hours. */
export default function SealedFilesPage() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('sl.menu.sealed')} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {can('person.sealed.read') && <SealedLookupCard />}
        {can('person.break_glass') && <BreakGlassCard />}
      </Space>
    </>
  );
}

function SealedLookupCard() {
  const { t } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const [found, setFound] = useState<SealedLookup | null>(null);
  const [opening, setOpening] = useState(false);
  const lookup = useMutation({ mutationFn: (idNumber: string) => sealingApi.lookup(idNumber), onSuccess: setFound, onError: notify.error });
  return (
    <Card title={t('sl.sealed.title')}>
      <Alert type="info" showIcon title={t('sl.sealed.hint')} style={{ marginBottom: 16 }} />
      <Form layout="inline" name="sealed-lookup" onFinish={(v: { idNumber: string }) => lookup.mutate(v.idNumber.trim())}>
        <Form.Item name="idNumber" label={t('sl.sealed.idNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input style={{ width: 260 }} autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" loading={lookup.isPending}>
          {t('sl.sealed.find')}
        </Button>
      </Form>
      {found && !found.found && <Typography.Paragraph style={{ marginTop: 16 }}>{t('sl.sealed.notFound')}</Typography.Paragraph>}
      {found?.found && (
        <Space style={{ marginTop: 16 }} wrap>
          <Typography.Text>{t('sl.sealed.found', { name: found.maskedName ?? '', reason: label('sealReason', found.reason), date: found.sealedOn ?? '' })}</Typography.Text>
          {found.purged ? (
            <Typography.Text type="secondary">{t('sl.sealed.purged')}</Typography.Text>
          ) : (
            <Button type="primary" onClick={() => setOpening(true)}>
              {t('sl.sealed.open')}
            </Button>
          )}
        </Space>
      )}
      {opening && found?.personId && <PurposeDialog personId={found.personId} onClose={() => setOpening(false)} />}
    </Card>
  );
}

/** The purpose dialog: the opening is audited with it and told to the unit's audit administrator. */
function PurposeDialog({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ purpose: string }>();
  const open = useMutation({
    mutationFn: (purpose: string) => sealingApi.open(personId, purpose),
    onSuccess: (o) => {
      notify.success(t('sl.sealed.opened', { hours: Math.round((new Date(o.expiresAt).getTime() - Date.now()) / 3_600_000) }));
      navigate(`/persons/${personId}`);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Modal
      open
      title={t('sl.sealed.open')}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={open.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} name="sealed-open" layout="vertical" onFinish={(v) => open.mutate(v.purpose.trim())}>
        <Form.Item name="purpose" label={t('sl.sealed.purpose')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('sl.sealed.purposeHint')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Break-the-glass: an emergency read of a person outside the area, by ID number, with a reason. */
function BreakGlassCard() {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ idNumber: string; reason: string }>();
  const glass = useMutation({
    mutationFn: (v: { idNumber: string; reason: string }) => sealingApi.breakGlass(v.idNumber.trim(), v.reason.trim()),
    onSuccess: (o) => navigate(`/persons/${o.personId}`),
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Card title={t('sl.bg.title')}>
      <Alert type="warning" showIcon title={t('sl.bg.hint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="break-glass" layout="vertical" onFinish={(v) => glass.mutate(v)} style={{ maxWidth: 480 }}>
        <Form.Item name="idNumber" label={t('sl.sealed.idNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="reason" label={t('sl.bg.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Button danger htmlType="submit" loading={glass.isPending}>
          {t('sl.bg.submit')}
        </Button>
      </Form>
    </Card>
  );
}
