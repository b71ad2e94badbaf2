import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Select, Space, Switch, Typography } from 'antd';
import { codesOf } from '../../../core/labels';
import type { TipCategory } from '../../../core/contracts/tips';
import { publicApi } from '../../api/public';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';
import { PublicShell } from './PublicShell';

interface TipForm {
  orgUnitId: string;
  category: TipCategory;
  description: string;
  place?: string;
  contactName?: string;
  contactPhone?: string;
}

/** 线索举报: a public form (anonymous allowed) that answers with a receipt code, and the status by that code (issue 16 item 5). */
export default function PublicTipPage() {
  const { t, lang, pick } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<TipForm>();
  const [anonymous, setAnonymous] = useState(true);
  const units = useQuery({ queryKey: ['public-tip-units'], queryFn: publicApi.tipUnits });
  const send = useMutation({
    mutationFn: (v: TipForm) =>
      publicApi.submitTip({ ...v, place: v.place ?? '', contactName: anonymous ? '' : (v.contactName ?? ''), contactPhone: anonymous ? '' : (v.contactPhone ?? '') }),
    onError: (err) => applyFieldErrors(form, err, lang),
  });
  const [code, setCode] = useState('');
  const status = useMutation({ mutationFn: () => publicApi.tipStatus(code) });
  return (
    <PublicShell title={t('pub.tip')}>
      {send.isSuccess ? (
        <Result
          status="success"
          title={t('pub.tip.thanks')}
          subTitle={
            <Space direction="vertical">
              <span>{t('pub.tip.keepCode')}</span>
              <Typography.Text copyable strong data-testid="receipt-code" style={{ fontSize: 18 }}>
                {send.data.receiptCode}
              </Typography.Text>
            </Space>
          }
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
          <Typography.Paragraph type="secondary">{t('pub.tip.intro')}</Typography.Paragraph>
          <Form.Item name="orgUnitId" label={t('pub.tip.unit')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" loading={units.isPending} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="category" label={t('pub.tip.category')} rules={[{ required: true }]}>
            <Select options={codesOf('tipCategory').map((c) => ({ value: c, label: label('tipCategory', c) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('pub.tip.description')} rules={[{ required: true, min: 10 }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="place" label={t('pub.tip.place')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('pub.tip.anonymous')}>
            <Switch checked={anonymous} onChange={setAnonymous} aria-label={t('pub.tip.anonymous')} />
          </Form.Item>
          {!anonymous && (
            <>
              <Form.Item name="contactName" label={t('pub.tip.contactName')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="contactPhone" label={t('pub.tip.contactPhone')}>
                <Input inputMode="tel" maxLength={20} />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={send.isPending}>
            {t('pub.tip.submit')}
          </Button>
        </Form>
      )}
      <Card size="small" title={t('pub.tip.check')} style={{ marginTop: 24 }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input aria-label={t('pub.tip.code')} placeholder="TIP-XXXX-XXXX-XXXX-XXXX" value={code} onChange={(e) => setCode(e.target.value)} />
          <Button onClick={() => status.mutate()} loading={status.isPending} disabled={!code.trim()}>
            {t('pub.tip.checkButton')}
          </Button>
        </Space.Compact>
        {status.isSuccess && (
          <Alert style={{ marginTop: 12 }} type="info" data-testid="tip-status" message={`${label('tipStatus', status.data.status)} · ${status.data.receivedOn}`} />
        )}
        {status.error instanceof ApiError && <Alert style={{ marginTop: 12 }} type="warning" message={pick(status.error.messages)} />}
      </Card>
    </PublicShell>
  );
}
