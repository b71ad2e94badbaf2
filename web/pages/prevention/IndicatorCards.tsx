import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { preventionApi, preventionKeys, type PeriodQuery } from '../../api/prevention';
import { useI18n } from '../../i18n/I18nProvider';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** K12–K16 of the unit and year against the seed targets, and the volunteer counts. */
export function IndicatorCards({ period }: { period: PeriodQuery }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: preventionKeys.indicators(period), queryFn: () => preventionApi.indicators(period) });
  const d = q.data;
  const met = (ok: boolean | undefined) => (d ? <Tag color={ok ? 'green' : 'orange'}>{ok ? t('pv.met') : t('pv.notMet')}</Tag> : null);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Card size="small" loading={q.isPending} title={t('pv.k13')} extra={met(d?.k13.met)} data-testid="k13">
          <Statistic title={t('pv.reach')} value={d?.k13.reach ?? 0} />
          <Typography.Text type="secondary">{d && t('pv.k13.activities', { n: d.k13.activities, target: d.k13.activitiesTarget })}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{d && t('pv.k13.reach', { n: d.k13.reach, target: d.k13.reachTarget })}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" loading={q.isPending} title={t('pv.k16')} extra={met(d?.k16.met)} data-testid="k16">
          <Statistic title={t('pv.tab.trainings')} value={d?.k16.trainings ?? 0} />
          <Typography.Text type="secondary">{d && t('pv.k16.trainings', { n: d.k16.trainings, target: d.k16.trainingsTarget })}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {d && t('pv.k16.passRate', { rate: percent(d.k16.passRate.rate), passed: d.k16.passRate.numerator, examined: d.k16.passRate.denominator })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" loading={q.isPending} title={t('pv.volunteersCard')} data-testid="volunteer-counts">
          <Statistic title={t('pv.tab.volunteers')} value={d?.volunteers.volunteers ?? 0} />
          <Typography.Text type="secondary">
            {d && t('pv.volunteers.counts', { teams: d.volunteers.teams, volunteers: d.volunteers.volunteers, hours: Math.round(d.volunteers.minutes / 6) / 10 })}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary">{d && t('pv.volunteers.atTarget', { size: d.volunteers.teamSizeTarget, n: d.volunteers.teamsAtTarget })}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" loading={q.isPending} title={t('pv.k14')} extra={met(d?.k14.met)} data-testid="k14">
          <Statistic title={t('pv.survey.recognition')} value={d ? percent(d.k14.recognition.rate) : '—'} />
          <Typography.Text type="secondary">{d && t('pv.k14.rate', { n: d.k14.recognition.numerator, d: d.k14.recognition.denominator })}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" loading={q.isPending} title={t('pv.k15')} extra={met(d?.k15.met)} data-testid="k15">
          <Statistic title={t('pv.survey.satisfaction')} value={d ? percent(d.k15.satisfaction.rate) : '—'} />
          <Typography.Text type="secondary">{d && t('pv.k15.rate', { n: d.k15.satisfaction.numerator, d: d.k15.satisfaction.denominator })}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" loading={q.isPending} title={t('pv.k12')} extra={met(d?.k12.met)} data-testid="k12">
          <Statistic title={t('pv.k12')} value={d ? `${d.k12.workers} : ${d.k12.persons}` : '—'} />
          <Typography.Text type="secondary">{d && t('pv.k12.ratio', { persons: d.k12.persons, workers: d.k12.workers, needed: d.k12.workersNeeded })}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{d && t('pv.k12.unassigned', { n: d.k12.unassigned, max: d.k12.maxCaseload })}</Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}
