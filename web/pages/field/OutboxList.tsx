import { Alert, Button, Empty, Flex, List, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { dismiss, keepAndResend } from '../../offline/sync';
import { dismissable, inOrder, isClash, kindOf, type OutboxItem, type OutboxState, type RecordOutcome } from '../../offline/outbox';
import { formatTime } from '../../components/format';
import { ClashCompare } from './ClashCompare';

const colors: Record<OutboxState, string> = { waiting: 'gold', sending: 'blue', sent: 'green', refused: 'red', conflict: 'volcano' };

/** Every record kept on this device with its state, and for a refused one the server's reason (issue 17). */
export function OutboxList({ items, onMerge }: { items: OutboxItem[]; onMerge: (item: OutboxItem) => void }) {
  const { t, pick, lang } = useI18n();
  const label = useLabel();
  const time = new Intl.DateTimeFormat(lang, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.deviceEmpty')} />;
  return (
    <List
      className="field-list"
      dataSource={inOrder(items).reverse()}
      rowKey={(i) => String(i.seq)}
      renderItem={(i) => (
        <List.Item data-testid="outbox-item" data-state={i.state}>
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong ellipsis>
                {i.personName}
              </Typography.Text>
              <Tag color={colors[i.state]} style={{ marginInlineEnd: 0 }}>
                {t(`field.state.${i.state}`)}
              </Tag>
            </Flex>
            <Typography.Text type="secondary">
              {label('recordKind', kindOf(i))} · {t('field.recordedAt', { time: time.format(new Date(i.recordedAt)) })}
            </Typography.Text>
            {i.state === 'sent' && i.outcome && <OutcomeNote outcome={i.outcome} />}
            {i.reason && i.state !== 'sent' && <Typography.Text type={i.state === 'waiting' ? 'secondary' : 'danger'}>{pick(i.reason)}</Typography.Text>}
            {i.state === 'conflict' && !isClash(i) && <Typography.Text type="secondary">{t('field.conflictHelp')}</Typography.Text>}
            {isClash(i) && i.body && <ClashCompare item={i} onMerge={onMerge} />}
            {dismissable(i) && !isClash(i) && (
              <Flex gap={8} wrap>
                {(i.state === 'refused' || i.state === 'conflict') && (
                  <Button size="large" onClick={() => void keepAndResend(i.seq)}>
                    {t('field.resend')}
                  </Button>
                )}
                <Button size="large" onClick={() => void dismiss(i.seq)}>
                  {t('field.dismiss')}
                </Button>
              </Flex>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/**
 * What a synced record led to (C5, C6), as the online form's outcome shows it: the worker sees
 * "one more refusal is a serious breach", the breach and the notice to the police it raised, the
 * education due — on the entry itself, since he may not be looking when the signal returns.
 */
function OutcomeNote({ outcome: o }: { outcome: RecordOutcome }) {
  const { t, pick, lang } = useI18n();
  const label = useLabel();
  const grave = o.serious || o.notices.length > 0;
  return (
    <Alert
      type={grave ? 'error' : 'warning'}
      showIcon
      data-testid="outbox-outcome"
      title={o.serious ? t('sv.outcome.serious') : o.warning ? pick(o.warning) : t('sv.outcome.title')}
      description={
        <Flex vertical gap={2}>
          {o.serious && o.warning && <span>{pick(o.warning)}</span>}
          {o.notices.map((n, k) => (
            <span key={`n${k}`}>{t('sv.outcome.notice', { reason: label('noticeReason', n.reason), deadline: formatTime(n.deadline, lang) })}</span>
          ))}
          {o.education.map((e, k) => (
            <span key={`e${k}`}>{t('sv.outcome.education', { reason: label('educationReason', e.reason), date: e.date })}</span>
          ))}
        </Flex>
      }
    />
  );
}
