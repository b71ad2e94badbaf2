import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import type { MeasureEventType, MeasureView } from '../../api/measures';
import type { DocumentKind } from '../../api/documents';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { MeasureStatusTag } from '../../components/MeasureStatusTag';
import { todayIso } from '../../components/dates';
import { MeasureChecklist } from './MeasureChecklist';
import { dangerEvents, eventsFor } from './measureActions';

interface Props {
  measure: MeasureView;
  onEvent: (type: MeasureEventType) => void;
  onUpload: (kind: DocumentKind) => void;
}

/** One measure: its dates and term, the steps it allows now, and its document checklist. */
export function MeasureCard({ measure: m, onEvent, onUpload }: Props) {
  const { t } = useI18n();
  const can = useCan();
  const label = useLabel();
  const overdue = m.status === 'awaiting_report' && !!m.reportDeadline && m.reportDeadline < todayIso();
  const items = [
    { label: t('measures.decisionNumber'), children: m.decisionNumber ?? '—' },
    { label: t('measures.decisionDate'), children: m.decisionDate ?? '—' },
    { label: t('measures.decidingAuthority'), children: m.decidingAuthority ?? '—' },
    { label: t('measures.decisionReceivedDate'), children: m.decisionReceivedDate ?? '—' },
    {
      label: t('measures.reportDeadline'),
      children: m.reportDeadline ? (
        <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue}>
          {m.reportDeadline}
        </Typography.Text>
      ) : (
        '—'
      ),
    },
    { label: t('measures.reportDate'), children: m.reportDate ?? '—' },
    { label: t('measures.startDate'), children: m.startDate ?? '—' },
    { label: t('measures.endDate'), children: m.endDate ?? '—' },
    ...(m.termMonths ? [{ label: t('measures.termMonths'), children: m.termMonths }] : []),
    ...(m.executionPlace ? [{ label: t('measures.executionPlace'), children: m.executionPlace }] : []),
    ...(m.creditedDays ? [{ label: t('measures.creditedDays'), children: m.creditedDays }] : []),
    ...(m.terminationReason ? [{ label: t('measures.terminationReason'), children: label('terminationReason', m.terminationReason) }] : []),
    ...(m.suspensions.length
      ? [
          {
            label: t('measures.suspensions'),
            children: m.suspensions.map((s) => (s.end ? `${s.start} – ${s.end}` : t('measures.suspensionOpen', { start: s.start }))).join('；'),
          },
        ]
      : []),
  ];
  const events = can('measure.write') ? eventsFor(m) : [];
  return (
    <Card
      size="small"
      data-testid="measure-card"
      title={
        <Flex align="center" gap={8} wrap>
          <span>{label('measureKind', m.kind)}</span>
          <MeasureStatusTag status={m.status} />
        </Flex>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} items={items.map((i, n) => ({ key: n, ...i }))} />
      {events.length > 0 && (
        <Flex wrap gap={8} style={{ margin: '8px 0 12px' }}>
          {events.map((e) => (
            <Button key={e} size="small" danger={dangerEvents.has(e)} type={e === 'report' ? 'primary' : 'default'} onClick={() => onEvent(e)}>
              {label('measureEvent', e)}
            </Button>
          ))}
        </Flex>
      )}
      {can('document.read') && <MeasureChecklist measure={m} onUpload={onUpload} />}
    </Card>
  );
}
