import { useState, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { qualificationKinds, socialWorkerGrades, type QualificationKind, type SocialWorkerGrade } from '../../../core/contracts/prevention';
import { preventionApi, preventionKeys, type StaffWorker } from '../../api/prevention';
import { useCan } from '../../api/me';
import { applyFieldErrors } from '../../api/form-errors';
import { afterToday } from '../../components/dates';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
const stateColor = { valid: 'green', expiring: 'orange', expired: 'red' } as const;

/** 队伍建设 (issue 16 item 3, K12): the unit's social workers, their grades, pay bands, qualifications, caseloads and training; the unit's 1 : 30. */
/** An icon button on a worker's row: a 44 px target on a phone, named for the worker it acts on. */
function RowAction({ type, icon, label, onClick }: { type: 'text' | 'dashed'; icon: ReactNode; label: string; onClick: () => void }) {
  return <Button size="large" type={type} style={{ minWidth: 44, minHeight: 44 }} icon={icon} aria-label={label} onClick={onClick} />;
}

export function StaffTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [grading, setGrading] = useState<StaffWorker | null>(null);
  const [adding, setAdding] = useState<StaffWorker | null>(null);
  const q = useQuery({ queryKey: preventionKeys.staff(orgUnitId), queryFn: () => preventionApi.staff(orgUnitId) });
  const d = q.data;
  const writable = can('prevention.write');
  return (
    <>
      {d && (
        <Alert
          type={d.k12.met ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="staff-k12"
          message={
            <Space wrap>
              <Typography.Text strong>{t('pv.k12')}</Typography.Text>
              <Tag color={d.k12.met ? 'green' : 'orange'}>{d.k12.met ? t('pv.met') : t('pv.notMet')}</Tag>
              <span>{t('pv.staff.k12', { persons: d.k12.persons, workers: d.k12.workers, target: d.k12.target, needed: d.k12.workersNeeded })}</span>
            </Space>
          }
          description={
            <Space wrap split="·">
              <span>{t('pv.staff.k12.ratio', { ratio: d.k12.personsPerWorker === null ? '—' : Math.round(d.k12.personsPerWorker * 10) / 10 })}</span>
              <span>{t('pv.staff.k12.unassigned', { n: d.k12.unassigned, over: d.k12.overCaseload })}</span>
            </Space>
          }
        />
      )}
      <Table<StaffWorker>
        rowKey="userId"
        size="small"
        loading={q.isFetching}
        dataSource={d?.workers ?? []}
        data-testid="staff"
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('pv.staff.empty') }}
        columns={[
          {
            title: t('pv.staff.worker'),
            key: 'worker',
            render: (_: unknown, r) => (
              <>
                {r.displayName}
                <br />
                <Typography.Text type="secondary">{r.orgUnitName}</Typography.Text>
              </>
            ),
          },
          {
            title: t('pv.staff.grade'),
            key: 'grade',
            render: (_: unknown, r) => (
              <Space>
                <span data-testid="staff-grade">{label('socialWorkerGrade', r.grade)}</span>
                {writable && <RowAction type="text" icon={<EditOutlined />} label={`${t('pv.staff.editGrade')} ${r.displayName}`} onClick={() => setGrading(r)} />}
              </Space>
            ),
          },
          {
            title: t('pv.staff.payBand'),
            key: 'pay',
            render: (_: unknown, r) => (
              <>
                {r.payBand.minYuan}–{r.payBand.maxYuan}
                {r.payGrade !== r.grade && (
                  <>
                    <br />
                    <Typography.Text type="warning">{t('pv.staff.paidAs', { grade: label('socialWorkerGrade', r.payGrade) })}</Typography.Text>
                  </>
                )}
              </>
            ),
          },
          {
            title: t('pv.staff.qualifications'),
            key: 'quals',
            render: (_: unknown, r) => (
              <Flex wrap gap={4} align="center">
                {r.qualifications.map((x) => (
                  <Tooltip
                    key={x.id}
                    title={`${x.number} · ${x.issuedOn}${x.expiresOn ? ` – ${x.expiresOn}` : ''}${x.daysLeft !== null && x.daysLeft >= 0 ? ` · ${t('pv.staff.daysLeft', { n: x.daysLeft })}` : ''}`}
                  >
                    <Tag color={stateColor[x.state]} data-testid={`qualification-${x.state}`}>
                      {label('qualificationKind', x.kind)}
                      {x.state !== 'valid' && ` · ${label('qualificationState', x.state)}`}
                    </Tag>
                  </Tooltip>
                ))}
                {writable && <RowAction type="dashed" icon={<PlusOutlined />} label={`${t('pv.staff.addQualification')} ${r.displayName}`} onClick={() => setAdding(r)} />}
              </Flex>
            ),
          },
          {
            title: t('pv.staff.caseload'),
            key: 'caseload',
            align: 'right',
            render: (_: unknown, r) => <Typography.Text type={r.caseload.over ? 'danger' : undefined}>{`${r.caseload.persons} / ${r.caseload.target}`}</Typography.Text>,
          },
          {
            title: t('pv.staff.training'),
            key: 'training',
            render: (_: unknown, r) =>
              t('pv.staff.trainingValue', { n: r.training.trainings, hours: Math.round(r.training.minutes / 6) / 10, rate: percent(r.training.passRate.rate) }),
          },
        ]}
      />
      {grading && <GradeModal worker={grading} onClose={() => setGrading(null)} />}
      {adding && <QualificationModal worker={adding} onClose={() => setAdding(null)} />}
    </>
  );
}

