import { Alert, Button, Col, Flex, Progress, Row, Spin, Statistic, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ledgerApi } from '../../api/ledger';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { RejectedRows } from './RejectedRows';
import { NotedRows } from './NotedRows';

/** Step 3: progress (the job is asked every 500 ms), then the counts and the rejected rows. */
export function ImportResult({ jobId, onAgain }: { jobId: string; onAgain: () => void }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const job = useQuery({
    queryKey: keys.importJob(jobId),
    queryFn: () => ledgerApi.job(jobId, { outcome: 'rejected', limit: 5000 }),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 500),
  });
  const done = job.data?.status === 'done' || job.data?.status === 'failed';
  const noted = useQuery({ queryKey: [...keys.importJob(jobId), 'noted'], queryFn: () => ledgerApi.job(jobId, { noted: 'true', limit: 5000 }), enabled: done });
  if (job.isError) return <Alert type="error" showIcon title={job.error instanceof ApiError ? pick(job.error.messages) : t('common.loadFailed')} />;
  if (!job.data) return <Spin />;
  const j = job.data;
  const finished = j.status === 'done' || j.status === 'failed';
  const counts = [
    { key: 'total', title: t('import.total'), value: j.counts.total },
    { key: 'imported', title: t('import.imported'), value: j.counts.imported, color: j.counts.imported ? '#389e0d' : undefined },
    { key: 'updated', title: t('import.updated'), value: j.counts.updated, color: j.counts.updated ? '#1677ff' : undefined },
    { key: 'unchanged', title: t('import.unchanged'), value: j.counts.unchanged },
    { key: 'rejected', title: t('import.rejected'), value: j.counts.rejected, color: j.counts.rejected ? '#cf1322' : undefined },
  ];
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Text strong>
          {j.status === 'queued' ? t('import.queued') : j.status === 'running' ? t('import.running') : j.status === 'done' ? t('import.done') : t('import.failed')}
        </Typography.Text>{' '}
        <Typography.Text type="secondary">{j.fileName}</Typography.Text>
        <Progress percent={Math.round(j.progress * 100)} status={j.status === 'failed' ? 'exception' : finished ? 'success' : 'active'} aria-label={t('import.title')} />
        {!finished && j.total > 0 && <Typography.Text type="secondary">{t('import.progress', { processed: j.processed, total: j.total })}</Typography.Text>}
      </div>
      {j.error && <Alert type="error" showIcon role="alert" title={pick(j.error.message)} />}
      {finished && (
        <>
          <Row gutter={[16, 16]} data-testid="import-counts">
            {counts.map((c) => (
              <Col key={c.key} xs={12} sm={8} md={4}>
                <Statistic title={c.title} value={c.value} styles={{ content: { color: c.color } }} data-testid={`import-count-${c.key}`} />
              </Col>
            ))}
          </Row>
          {j.report && <RejectedRows rows={j.report.rows} total={j.report.total} />}
          {noted.data?.report && <NotedRows rows={noted.data.report.rows} total={noted.data.report.total} />}
          <Flex wrap gap={8}>
            <Button type="primary" icon={<DownloadOutlined />} href={ledgerApi.reportUrl(jobId)} download>
              {t('import.report')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={onAgain}>
              {t('import.again')}
            </Button>
            <Button icon={<TeamOutlined />} onClick={() => navigate('/persons')}>
              {t('import.toList')}
            </Button>
          </Flex>
        </>
      )}
    </Flex>
  );
}
