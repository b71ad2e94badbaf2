import { useState } from 'react';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { volunteerSkills } from '../../../core/contracts/prevention';
import { preventionApi, preventionKeys, type TeamView, type VolunteerView } from '../../api/prevention';
import { useCan } from '../../api/me';
import { applyFieldErrors } from '../../api/form-errors';
import { afterToday, today } from '../../components/dates';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

/** A form in a modal that saves through `save` and refreshes the prevention queries. */
function useSaveForm<V extends object>(save: (v: V) => Promise<unknown>, onDone: () => void) {
  const { t, lang } = useI18n();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: () => {
      notify.success(t('pv.saved'));
      void qc.invalidateQueries({ queryKey: preventionKeys.all });
      form.resetFields();
      onDone();
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return { form, mutation };
}

type Dialog = { kind: 'team' } | { kind: 'volunteer' } | { kind: 'hours'; volunteer: VolunteerView } | null;

/** Teams with their size and time, volunteers (phones masked), registration and hours. */
export function VolunteersTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [page, setPage] = useState({ page: 1, size: 20 });
  const teams = useQuery({ queryKey: preventionKeys.teams(orgUnitId), queryFn: () => preventionApi.teams(orgUnitId) });
  const query = { orgUnitId, limit: page.size, offset: (page.page - 1) * page.size };
  const volunteers = useQuery({ queryKey: preventionKeys.volunteers(query), queryFn: () => preventionApi.volunteers(query), placeholderData: keepPreviousData });
  const close = () => setDialog(null);
  const qc = useQueryClient();
  const notify = useNotify();
  const recognise = useMutation({
    mutationFn: (id: string) => preventionApi.recognise(id, today().format('YYYY-MM-DD')),
    onSuccess: () => qc.invalidateQueries({ queryKey: preventionKeys.all }),
    onError: notify.error,
  });
  return (
    <>
      {can('prevention.write') && (
        <Flex justify="end" gap={8} style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'team' })}>
            {t('pv.team.new')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'volunteer' })}>
            {t('pv.volunteer.new')}
          </Button>
        </Flex>
      )}
      <Table<TeamView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={teams.isFetching}
        dataSource={teams.data?.items ?? []}
        style={{ marginBottom: 16 }}
        data-testid="teams"
        columns={[
          { title: t('pv.team.name'), dataIndex: 'name' },
          { title: t('pv.unit'), dataIndex: 'orgUnitName' },
          { title: t('pv.team.leader'), dataIndex: 'leaderName', render: (v: string | null) => v ?? '—' },
          { title: t('pv.team.members'), dataIndex: 'members', align: 'right' },
          { title: t('pv.hours'), dataIndex: 'minutes', align: 'right', render: hours },
        ]}
      />
      <Table<VolunteerView>
        rowKey="id"
        size="small"
        loading={volunteers.isFetching}
        dataSource={volunteers.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="volunteers"
        pagination={{ current: page.page, pageSize: page.size, total: volunteers.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, size: s }) }}
        columns={[
          { title: t('pv.volunteer.name'), dataIndex: 'name' },
          { title: t('pv.volunteer.phone'), dataIndex: 'phone' },
          { title: t('pv.volunteer.team'), dataIndex: 'teamName' },
          { title: t('pv.volunteer.skills'), dataIndex: 'skills', render: (s: string[]) => s.map((x) => label('volunteerSkill', x)).join('、') || '—' },
          { title: t('pv.hours'), dataIndex: 'minutes', align: 'right', render: hours },
          {
            title: t('pv.volunteer.recognised'),
            dataIndex: 'recognised',
            render: (years: number[]) =>
              years.map((y) => (
                <Tag key={y} color="gold">
                  {y}
                </Tag>
              )),
          },
          ...(can('prevention.write')
            ? [
                {
                  key: 'act',
                  title: '',
                  render: (_: unknown, v: VolunteerView) => (
                    <Flex gap={12}>
                      <Typography.Link onClick={() => setDialog({ kind: 'hours', volunteer: v })}>{t('pv.volunteer.logHours')}</Typography.Link>
                      {!v.recognised.includes(today().year()) && <Typography.Link onClick={() => recognise.mutate(v.id)}>{t('pv.volunteer.recognise')}</Typography.Link>}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'team' && <TeamModal onClose={close} defaultUnit={orgUnitId} />}
      {dialog?.kind === 'volunteer' && <VolunteerModal onClose={close} teams={teams.data?.items ?? []} />}
      {dialog?.kind === 'hours' && <HoursModal onClose={close} volunteer={dialog.volunteer} />}
    </>
  );
}

function TeamModal({ onClose, defaultUnit }: { onClose: () => void; defaultUnit?: string }) {
  const { t } = useI18n();
  const { form, mutation } = useSaveForm<{ orgUnitId: string; name: string }>(preventionApi.createTeam, onClose);
  return (
    <Modal open title={t('pv.team.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending} okText={t('common.save')}>
      <Form form={form} layout="vertical" initialValues={{ orgUnitId: defaultUnit }} onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="orgUnitId" label={t('pv.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="name" label={t('pv.team.name')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type VolunteerValues = { teamId: string; name: string; phone: string; skills: string[]; registeredOn: Dayjs };

function VolunteerModal({ onClose, teams }: { onClose: () => void; teams: TeamView[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const { form, mutation } = useSaveForm<VolunteerValues>(
    (v) => preventionApi.registerVolunteer({ ...v, skills: v.skills as (typeof volunteerSkills)[number][], registeredOn: v.registeredOn.format('YYYY-MM-DD') }),
    onClose,
  );
  return (
    <Modal open title={t('pv.volunteer.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending} okText={t('common.save')}>
      <Form form={form} layout="vertical" initialValues={{ registeredOn: today(), skills: [] }} onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="teamId" label={t('pv.volunteer.team')} rules={[{ required: true }]}>
          <Select options={teams.map((x) => ({ value: x.id, label: `${x.name} · ${x.orgUnitName}` }))} />
        </Form.Item>
        <Form.Item name="name" label={t('pv.volunteer.name')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('pv.volunteer.phone')} rules={[{ required: true, pattern: /^[0-9+\- ]{5,20}$/ }]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="skills" label={t('pv.volunteer.skills')}>
          <Select mode="multiple" options={volunteerSkills.map((s) => ({ value: s, label: label('volunteerSkill', s) }))} />
        </Form.Item>
        <Form.Item name="registeredOn" label={t('pv.volunteer.registeredOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HoursModal({ onClose, volunteer }: { onClose: () => void; volunteer: VolunteerView }) {
  const { t } = useI18n();
  const { form, mutation } = useSaveForm<{ servedOn: Dayjs; minutes: number }>(
    (v) => preventionApi.logHours(volunteer.id, { servedOn: v.servedOn.format('YYYY-MM-DD'), minutes: v.minutes }),
    onClose,
  );
  return (
    <Modal
      open
      title={`${t('pv.volunteer.logHours')} · ${volunteer.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      okText={t('common.save')}
    >
      <Form form={form} layout="vertical" initialValues={{ servedOn: today(), minutes: 120 }} onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="servedOn" label={t('pv.volunteer.servedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="minutes" label={t('pv.volunteer.minutes')} rules={[{ required: true }]}>
          <InputNumber min={15} max={1440} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
