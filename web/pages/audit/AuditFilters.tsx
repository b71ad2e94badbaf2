import { AutoComplete, Button, Col, DatePicker, Flex, Form, Input, Row, Select } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { auditPresets } from '../../../core/contracts/audit';
import { auditApi, type AuditQuery } from '../../api/audit';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { actionLabel, entityLabel, knownActions, knownEntityTypes } from './labels';

export type AuditFilter = Omit<AuditQuery, 'limit' | 'offset'>;

interface Values {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: AuditFilter['outcome'];
  range?: [Dayjs | null, Dayjs | null] | null;
}

const blank = (s?: string) => (s && s.trim() ? s.trim() : undefined);

/** Form values as the API's query: whole days in the viewer's time zone, `to` exclusive. */
function toFilter(v: Values): AuditFilter {
  const [from, to] = v.range ?? [];
  return {
    actor: blank(v.actor),
    action: blank(v.action),
    entityType: blank(v.entityType),
    entityId: blank(v.entityId),
    outcome: v.outcome,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.add(1, 'day').startOf('day').toISOString() : undefined,
  };
}

export function AuditFilters({ onSearch, exportUrl }: { onSearch: (f: AuditFilter) => void; exportUrl: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const col = { xs: 24, sm: 12, lg: 8, xl: 6 };
  // One click to what an inspection asks first: who saw full ID numbers, who opened sealed files.
  const preset = (action: string) => {
    form.setFieldsValue({ action });
    form.submit();
  };
  return (
    <Form form={form} name="audit-filter" layout="vertical" onFinish={(v) => onSearch(toFilter(v))}>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button size="small" onClick={() => preset(auditPresets.unmask)}>
          {t('audit.presetUnmask')}
        </Button>
        <Button size="small" onClick={() => preset(auditPresets.sealedOpen)}>
          {t('audit.presetSealed')}
        </Button>
      </Flex>
      <Row gutter={12}>
        <Col {...col}>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="action" label={t('audit.action')}>
            <AutoComplete
              allowClear
              placeholder={t('audit.actionPlaceholder')}
              options={knownActions.map((a) => ({ value: a, label: `${a} · ${actionLabel(label, a) ?? ''}` }))}
              showSearch={{ filterOption: (input, o) => (o?.label ?? '').toString().toLowerCase().includes(input.toLowerCase()) }}
            />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <AutoComplete allowClear options={knownEntityTypes.map((e) => ({ value: e, label: `${e} · ${entityLabel(label, e)}` }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select allowClear options={(['success', 'failure', 'denied'] as const).map((o) => ({ value: o, label: label('auditOutcome', o) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8} xl={6}>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8} xl={12} style={{ display: 'flex', alignItems: 'flex-end', gap: 8, flexWrap: 'wrap', paddingBottom: 24 }}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t('common.reset')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl} download>
            {t('audit.export')}
          </Button>
          <Button icon={<DownloadOutlined />} href={auditApi.headsUrl} download>
            {t('audit.exportHeads')}
          </Button>
        </Col>
      </Row>
    </Form>
  );
}
