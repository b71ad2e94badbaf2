import { Button, Flex, Modal, Result, Typography } from 'antd';
import type { RecordResult } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { formatTime } from '../../components/format';

/** Whether a saved record has something the worker must see now (C5 warning, notice, education). */
export const needsOutcome = (r: RecordResult) => !!r.breaches?.warning || r.breaches?.level === 'serious_breach' || r.noticesCreated.length > 0 || r.educationCreated.length > 0;

/**
 * What a saved record led to (JOURNEYS 1): "one more refusal or evasion is a serious breach"
 * (C5), the breach itself and the notice to the police it raised (C6), education due.
 */
export function RecordOutcomeModal({ result, onClose }: { result: RecordResult; onClose: () => void }) {
  const { t, pick, lang } = useI18n();
  const label = useLabel();
  const b = result.breaches;
  const serious = b?.level === 'serious_breach';
  const status = serious || result.noticesCreated.length > 0 ? 'error' : b?.warning ? 'warning' : 'info';
  const title = serious ? t('sv.outcome.serious') : b?.untilSerious.tests === 1 || b?.untilSerious.departures === 1 ? t('sv.outcome.warning') : t('sv.outcome.title');
  return (
    <Modal
      open
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('sv.outcome.ok')}
        </Button>
      }
      destroyOnHidden
    >
      <Result
        status={status}
        title={<span data-testid="record-outcome-title">{title}</span>}
        subTitle={
          b?.warning ? (
            <Typography.Text strong data-testid="record-outcome-warning">
              {pick(b.warning)}
            </Typography.Text>
          ) : undefined
        }
        style={{ padding: '16px 0 0' }}
        data-testid="record-outcome"
      >
        <Flex vertical gap={8}>
          {b && <Typography.Text type="secondary">{t('sv.outcome.counts', { refusals: b.counts.refusals, evasions: b.counts.evasions, limit: b.limits.tests })}</Typography.Text>}
          {result.noticesCreated.map((n) => (
            <Typography.Text key={n.id} type="danger" strong>
              {t('sv.outcome.notice', { reason: label('noticeReason', n.reason), deadline: formatTime(n.deadline, lang) })}
            </Typography.Text>
          ))}
          {result.educationCreated.map((e) => (
            <Typography.Text key={e.id}>{t('sv.outcome.education', { reason: label('educationReason', e.reason), date: e.factDate })}</Typography.Text>
          ))}
        </Flex>
      </Result>
    </Modal>
  );
}
