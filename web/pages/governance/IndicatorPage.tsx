import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { governanceApi, governanceKeys, type DrillView, type IndicatorPageView } from '../../api/governance';
import { ApiError } from '../../api/client';
import { useCan } from '../../api/me';
import { isIndicatorCode, type IndicatorCode } from '../../../core/rules/indicators';
import { Chart } from '../../components/charts/Chart';
import { ragColours } from '../../components/charts/theme';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';
import { PeriodPicker } from './PeriodPicker';
import { ragTagColour, shown, shownTarget } from './format';
import { useGovPeriod } from './usePeriod';

/** One indicator: its definition and value, the trend, the child units ranked, and the persons or records behind it. */
export default function IndicatorPage() {
  const { code: raw } = useParams();
  const code = (raw && isIndicatorCode(raw) ? raw : 'K2') as IndicatorCode;
  const { t, pick } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const { period, kind, set, search } = useGovPeriod();
  const q = useQuery({ queryKey: governanceKeys.indicator(code, period), queryFn: () => governanceApi.indicator(code, period) });
  const d = q.data;
  return (
    <>
      <PageHeader
        title={d ? `${code} ${pick(d.definition.name)}` : code}
        extra={
          <Flex wrap gap={8}>
            <OrgTreeSelect value={period.orgUnitId} onChange={(orgUnitId) => set({ orgUnitId })} allowClear placeholder={t('gv.unit')} style={{ minWidth: 220 }} />
            <PeriodPicker kind={kind} from={period.from} to={period.to} onChange={set} />
            <Button onClick={() => navigate(`/governance?${search}`)}>{t('gv.back')}</Button>
          </Flex>
        }
      />
      {q.error && <Alert type="error" showIcon message={(q.error as Error).message} />}
      {!d ? (
        q.isPending && <PageSpin />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('gv.definition')}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('gv.formula')}>{pick(d.definition.formula)}</Descriptions.Item>
                  <Descriptions.Item label={t('gv.target')}>{shownTarget(d.value) ?? t('gv.noTarget')}</Descriptions.Item>
                  <Descriptions.Item label="">{t(d.definition.direction === 'higher' ? 'gv.direction.higher' : 'gv.direction.lower')}</Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={d.orgUnit.name} extra={<Tag color={ragTagColour[d.value.rag]}>{label('rag', d.value.rag)}</Tag>}>
                <Typography.Title level={2} style={{ margin: 0 }} data-testid="gv-indicator-value">
                  {shown(d.value)}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {d.value.noData
                    ? label('noDataReason', d.value.noData)
                    : d.value.denominator !== null
                      ? t('gv.fraction', { n: d.value.numerator ?? 0, d: d.value.denominator })
                      : ''}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('gv.chart.trend')}>
                <Chart option={trendOption(d)} label={t('gv.chart.trend')} testId="gv-chart-trend" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('gv.chart.ranking')}>
                <Chart option={rankingOption(d)} label={t('gv.chart.ranking')} height={Math.max(160, d.children.length * 28 + 40)} testId="gv-chart-ranking" />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('gv.children')} style={{ marginTop: 16 }}>
            <Table
              rowKey={(r) => r.orgUnit.id}
              size="small"
              pagination={false}
              dataSource={d.children}
              columns={[
                { title: t('gv.unit'), render: (_, r) => <a onClick={() => set({ orgUnitId: r.orgUnit.id })}>{r.orgUnit.name}</a> },
                { title: code, render: (_, r) => shown(r.value) },
                { title: '', render: (_, r) => (r.value.denominator !== null ? t('gv.fraction', { n: r.value.numerator ?? 0, d: r.value.denominator }) : '') },
                { title: '', render: (_, r) => <Tag color={ragTagColour[r.value.rag]}>{label('rag', r.value.rag)}</Tag> },
              ]}
            />
          </Card>
          {d.definition.drill !== 'none' && <DrillCard code={code} orgUnitId={d.orgUnit.id} from={period.from} to={period.to} kind={d.definition.drill} />}
        </>
      )}
    </>
  );
}

function trendOption(d: IndicatorPageView) {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: d.trend.map((p) => p.from.slice(0, 7)) },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'line',
        data: d.trend.map((p) => p.value),
        connectNulls: false,
        markLine: d.value.target === null ? undefined : { symbol: 'none', data: [{ yAxis: d.value.target }], lineStyle: { type: 'dashed' } },
      },
    ],
  };
}

function rankingOption(d: IndicatorPageView) {
  const rows = [...d.children].reverse(); // the best at the top of a horizontal bar chart
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.orgUnit.name), axisLabel: { width: 88, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((r) => ({ value: r.value.value, itemStyle: { color: ragColours[r.value.rag] } })) }],
  };
}

function DrillCard({ code, orgUnitId, from, to, kind }: { code: IndicatorCode; orgUnitId: string; from: string; to: string; kind: 'persons' | 'records' }) {
  const { t } = useI18n();
  const can = useCan();
  const [side, setSide] = useState<'numerator' | 'denominator'>('numerator');
  const [page, setPage] = useState(1);
  const query = { orgUnitId, from, to, side, limit: 20, offset: (page - 1) * 20 };
  const allowed = kind === 'records' ? can('prevention.read') : can('person.read');
  const q = useQuery({ queryKey: governanceKeys.drill(code, query), queryFn: () => governanceApi.drill(code, query), enabled: allowed, retry: false });
  const rows: DrillView['items'] = q.data?.items ?? [];
  return (
    <Card size="small" title={t('gv.drill')} style={{ marginTop: 16 }} data-testid="gv-drill">
      {!allowed ? (
        <Typography.Text type="secondary">{t('gv.drill.forbidden')}</Typography.Text>
      ) : (
        <>
          <Tabs
            activeKey={side}
            onChange={(k) => {
              setSide(k as typeof side);
              setPage(1);
            }}
            items={[
              { key: 'numerator', label: t('gv.drill.numerator') },
              { key: 'denominator', label: t('gv.drill.denominator') },
            ]}
          />
          {q.error instanceof ApiError && <Alert type="error" message={q.error.message} />}
          <Table
            rowKey="id"
            size="small"
            loading={q.isPending}
            dataSource={rows}
            pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('gv.drill.name'), dataIndex: 'name', render: (name: string, r) => (kind === 'persons' ? <Link to={`/persons/${r.id}`}>{name}</Link> : name) },
              { title: t('gv.drill.unit'), dataIndex: 'orgUnitName' },
              ...(kind === 'records' ? [{ title: t('gv.drill.date'), dataIndex: 'date' }] : []),
            ]}
          />
        </>
      )}
    </Card>
  );
}
