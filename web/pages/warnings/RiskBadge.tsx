import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, List, Modal, Popover, Select, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { RiskTag } from '../../components/RiskTag';
import { useLabel } from '../../components/useLabel';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { warningKeys, warningsApi } from '../../api/warnings';
import { keys } from '../../api/keys';
import { codesOf } from '../../../core/labels';

/** D4: the factors behind a person's class, each with its contribution, and the street's override. */
function RiskExplanation({ personId }: { personId: string }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const risk = useQuery({ queryKey: warningKeys.risk(personId), queryFn: () => warningsApi.risk(personId) });
  if (!risk.data) return <Spin size="small" />;
  const { computed, override } = risk.data;
  return (
    <Flex vertical gap={8} style={{ maxWidth: 360 }} data-testid="risk-explanation">
      {computed && (
        <Typography.Text type="secondary">
          {t('wn.risk.computed', { cls: label('riskLevel', computed.riskClass) })} · {t('wn.risk.score', { score: computed.score, version: computed.policyVersion })}
        </Typography.Text>
      )}
      {override && <Typography.Text>{t('wn.risk.override', { cls: label('riskLevel', override.riskClass), date: override.expiresOn, reason: override.reason })}</Typography.Text>}
      {computed && computed.factors.length > 0 ? (
        <List
          size="small"
          dataSource={computed.factors}
          renderItem={(f) => (
            <List.Item style={{ padding: '4px 0' }}>
              <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
                <span>
                  {pick(f.label)} {f.forcesHigh && <Tag color="red">{t('wn.risk.forces')}</Tag>}
                </span>
                <span>+{f.contribution}</span>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('wn.risk.none')}</Typography.Text>
      )}
    </Flex>
  );
}

function OverrideModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ riskClass: string; reason: string; expiresOn: Dayjs }>();
  const save = useMutation({
    mutationFn: (v: { riskClass: string; reason: string; expiresOn: Dayjs }) => warningsApi.override(personId, { ...v, expiresOn: v.expiresOn.format('YYYY-MM-DD') }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.person(personId) });
      void qc.invalidateQueries({ queryKey: keys.persons });
      onClose();
    },
  });
  return (
    <Modal open title={t('wn.risk.overrideTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="riskClass" label={t('wn.risk.title')} rules={[{ required: true }]}>
          <Select options={codesOf('riskLevel').map((c) => ({ value: c, label: label('riskLevel', c) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('wn.risk.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('wn.risk.expiresOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        {save.error && (
          <Typography.Text type="danger">
            {'messages' in save.error ? pick((save.error as { messages: { 'zh-CN': string; 'en-US': string } }).messages) : String(save.error)}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}

/** The risk tag of a person; hovering or tapping shows why (D4), and the street may override it. */
export function RiskBadge({ personId, level, overridable = false }: { personId: string; level: string | null; overridable?: boolean }) {
  const { t } = useI18n();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [overriding, setOverriding] = useState(false);
  return (
    <>
      <Popover
        title={t('wn.risk.why')}
        trigger={['hover', 'click']}
        open={open}
        onOpenChange={setOpen}
        content={
          open ? (
            <Flex vertical gap={8}>
              <RiskExplanation personId={personId} />
              {overridable && can('leave.approve') && (
                <Button size="small" onClick={() => (setOpen(false), setOverriding(true))}>
                  {t('wn.risk.overrideAction')}
                </Button>
              )}
            </Flex>
          ) : null
        }
      >
        <span style={{ cursor: 'pointer' }} data-testid="risk-badge">
          <RiskTag level={level} />
        </span>
      </Popover>
      {overriding && <OverrideModal personId={personId} onClose={() => setOverriding(false)} />}
    </>
  );
}