function useSaved(onClose: () => void) {
  const { t } = useI18n();
  const notify = useNotify();
  const qc = useQueryClient();
  return () => {
    notify.success(t('pv.saved'));
    void qc.invalidateQueries({ queryKey: preventionKeys.all });
    onClose();
  };
}

function GradeModal({ worker, onClose }: { worker: StaffWorker; onClose: () => void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const saved = useSaved(onClose);
  const [form] = Form.useForm<{ grade: SocialWorkerGrade }>();
  const save = useMutation({
    mutationFn: (v: { grade: SocialWorkerGrade }) => preventionApi.setGrade(worker.userId, v.grade),
    onSuccess: saved,
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Modal
      open
      title={`${t('pv.staff.editGrade')} · ${worker.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
    >
      <Form form={form} layout="vertical" initialValues={{ grade: worker.grade }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="grade" label={t('pv.staff.grade')} rules={[{ required: true }]}>
          <Select options={socialWorkerGrades.map((g) => ({ value: g, label: label('socialWorkerGrade', g) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type QualValues = { kind: QualificationKind; number: string; issuedOn: Dayjs; expiresOn?: Dayjs | null };

function QualificationModal({ worker, onClose }: { worker: StaffWorker; onClose: () => void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const saved = useSaved(onClose);
  const qc = useQueryClient();
  const [form] = Form.useForm<QualValues>();
  const [held, setHeld] = useState(worker.qualifications);
  const remove = useMutation({
    mutationFn: (id: string) => preventionApi.removeQualification(worker.userId, id),
    onSuccess: (_r, id) => {
      setHeld((h) => h.filter((x) => x.id !== id));
      void qc.invalidateQueries({ queryKey: preventionKeys.all });
    },
    onError: (err) => notify.error(err),
  });
  const save = useMutation({
    mutationFn: (v: QualValues) =>
      preventionApi.addQualification(worker.userId, {
        kind: v.kind,
        number: v.number,
        issuedOn: v.issuedOn.format('YYYY-MM-DD'),
        expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
      }),
    onSuccess: saved,
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) notify.error(err);
    },
  });
  return (
    <Modal
      open
      title={`${t('pv.staff.addQualification')} · ${worker.displayName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common.save')}
    >
      {held.length > 0 && (
        <Flex vertical gap={4} style={{ marginBottom: 16 }}>
          {held.map((x) => (
            <Flex key={x.id} justify="space-between" align="center" gap={8}>
              <span>
                <Tag color={stateColor[x.state]}>{label('qualificationState', x.state)}</Tag>
                {label('qualificationKind', x.kind)} · {x.number} · {x.issuedOn}
                {x.expiresOn ? ` – ${x.expiresOn}` : ''}
              </span>
              <Button
                type="text"
                danger
                style={{ minWidth: 44, minHeight: 44 }}
                icon={<DeleteOutlined />}
                aria-label={`${t('pv.staff.remove')} ${label('qualificationKind', x.kind)}`}
                loading={remove.isPending && remove.variables === x.id}
                onClick={() => remove.mutate(x.id)}
              />
            </Flex>
          ))}
        </Flex>
      )}
      <Form<QualValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('pv.staff.kind')} rules={[{ required: true }]}>
          <Select options={qualificationKinds.map((k) => ({ value: k, label: label('qualificationKind', k) }))} />
        </Form.Item>
        <Form.Item name="number" label={t('pv.staff.number')} rules={[{ required: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('pv.staff.issuedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('pv.staff.expiresOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
