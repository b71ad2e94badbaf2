import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Flex, Progress, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { reportApi, reportKeys, type ReportView } from '../../api/reports';
import { useCan, useSignedIn } from '../../api/me';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { formatSize, formatTime } from '../../components/format';
import { todayIso } from '../../components/dates';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';
import { isMonth, monthProblem, previousMonth } from '../../../core/rules/bulletin';

const inProgress = (r: ReportView) => r.state === 'queued' || r.state === 'running';
const stateColour = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const;

/** 报告 (issue 15 item 5): the monthly bulletins of the unit, who made them and when; generate one with its progress; download. */
export default function ReportsPage() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const can = useCan();
  const me = useSignedIn();
  const qc = useQueryClient();
  // The top of the actor's scope for generation (the office's district or city), else his own unit.
  const home = me.grants.find((g) => g.permissions.includes('report.generate'))?.orgUnitId ?? me.user.orgUnitId;
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>(home);
  const [month, setMonth] = useState<Dayjs>(dayjs(`${previousMonth(todayIso())}-01`));
  const list = useQuery({
    queryKey: reportKeys.list(orgUnitId),
    queryFn: () => reportApi.list(orgUnitId),
    // Poll while a report is being made: the progress bar moves, then the download link appears.
    refetchInterval: (q) => (q.state.data?.items.some(inProgress) ? 1000 : false),
  });
  const generate = useMutation({
    mutationFn: () => reportApi.generateBulletin({ orgUnitId: orgUnitId ?? home, month: month.format('YYYY-MM') }),
    onSuccess: () => {
      notify.success(t('rp.queued'));
      void qc.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: notify.error,
  });
  const monthText = month.format('YYYY-MM');
  const canGenerate = can('report.generate') && isMonth(monthText) && monthProblem(monthText, todayIso()) === null;
  return (
    <>
      <PageHeader title={t('rp.title')} />
      <Card>
        <Typography.Paragraph type="secondary">{t('rp.intro')}</Typography.Paragraph>
        <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
          <OrgTreeSelect value={orgUnitId} onChange={(v) => setOrgUnitId(v ?? home)} placeholder={t('rp.unit')} aria-label={t('rp.unit')} style={{ minWidth: 220 }} />
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            onChange={(d) => d && setMonth(d)}
            disabledDate={(d) => d.format('YYYY-MM') > todayIso().slice(0, 7)}
            aria-label={t('rp.month')}
            data-testid="rp-month"
          />
          {can('report.generate') && (
            <Button type="primary" icon={<FileWordOutlined />} disabled={!canGenerate} loading={generate.isPending} onClick={() => generate.mutate()} data-testid="rp-generate">
              {t('rp.generate')}
            </Button>
          )}
        </Flex>
        {list.error && <Alert type="error" showIcon message={(list.error as Error).message} />}
        <Table<ReportView>
          rowKey="id"
          size="small"
          data-testid="rp-list"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('rp.empty') }}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('rp.col.period'), dataIndex: 'period' },
            { title: t('rp.col.unit'), key: 'unit', render: (_, r) => r.orgUnit.name },
            { title: t('rp.col.kind'), key: 'kind', render: (_, r) => label('reportKind', r.kind) },
            {
              title: t('rp.col.state'),
              key: 'state',
              render: (_, r) =>
                inProgress(r) ? (
                  <Progress percent={r.progress} size="small" style={{ minWidth: 120 }} status="active" data-testid={`rp-progress-${r.period}`} />
                ) : (
                  <Tag color={stateColour[r.state]}>{label('reportState', r.state)}</Tag>
                ),
            },
            { title: t('rp.col.by'), key: 'by', render: (_, r) => r.generatedBy?.name ?? t('rp.byJob') },
            { title: t('rp.col.at'), key: 'at', render: (_, r) => formatTime(r.finishedAt ?? r.createdAt, lang) },
            { title: t('rp.col.size'), key: 'size', align: 'right', render: (_, r) => (r.sizeBytes ? formatSize(r.sizeBytes) : '—') },
            {
              title: '',
              key: 'file',
              render: (_, r) =>
                r.state === 'done' ? (
                  <Button type="link" icon={<DownloadOutlined />} href={reportApi.fileUrl(r.id)} download data-testid={`rp-download-${r.period}`}>
                    {t('rp.download')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
