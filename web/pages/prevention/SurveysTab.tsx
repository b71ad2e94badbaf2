import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { Button, Card, Empty, Flex, Form, Image, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { codesOf } from '../../../core/labels';
import { surveyApi, surveyKeys, type SurveyView } from '../../api/public';
import { preventionKeys } from '../../api/prevention';
import { applyFieldErrors } from '../../api/form-errors';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
const linkUrl = (token: string) => `${window.location.origin}/s/${token}`;

/** A public link with its QR code, to print on a poster or show at a stand. */
function LinkQr({ token, name, responses }: { token: string; name: string; responses: number }) {
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    void QRCode.toDataURL(linkUrl(token), { width: 120, margin: 1 }).then(setQr);
  }, [token]);
  return (
    <Flex gap={12} align="center" wrap>
      {qr && <Image src={qr} width={96} preview={false} alt={name} />}
      <Space direction="vertical" size={0}>
        <Typography.Text strong>{name}</Typography.Text>
        <Typography.Text copyable={{ text: linkUrl(token) }} data-testid="survey-link">
          {linkUrl(token)}
        </Typography.Text>
        <Typography.Text type="secondary">{responses}</Typography.Text>
      </Space>
    </Flex>
  );
}

function SurveyResultsTable({ id }: { id: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: surveyKeys.results(id), queryFn: () => surveyApi.results(id) });
  return (
    <Table
      size="small"
      rowKey="orgUnitId"
      pagination={false}
      loading={q.isPending}
      dataSource={q.data?.byUnit ?? []}
      columns={[
        { title: t('pv.unit'), dataIndex: 'orgUnitName' },
        { title: t('pv.survey.responses'), dataIndex: 'responses' },
        { title: t('pv.survey.recognition'), render: (_v, r) => percent(r.recognition.rate) },
        { title: t('pv.survey.satisfaction'), render: (_v, r) => percent(r.satisfaction.rate) },
      ]}
    />
  );
}

function SurveyCard({ s }: { s: SurveyView }) {
  const { t } = useI18n();
  const notify = useNotify();
  const qc = useQueryClient();
  const [unit, setUnit] = useState<string>();
  const link = useMutation({
    mutationFn: (orgUnitId: string) => surveyApi.addLink(s.id, orgUnitId),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['prevention', 'surveys'] }),
    onError: notify.error,
  });
  return (
    <Card size="small" title={s.title} extra={<Tag>{s.orgUnitName}</Tag>} data-testid="survey">
      <Typography.Text type="secondary">
        {t('pv.survey.responses')}: {s.responses}
      </Typography.Text>
      <Typography.Title level={5}>{t('pv.survey.links')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        {s.links.map((l) => (
          <LinkQr key={l.token} token={l.token} name={l.orgUnitName} responses={l.responses} />
        ))}
        <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
          <OrgTreeSelect value={unit} onChange={setUnit} placeholder={t('pv.survey.addLink')} style={{ flex: 1 }} />
          <Button disabled={!unit} loading={link.isPending} onClick={() => unit && link.mutate(unit)}>
            +
          </Button>
        </Space.Compact>
      </Space>
      <Typography.Title level={5}>{t('pv.survey.results')}</Typography.Title>
      <SurveyResultsTable id={s.id} />
    </Card>
  );
}

interface QuestionForm {
  kind: 'single' | 'multiple' | 'satisfaction';
  text: string;
  options?: string;
  correct?: string;
}
interface SurveyForm {
  orgUnitId: string;
  title: string;
  audiences?: string[];
  questions: QuestionForm[];
}

/** Options one per line; correct answers as 1-based numbers ("1,3"), kept as indexes. */
const toQuestion = (x: QuestionForm) => {
  const options =
    x.kind === 'satisfaction'
      ? []
      : (x.options ?? '')
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean);
  const correct = (x.correct ?? '')
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map((n) => Number(n) - 1);
  return { kind: x.kind, text: x.text, options, ...(x.kind !== 'satisfaction' && correct.length ? { correct } : {}) };
};

function NewSurveyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const qc = useQueryClient();
  const [form] = Form.useForm<SurveyForm>();
  const create = useMutation({
    mutationFn: (v: SurveyForm) => surveyApi.create({ orgUnitId: v.orgUnitId, title: v.title, audiences: (v.audiences ?? []) as never, questions: v.questions.map(toQuestion) }),
    onSuccess: () => {
      notify.success(t('pv.survey.created'));
      void qc.invalidateQueries({ queryKey: preventionKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (err) => applyFieldErrors(form, err, lang) || notify.error(err),
  });
  return (
    <Modal
      open={open}
      title={t('pv.survey.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ questions: [{ kind: 'single' }] }}>
        <Form.Item name="orgUnitId" label={t('pv.unit')} rules={[{ required: true }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item name="title" label={t('pv.survey.title')} rules={[{ required: true }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="audiences" label={t('pv.survey.audiences')}>
          <Select mode="multiple" options={codesOf('audienceSegment').map((c) => ({ value: c, label: label('audienceSegment', c) }))} />
        </Form.Item>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`${t('pv.survey.questions')} ${i + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" onClick={() => remove(f.name)}>
                        −
                      </Button>
                    )
                  }
                >
                  <Form.Item name={[f.name, 'kind']} label={t('pv.survey.kind')} rules={[{ required: true }]}>
                    <Select options={codesOf('questionKind').map((c) => ({ value: c, label: label('questionKind', c) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} label={t('pv.survey.text')} rules={[{ required: true }]}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'options']} label={t('pv.survey.options')}>
                    <Input.TextArea rows={3} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'correct']} label={t('pv.survey.correct')}>
                    <Input />
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({ kind: 'single' })}>{t('pv.survey.addQuestion')}</Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** Resident surveys (K14, K15): the questionnaires, their public links with QR codes, results per unit. */
export function SurveysTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: surveyKeys.list(orgUnitId), queryFn: () => surveyApi.list(orgUnitId) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('pv.survey.new')}
      </Button>
      {q.data?.items.length === 0 && <Empty />}
      {q.data?.items.map((s) => (
        <SurveyCard key={s.id} s={s} />
      ))}
      <NewSurveyModal open={open} onClose={() => setOpen(false)} />
    </Space>
  );
}
