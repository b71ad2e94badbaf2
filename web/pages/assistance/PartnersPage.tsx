import { useState } from 'react';
import { Button, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { codesOf } from '../../../core/labels';
import type { PartnerKind } from '../../../core/rules/assistance';
import { assistanceApi, assistanceKeys, type PartnerBody } from '../../api/assistance';
import { orgApi } from '../../api/org';
import { keys } from '../../api/keys';
import { applyFieldErrors } from '../../api/form-errors';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { PageHeader } from '../../components/PageHeader';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

/** Item 4: the partner directory of the worker's area, a map-free list by district, with search. */
export default function PartnersPage() {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [filter, setFilter] = useState<{ q?: string; kind?: PartnerKind }>({});
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: assistanceKeys.partners(filter), queryFn: () => assistanceApi.partners(filter) });
  return (
    <>
      <PageHeader
        title={t('as.partners.title')}
        extra={
          can('partner.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('as.partners.new')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('as.partners.search')} onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))} style={{ width: 220 }} />
        <Select
          allowClear
          placeholder={t('as.partners.kind')}
          style={{ width: 200 }}
          options={codesOf('partnerKind').map((k) => ({ value: k, label: label('partnerKind', k) }))}
          onChange={(kind?: PartnerKind) => setFilter((f) => ({ ...f, kind }))}
        />
      </Space>
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        scroll={{ x: true }}
        locale={{ emptyText: t('as.partners.empty') }}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: label('orgLevel', 'district'), key: 'district', render: (_, p) => p.districtName ?? t('as.partners.noDistrict') },
          { title: t('as.partners.search'), dataIndex: 'name' },
          { title: t('as.partners.kind'), dataIndex: 'kind', render: (k: PartnerKind) => label('partnerKind', k) },
          { title: t('as.partners.services'), dataIndex: 'services', render: (s: string[]) => s.map((n) => <Tag key={n}>{label('assistanceNeed', n)}</Tag>) },
          { title: t('as.partners.contact'), key: 'contact', render: (_, p) => `${p.contactName} ${p.contactPhone}` },
          {
            title: t('as.partners.capacity'),
            key: 'places',
            render: (_, p) => (p.capacity === null ? '—' : t('as.partners.places', { taken: p.placesTaken, capacity: p.capacity, open: p.placesOpen ?? 0 })),
          },
          { title: t('as.partners.unit'), dataIndex: 'orgUnitName' },
        ]}
      />
      {adding && <PartnerDrawer onClose={() => setAdding(false)} />}
    </>
  );
}

function PartnerDrawer({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PartnerBody>();
  const units = useQuery({ queryKey: keys.orgUnits, queryFn: () => orgApi.list() });
  const save = useMutation({
    mutationFn: (v: PartnerBody) => assistanceApi.createPartner(v),
    onSuccess: async () => {
      notify.success(t('as.partners.saved'));
      await queryClient.invalidateQueries({ queryKey: ['partners'] });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) notify.error(e);
    },
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Drawer
      open
      width={480}
      title={t('as.partners.new')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" name="partner-create" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('as.partners.search')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('as.partners.kind')} rules={required}>
          <Select options={codesOf('partnerKind').map((k) => ({ value: k, label: label('partnerKind', k) }))} />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('as.partners.unit')} rules={required}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="servedOrgUnitIds" label={t('as.partners.served')} rules={required}>
          <Select mode="multiple" optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="services" label={t('as.partners.services')} rules={required}>
          <Select mode="multiple" options={codesOf('assistanceNeed').map((k) => ({ value: k, label: label('assistanceNeed', k) }))} />
        </Form.Item>
        <Form.Item name="contactName" label={t('as.partners.contact')} rules={required}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('as.partners.phone')} rules={required}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="capacity" label={t('as.partners.capacity')}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
