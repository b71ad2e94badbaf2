import type { ReactNode } from 'react';
import { Alert, Card, Col, Flex, Progress, Row, Tag, Typography } from 'antd';
import type { BreachAssessment } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

const levelColors = { none: 'green', breach: 'orange', serious_breach: 'red' } as const;

/** C5 at a glance: refusals and evasions, departures, days away, each against its limit; C11 contact. */
export function BreachCard({ assessment: a, loading }: { assessment: BreachAssessment | null | undefined; loading: boolean }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const reasonLabel = (r: string) => label('breachReason', r);
  if (!loading && !a) {
    return (
      <Card size="small" title={t('sv.breach.title')}>
        <Alert type="info" showIcon title={t('sv.breach.noMeasure')} />
      </Card>
    );
  }
  const meter = (label: string, value: number, limit: number, reached: boolean, text: string, extra?: ReactNode) => (
    <Col xs={24} md={8}>
      <Flex vertical gap={2}>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <Progress
          percent={Math.min(100, Math.round((value / Math.max(1, limit)) * 100))}
          status={reached ? 'exception' : value > 0 ? 'active' : 'normal'}
          strokeColor={reached ? undefined : value >= limit - 1 && value > 0 ? '#fa8c16' : undefined}
          showInfo={false}
          size="small"
        />
        <Typography.Text strong type={reached ? 'danger' : undefined}>
          {text}
        </Typography.Text>
        {extra}
      </Flex>
    </Col>
  );
  return (
    <Card
      size="small"
      loading={loading && !a}
      data-testid="breach-card"
      title={
        <Flex wrap align="center" gap={8}>
          {t('sv.breach.title')}
          {a && <Tag color={levelColors[a.level]}>{label('breachLevel', a.level)}</Tag>}
          {a?.lostContact.lost && <Tag color="red">{t('sv.breach.lostContact')}</Tag>}
        </Flex>
      }
    >
      {a && (
        <Flex vertical gap={12}>
          {a.warning && <Alert type={a.level === 'serious_breach' ? 'error' : 'warning'} showIcon title={pick(a.warning)} data-testid="breach-warning" />}
          {a.reasons.length > 0 && (
            <Flex wrap gap={4}>
              {a.reasons.map((r) => (
                <Tag key={r} color="red">
                  {reasonLabel(r)}
                </Tag>
              ))}
            </Flex>
          )}
          <Row gutter={[16, 12]}>
            {a.limits.countedTogether
              ? meter(
                  t('sv.breach.tests'),
                  a.counts.refusals + a.counts.evasions,
                  a.limits.tests,
                  a.untilSerious.tests === 0,
                  t('sv.breach.limitAtLeast', { value: a.counts.refusals + a.counts.evasions, limit: a.limits.tests }),
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {label('testResult', 'refused')} {a.counts.refusals} · {label('testResult', 'evaded')} {a.counts.evasions}
                  </Typography.Text>,
                )
              : meter(
                  t('sv.breach.testsSeparate'),
                  Math.max(a.counts.refusals, a.counts.evasions),
                  a.limits.tests,
                  a.untilSerious.tests === 0,
                  `${label('testResult', 'refused')} ${a.counts.refusals} · ${label('testResult', 'evaded')} ${a.counts.evasions} / ${a.limits.tests}`,
                )}
            {meter(
              t('sv.breach.departures'),
              a.counts.unauthorisedDepartures,
              a.limits.departures,
              a.untilSerious.departures === 0,
              t('sv.breach.limitAtLeast', { value: a.counts.unauthorisedDepartures, limit: a.limits.departures }),
            )}
            {meter(
              t('sv.breach.absenceDays'),
              a.counts.absenceDays,
              a.limits.absenceDaysMoreThan + 1,
              a.untilSerious.absenceDays === 0,
              t('sv.breach.limitMoreThan', { value: a.counts.absenceDays, limit: a.limits.absenceDaysMoreThan }),
            )}
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('sv.breach.lastContact', { date: a.lostContact.lastInPersonContact ?? '—' })} · {t('sv.breach.lastReachable', { date: a.lostContact.lastReachable ?? '—' })} ·{' '}
            {t('sv.breach.policy', { version: a.policyVersion })}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}
