import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { govOpsApi, govOpsKeys, type DispatchView } from '../../api/governance-ops';
import { toIsoDate } from '../../components/dates';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';

type Counts = { due: number; done: number; overdue: number; open: number };

/** 周调度: the week's due and overdue work by unit and worker, open notices, overdue action items, risk reviews due. */
export function DispatchTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const [week, setWeek] = useState<Dayjs | null>(null);
  const q = { orgUnitId, weekOf: toIsoDate(week) };
  const d = useQuery({ queryKey: govOpsKeys.dispatch(q), queryFn: () => govOpsApi.dispatch(q) });
  const counts = (title: string) => [
    { title, key: 'n', dataIndex: title === t('go.dispatch.byUnit') ? 'orgUnitName' : 'workerName' },
    { title: t('go.dispatch.due'), dataIndex: 'due', align: 'right' as const },
    { title: t('go.dispatch.done'), dataIndex: 'done', align: 'right' as const },
    { title: t('go.dispatch.overdue'), dataIndex: 'overdue', align: 'right' as const, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
    { title: t('go.dispatch.open'), dataIndex: 'open', align: 'right' as const },
  ];
  const v = d.data;
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
        <DatePicker picker="week" value={week} onChange={setWeek} aria-label={t('go.dispatch.week')} placeholder={t('go.dispatch.week')} />
        {v && (
          <span data-testid="dispatch-week">
            {v.orgUnitName} · {v.from} ～ {v.to}
          </span>
        )}
        <Button icon={<DownloadOutlined />} href={govOpsApi.dispatchXlsxUrl(q)}>
          {t('go.dispatch.xlsx')}
        </Button>
      </Flex>
      {v && (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            {(['due', 'done', 'overdue', 'open'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`go.dispatch.${k}`)} value={v.tasks.total[k]} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <h4>{t('go.dispatch.byUnit')}</h4>
              <Table<DispatchView['tasks']['byUnit'][number] & Counts>
                rowKey="orgUnitId"
                size="small"
                pagination={false}
                dataSource={v.tasks.byUnit}
                columns={counts(t('go.dispatch.byUnit'))}
              />
            </Col>
            <Col xs={24} lg={12}>
              <h4>{t('go.dispatch.byWorker')}</h4>
              <Table rowKey={(r) => r.workerId ?? '-'} size="small" pagination={false} dataSource={v.tasks.byWorker} columns={counts(t('go.dispatch.byWorker'))} />
            </Col>
          </Row>
          <h4 style={{ marginTop: 16 }}>{t('go.dispatch.notices')}</h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={v.openNotices}
            columns={[
              { title: '', key: 'r', render: (_: unknown, n: DispatchView['openNotices'][number]) => label('noticeReason', n.reason) },
              { title: t('go.unit'), dataIndex: 'orgUnitName' },
              {
                title: t('go.dueOn'),
                dataIndex: 'deadline',
                render: (s: string, n: DispatchView['openNotices'][number]) => (n.overdue ? <Tag color="red">{s.slice(0, 16)}</Tag> : s.slice(0, 16)),
              },
            ]}
          />
          <Alert type="info" style={{ margin: '12px 0' }} message={t('go.dispatch.alerts')} />
          <h4>{t('go.dispatch.items')}</h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            data-testid="dispatch-items"
            dataSource={v.overdueActionItems}
            columns={[
              { title: t('go.meeting.item'), dataIndex: 'title' },
              { title: t('go.owner'), dataIndex: 'ownerName' },
              { title: t('go.dueOn'), dataIndex: 'dueOn' },
              { title: '', dataIndex: 'daysOverdue', render: (n: number) => t('go.meeting.daysOverdue', { n }) },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>{t('go.dispatch.risks')}</h4>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={v.riskReviewsDue}
            columns={[
              { title: t('go.risk.title'), dataIndex: 'title' },
              { title: t('go.owner'), dataIndex: 'ownerName' },
              { title: t('go.risk.reviewOn'), dataIndex: 'reviewOn' },
            ]}
          />
        </>
      )}
    </>
  );
}
