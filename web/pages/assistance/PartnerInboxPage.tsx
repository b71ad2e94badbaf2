import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Modal, Space, Tag, Typography, type FormInstance } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { needOfService, serviceKinds } from '../../../core/rules/assistance';
import { assistanceApi, assistanceKeys, type InboxItem } from '../../api/assistance';
import { applyFieldErrors } from '../../api/form-errors';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { PageHeader } from '../../components/PageHeader';
import { today } from '../../components/dates';
import { ServiceFields, serviceBody, type ServiceValues } from './ServiceFields';

/**
 * The partner's inbox (item 5), phone-friendly: one card per open referral with only the
 * person's name and phone, the need and the purpose. Accept, decline with a reason, complete.
 */
export default function PartnerInboxPage() {
  const { t } = useI18n();
  const inbox = useQuery({ queryKey: assistanceKeys.inbox, queryFn: () => assistanceApi.inbox() });
  const [acting, setActing] = useState<{ item: InboxItem; step: 'decline' | 'complete' } | null>(null);
  return (
    <>
      <PageHeader title={t('as.inbox.title')} />
      <Alert type="info" showIcon message={t('as.inbox.hint')} style={{ marginBottom: 12 }} />
      {inbox.isPending ? (
        <Card loading />
      ) : (inbox.data?.items.length ?? 0) === 0 ? (
        <Empty description={t('as.inbox.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {inbox.data!.items.map((item) => (
            <InboxCard key={item.id} item={item} onStep={(step) => setActing({ item, step })} />
          ))}
        </Flex>
      )}
      {acting?.step === 'decline' && <DeclineModal item={acting.item} onClose={() => setActing(null)} />}
      {acting?.step === 'complete' && <CompleteModal item={acting.item} onClose={() => setActing(null)} />}
    </>
  );
}

function InboxCard({ item, onStep }: { item: InboxItem; onStep: (s: 'decline' | 'complete') => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => assistanceApi.accept(item.id),
    onSuccess: () => {
      notify.success(t('as.inbox.accepted'));
      return queryClient.invalidateQueries({ queryKey: assistanceKeys.inbox });
    },
    onError: (e) => notify.error(e),
  });
  return (
    <Card
      size="small"
      data-testid="inbox-item"
      title={
        <Space wrap>
          <span>{item.person.name}</span>
          <Tag>{label('referralStatus', item.status)}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {label('assistanceNeed', item.need)} · {item.partnerName}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{item.purpose}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('as.ref.respondBy')}：{item.respondBy}
      </Typography.Paragraph>
      <Flex wrap gap={8}>
        {item.person.phone && (
          <Button icon={<PhoneOutlined />} href={`tel:${item.person.phone}`}>
            {t('as.inbox.call')} {item.person.phone}
          </Button>
        )}
        {item.status === 'sent' && (
          <>
            <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate()}>
              {t('as.inbox.accept')}
            </Button>
            <Button danger onClick={() => onStep('decline')}>
              {t('as.inbox.decline')}
            </Button>
          </>
        )}
        {item.status === 'accepted' && (
          <Button type="primary" onClick={() => onStep('complete')}>
            {t('as.inbox.complete')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

function useStep<V>(fn: (v: V) => Promise<unknown>, form: FormInstance<V>, success: string, onClose: () => void) {
  const { lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      notify.success(success);
      await queryClient.invalidateQueries({ queryKey: assistanceKeys.inbox });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form as FormInstance, e, lang)) notify.error(e);
    },
  });
}

function DeclineModal({ item, onClose }: { item: InboxItem; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const save = useStep((v: { reason: string }) => assistanceApi.decline(item.id, v.reason), form, t('as.inbox.declined'), onClose);
  return (
    <Modal
      open
      title={t('as.inbox.decline')}
      okText={t('as.inbox.decline')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="referral-decline" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="reason" label={t('as.inbox.reason')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea maxLength={300} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompleteModal({ item, onClose }: { item: InboxItem; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ServiceValues>();
  const save = useStep((v: ServiceValues) => assistanceApi.complete(item.id, serviceBody(v)), form, t('as.inbox.completed'), onClose);
  // The service answers the referral's need (a job placement for employment, …).
  const kinds = serviceKinds.filter((k) => needOfService[k] === item.need);
  const offered = kinds.length ? kinds : serviceKinds;
  return (
    <Modal
      open
      title={`${t('as.inbox.complete')} · ${item.person.name}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="referral-complete"
        initialValues={{ kind: offered[0], date: today(), details: { startDate: today() } }}
        onFinish={(v) => save.mutate(v)}
      >
        <ServiceFields kinds={offered} />
      </Form>
    </Modal>
  );
}
