import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { departments } from '../../../core/contracts/governance-ops';
import { govOpsApi, govOpsKeys, type ActionItemView, type MeetingView } from '../../api/governance-ops';
import { useCan } from '../../api/me';
import { useWorkers } from '../../api/workers';
import { applyFieldErrors } from '../../api/form-errors';
import { afterToday, today, toIsoDate } from '../../components/dates';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

/** 联席会议: the meetings with their action items; overdue items on top for the office. */
export function MeetingsTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t } = useI18n();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: govOpsKeys.meetings(orgUnitId), queryFn: () => govOpsApi.meetings(orgUnitId) });
  const overdue = useQuery({ queryKey: govOpsKeys.overdue(orgUnitId), queryFn: () => govOpsApi.overdue(orgUnitId) });
  return (
    <>
      {(overdue.data?.items.length ?? 0) > 0 && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          data-testid="overdue-items"
          message={t('go.meeting.overdue')}
          description={overdue.data!.items.map((i) => (
            <div key={i.id}>
              {i.title} · {i.ownerName} · {i.dueOn} · {t('go.meeting.daysOverdue', { n: i.daysOverdue })}
            </div>
          ))}
        />
      )}
      {can('govops.write') && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('go.meeting.new')}
          </Button>
        </Flex>
      )}
      <Table<MeetingView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="meetings"
        expandable={{ expandedRowRender: (m) => <ItemsTable items={m.actionItems} />, rowExpandable: (m) => m.actionItems.length > 0 }}
        columns={[
          { title: t('go.meeting.heldOn'), dataIndex: 'heldOn' },
          { title: t('go.meeting.title'), dataIndex: 'title' },
          { title: t('go.unit'), dataIndex: 'orgUnitName' },
          {
            key: 'actions',
            render: (_: unknown, m: MeetingView) => (
              <Space>
                <a href={`/print/meeting/${m.id}`} target="_blank" rel="noreferrer">
                  {t('go.meeting.print')}
                </a>
                <a href={govOpsApi.minutesUrl(m.id)}>{t('go.meeting.docx')}</a>
              </Space>
            ),
          },
        ]}
      />
      {open && <MeetingModal onClose={() => setOpen(false)} defaultUnit={orgUnitId} />}
    </>
  );
}

function ItemsTable({ items }: { items: ActionItemView[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const done = useMutation({ mutationFn: (id: string) => govOpsApi.updateItem(id, 'done'), onSuccess: () => qc.invalidateQueries({ queryKey: govOpsKeys.all }) });
  return (
    <Table<ActionItemView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { title: t('go.meeting.item'), dataIndex: 'title' },
        { title: t('go.owner'), dataIndex: 'ownerName' },
        { title: t('go.dueOn'), dataIndex: 'dueOn' },
        {
          title: t('go.status'),
          key: 's',
          render: (_: unknown, i: ActionItemView) => (
            <Space>
              {label('actionItemStatus', i.status)}
              {i.overdue && <Tag color="red">{t('go.meeting.daysOverdue', { n: i.daysOverdue })}</Tag>}
            </Space>
          ),
        },
        {
          key: 'a',
          render: (_: unknown, i: ActionItemView) =>
            i.status === 'open' || i.status === 'in_progress' ? (
              <Button size="small" onClick={() => done.mutate(i.id)}>
                {t('go.meeting.done')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

type Values = {
  orgUnitId: string;
  heldOn: Dayjs;
  title: string;
  departments: string[];
  topics: string;
  decisions?: string;
  actionItems?: { title: string; ownerUserId: string; dueOn: Dayjs }[];
};
const lines = (s?: string) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

function MeetingModal({ onClose, defaultUnit }: { onClose: () => void; defaultUnit?: string }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { workers } = useWorkers();
  const save = useMutation({
    mutationFn: (v: Values) =>
      govOpsApi.createMeeting({
        orgUnitId: v.orgUnitId,
        heldOn: toIsoDate(v.heldOn)!,
        title: v.title,
        departments: v.departments as never,
        topics: lines(v.topics),
        decisions: lines(v.decisions),
        actionItems: (v.actionItems ?? []).map((a) => ({ title: a.title, ownerUserId: a.ownerUserId, dueOn: toIsoDate(a.dueOn)! })),
      }),
    onSuccess: () => {
      notify.success(t('go.saved'));
      void qc.invalidateQueries({ queryKey: govOpsKeys.all });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang)) notify.error(e);
    },
  });
  return (
    <Modal open title={t('go.meeting.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('go.save')} confirmLoading={save.isPending} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ orgUnitId: defaultUnit, heldOn: today() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="orgUnitId" label={t('go.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="heldOn" label={t('go.meeting.heldOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} />
        </Form.Item>
        <Form.Item name="title" label={t('go.meeting.title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="departments" label={t('go.meeting.departments')} rules={[{ required: true }]}>
          <Select mode="multiple" options={departments.map((d) => ({ value: d, label: label('department', d) }))} />
        </Form.Item>
        <Form.Item name="topics" label={t('go.meeting.topics')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="decisions" label={t('go.meeting.decisions')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.List name="actionItems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('go.meeting.item')} aria-label={t('go.meeting.item')} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerUserId']} rules={[{ required: true }]}>
                    <Select
                      placeholder={t('go.owner')}
                      aria-label={t('go.owner')}
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 200 }}
                      options={workers.map((w) => ({ value: w.id, label: w.name }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true }]}>
                    <DatePicker placeholder={t('go.dueOn')} aria-label={t('go.dueOn')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('go.meeting.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
