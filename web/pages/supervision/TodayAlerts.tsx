import { useState, type ReactNode } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { LeaveBrief, TodayView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../components/format';
import { NoticeActions } from './NoticeActions';
import { NoticeStateTag } from './NoticeStateTag';
import { LeaveActionModal, type LeaveAction } from './LeaveActionModal';

/** What else the day holds: breach warnings, leave ending or overdue or awaiting a decision, notices to handle. */
export function TodayAlerts({ day }: { day: TodayView }) {
  const { t, pick, lang } = useI18n();
  const can = useCan();
  const [leave, setLeave] = useState<{ leave: LeaveBrief; action: LeaveAction } | null>(null);
  const person = (id: string, name: string) => <Link to={`/persons/${id}?tab=supervision`}>{name}</Link>;
  const leaveLine = (l: LeaveBrief, extra: ReactNode, action: LeaveAction | null) => (
    <Flex key={l.id} justify="space-between" align="center" gap={8} data-testid="today-leave">
      <Flex vertical style={{ minWidth: 0 }}>
        <span>
          {person(l.personId, l.personName)} {extra}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sv.today.leaveLine', { from: l.from, to: l.pendingTo ?? l.to, destination: l.destination })}
        </Typography.Text>
      </Flex>
      {action && (
        <Button size="small" onClick={() => setLeave({ leave: l, action })} style={{ flexShrink: 0 }}>
          {action === 'return' ? t('sv.leave.return') : t('sv.leave.decide')}
        </Button>
      )}
    </Flex>
  );
  const section = (key: string, title: string, count: number, body: ReactNode) =>
    count > 0 && (
      <Card key={key} size="small" title={t('sv.withCount', { title, n: count })} data-testid={`today-${key}`}>
        <Flex vertical gap={10}>
          {body}
        </Flex>
      </Card>
    );
  const returnAction = can('supervision.write') ? 'return' : null;
  return (
    <>
      {section(
        'warnings',
        t('sv.today.warnings'),
        day.warnings.length,
        day.warnings.map((w) => (
          <Flex key={`${w.personId}:${w.kind}`} vertical>
            {person(w.personId, w.personName)}
            <Typography.Text type={w.kind === 'serious_breach' ? 'danger' : 'warning'}>{pick(w.message)}</Typography.Text>
          </Flex>
        )),
      )}
      {section(
        'leaves-ending',
        t('sv.today.leavesEnding'),
        day.leavesEndingToday.length,
        day.leavesEndingToday.map((l) => leaveLine(l, null, returnAction)),
      )}
      {section(
        'leaves-overdue',
        t('sv.today.leavesOverdue'),
        day.leavesOverdue.length,
        day.leavesOverdue.map((l) => leaveLine(l, <Tag color="red">{t('sv.leave.overdue', { n: l.overdueDays })}</Tag>, returnAction)),
      )}
      {section(
        'leaves-pending',
        t('sv.today.leavesPending'),
        day.leavesAwaitingDecision.length,
        day.leavesAwaitingDecision.map((l) =>
          leaveLine(l, l.pendingTo ? <Tag color="gold">{t('sv.leave.pendingTo', { to: l.pendingTo })}</Tag> : null, can('leave.approve') ? 'decide' : null),
        ),
      )}
      {section(
        'notices',
        t('sv.today.noticesPending'),
        day.noticesPending.length,
        day.noticesPending.map((n) => (
          <Flex key={n.id} vertical gap={4}>
            <Flex wrap gap={4} align="center">
              {person(n.personId, n.personName)}
              <Typography.Text strong>{pick(n.reasonName)}</Typography.Text>
              <NoticeStateTag notice={n} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sv.notices.deadline')}
              {t('common.colon')}
              {formatTime(n.deadline, lang)}
            </Typography.Text>
            <NoticeActions notice={n} />
          </Flex>
        )),
      )}
      {leave && <LeaveActionModal leave={leave.leave} action={leave.action} onClose={() => setLeave(null)} />}
    </>
  );
}
