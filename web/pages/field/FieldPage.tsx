import { useState } from 'react';
import { Alert, Badge, Button, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useCan, useSignedIn } from '../../api/me';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { TaskStateTag } from '../supervision/TaskStateTag';
import { flush, useOutbox } from '../../offline/sync';
import { kindOf, needsAttention, pending, type OutboxItem } from '../../offline/outbox';
import { sameTaskKind } from '../../../core/rules/records';
import { signedInOffline } from '../../offline/session';
import { useOnline } from '../../offline/useDevice';
import { FieldVisitSheet, type MergeDraft } from './FieldVisitSheet';
import { FieldRecordSheet, isFieldKind, type FieldKind } from './FieldRecordSheet';
import { OutboxList } from './OutboxList';
import { useFieldDay, type FieldTask } from './useFieldDay';
import { AssistanceTasksCard } from '../assistance/AssistanceTasksCard';
import './field.css';

/**
 * 我的走访: the field worker's start page on a phone (JOURNEYS 2, issue 17). The visits due this
 * week from the server's day, one row per person with a large record button; what was recorded
 * waits on the device (待同步 N) and goes when the signal returns. Works offline: the app shell
 * from the service worker, the day and the account as this device last kept them.
 */
export default function FieldPage() {
  const me = useSignedIn();
  const can = useCan();
  const { t, pick } = useI18n();
  const label = useLabel();
  const online = useOnline();
  const outbox = useOutbox();
  const mine = outbox.filter((i) => i.userId === me.user.id);
  const day = useFieldDay(me);
  const [open, setOpen] = useState<FieldTask | null>(null);
  // A drug test, check-in or note: for the task due (its kind, scheduled), or any from 其他登记.
  const [other, setOther] = useState<{ task: FieldTask; kind?: FieldKind } | null>(null);
  const [merging, setMerging] = useState<{ item: OutboxItem; draft: MergeDraft } | null>(null);
  const shown = day.live ?? day.kept ?? undefined;
  // The round's visit already recorded on the device: a drug test or a check-in does not count for it.
  const visited = (task: FieldTask) => mine.some((i) => i.personId === task.personId && i.state !== 'refused' && i.state !== 'conflict' && sameTaskKind(kindOf(i), task.kind));
  const networkError = day.error instanceof ApiError && day.error.status === 0;
  const weekday = shown ? t(`sv.weekday.${dayjs(shown.date).day() as 0 | 1 | 2 | 3 | 4 | 5 | 6}`) : '';
  const n = pending(mine);
  const attention = needsAttention(mine);

  return (
    <div className="field-page">
      {(!online || signedInOffline() || networkError) && (
        <Alert
          type="warning"
          showIcon
          role="status"
          title={t('field.offline')}
          description={signedInOffline() ? t('field.offlineSession') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      <Flex align="center" justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('field.title')}
          </Typography.Title>
          {shown && <Typography.Text type="secondary">{t('sv.today.date', { date: shown.date, weekday })}</Typography.Text>}
        </div>
        <Flex gap={8} align="center">
          {n > 0 && (
            <Tag color="gold" data-testid="pending-badge" style={{ marginInlineEnd: 0, fontSize: 14, padding: '4px 8px' }}>
              {t('field.pending', { n })}
            </Tag>
          )}
          {attention > 0 && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('field.attention', { n: attention })}
            </Tag>
          )}
          {n > 0 && online && <Button size="large" icon={<CloudUploadOutlined />} onClick={() => void flush()} aria-label={t('field.syncNow')} />}
        </Flex>
      </Flex>

      <section aria-labelledby="field-due">
        <Typography.Title level={5} id="field-due">
          {shown ? t('sv.withCount', { title: t('field.dueTitle'), n: shown.tasks.length }) : t('field.dueTitle')}
        </Typography.Title>
        {day.kept && <Typography.Paragraph type="secondary">{t('field.snapshotOf', { date: day.kept.date })}</Typography.Paragraph>}
        {day.error && !networkError && <Alert type="error" showIcon title={day.error instanceof ApiError ? pick(day.error.messages) : t('common.loadFailed')} />}
        {networkError && day.kept === null && <Alert type="info" showIcon title={t('field.noSnapshot')} />}
        <Spin spinning={day.loading}>
          {shown && shown.tasks.length === 0 && <Empty description={t('field.dueEmpty')} />}
          {shown && shown.tasks.length > 0 && (
            <List
              className="field-list"
              dataSource={shown.tasks}
              rowKey={(task) => `${task.measureId}:${task.key}`}
              renderItem={(task) => (
                <List.Item data-testid="field-task">
                  <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
                    <Flex vertical style={{ minWidth: 0 }}>
                      <Typography.Text strong ellipsis>
                        {task.personName}
                      </Typography.Text>
                      <Typography.Text type="secondary" ellipsis>
                        {label('taskKind', task.kind)} · {task.orgUnitName}
                      </Typography.Text>
                      <span>
                        <TaskStateTag task={task} />
                      </span>
                    </Flex>
                    <Flex gap={8} align="center" style={{ flexShrink: 0 }}>
                      {visited(task) ? (
                        <Badge status="processing" text={t('field.recorded')} />
                      ) : isFieldKind(task.kind) ? (
                        // A drug test or check-in due (T4, T5): its own sheet, on its kind.
                        <Button
                          type="primary"
                          size="large"
                          onClick={() => setOther({ task, kind: task.kind as FieldKind })}
                          aria-label={`${t('field.recordKind', { kind: label('taskKind', task.kind) })} ${task.personName}`}
                        >
                          {t('field.recordKind', { kind: label('taskKind', task.kind) })}
                        </Button>
                      ) : (
                        <Button type="primary" size="large" onClick={() => setOpen(task)} aria-label={`${t('field.record')} ${task.personName}`}>
                          {t('field.record')}
                        </Button>
                      )}
                      <Button size="large" icon={<PlusOutlined />} onClick={() => setOther({ task })} aria-label={`${t('field.more')} ${task.personName}`} />
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Spin>
      </section>

      {can('assistance.read') && day.assistance.length > 0 && (
        <section style={{ marginTop: 16 }}>
          <AssistanceTasksCard items={day.assistance} />
        </section>
      )}

      <section aria-labelledby="field-device" style={{ marginTop: 16 }}>
        <Typography.Title level={5} id="field-device">
          {t('field.deviceTitle')}
        </Typography.Title>
        <OutboxList items={mine} onMerge={(i: OutboxItem) => i.body && setMerging({ item: i, draft: { seq: i.seq, body: i.body } })} />
      </section>
      {open && <FieldVisitSheet task={open} onClose={() => setOpen(null)} />}
      {other && <FieldRecordSheet task={other.task} initialKind={other.kind} scheduled={!!other.kind} onClose={() => setOther(null)} />}
      {merging && isFieldKind(merging.draft.body.kind) && (
        <FieldRecordSheet task={{ personId: merging.item.personId, personName: merging.item.personName }} draft={merging.draft} onClose={() => setMerging(null)} />
      )}
      {merging && !isFieldKind(merging.draft.body.kind) && (
        <FieldVisitSheet
          task={{ personId: merging.item.personId, personName: merging.item.personName, kind: merging.draft.body.kind === 'grid_visit' ? 'grid_visit' : 'follow_up' }}
          draft={merging.draft}
          onClose={() => setMerging(null)}
        />
      )}
    </div>
  );
}
