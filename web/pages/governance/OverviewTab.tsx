import { Card, Col, Row, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { OverviewView } from '../../api/governance';
import { definitionOf } from '../../../core/rules/indicators';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';
import { Chart } from '../../components/charts/Chart';
import { ragColours } from '../../components/charts/theme';
import { ragTagColour, shown, shownTarget } from './format';

/** Each indicator against its target, red/amber/green, and a chart of the rates beside their targets. */
export function OverviewTab({ data, search }: { data: OverviewView; search: string }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const rates = data.items.filter((x) => definitionOf(x.code).unit === 'rate' && x.value !== null);
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: rates.map((x) => x.code), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', max: 100 },
    series: [
      { name: t('gv.chart.value'), type: 'bar', data: rates.map((x) => ({ value: x.value, itemStyle: { color: ragColours[x.rag] } })) },
      { name: t('gv.target'), type: 'line', symbol: 'rect', symbolSize: 10, lineStyle: { opacity: 0 }, data: rates.map((x) => x.target) },
    ],
  };
  return (
    <>
      <Row gutter={[12, 12]}>
        {data.items.map((x) => {
          const def = definitionOf(x.code);
          const target = shownTarget(x);
          return (
            <Col key={x.code} xs={24} sm={12} lg={8} xl={6}>
              <Card
                size="small"
                hoverable={def.drill !== 'none' || !x.noData}
                onClick={() => navigate(`/governance/${x.code}?${search}`)}
                data-testid={`gv-card-${x.code}`}
                title={`${x.code} ${pick(def.name)}`}
                extra={<Tag color={ragTagColour[x.rag]}>{label('rag', x.rag)}</Tag>}
              >
                <Typography.Title level={3} style={{ margin: 0 }} data-testid={`gv-value-${x.code}`}>
                  {shown(x)}
                </Typography.Title>
                <Typography.Text type="secondary">
                  {x.noData ? label('noDataReason', x.noData) : x.denominator !== null ? t('gv.fraction', { n: x.numerator ?? 0, d: x.denominator }) : ''}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">{target ? `${t('gv.target')} ${target}` : t('gv.noTarget')}</Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card size="small" title={t('gv.chart.vsTarget')} style={{ marginTop: 16 }}>
        <Chart option={option} label={t('gv.chart.vsTarget')} testId="gv-chart-overview" />
      </Card>
    </>
  );
}
