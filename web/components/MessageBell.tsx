import { useState } from 'react';
import { Badge, Button, Drawer, Empty, Flex, Grid, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { formatShortTime } from './format';
import { messageKeys, messagesApi, type MessageView } from '../api/messages';
import { useCan } from '../api/me';
import { useI18n } from '../i18n/I18nProvider';
import { hasLabel, label } from '../../core/labels';

/**
 * The header's bell: my unread in-app messages (reminders of tasks due tomorrow, notices
 * raised), newest first; opening one marks it read and goes to what it is about.
 */
export function MessageBell() {
  const { t, lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mobile = Grid.useBreakpoint().md === false;
  const inbox = useQuery({ queryKey: messageKeys.inbox, queryFn: () => messagesApi.list({ limit: 30 }), refetchInterval: 60_000 });
  const markRead = useMutation({
    mutationFn: (ids: string[]) => Promise.all(ids.map((id) => messagesApi.markRead(id))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: messageKeys.inbox }),
  });
  const items = inbox.data?.items ?? [];
  const unread = inbox.data?.unread ?? 0;

  // The server writes its messages in Chinese; known kinds are told again in the viewer's language.
  const title = (m: MessageView) => {
    const d = m.details ?? {};
    if (d.kind === 'task' && typeof d.key === 'string') {
      const kind = d.key.split(':')[0] ?? '';
      if (hasLabel('taskKind', kind)) return t('sv.msg.taskTitle', { kind: label('taskKind', kind, lang) });
    }
    if (d.kind === 'notice' && typeof d.reason === 'string') {
      if (hasLabel('noticeReason', d.reason)) {
        return t(d.audience === 'police' ? 'sv.msg.noticeTitlePolice' : 'sv.msg.noticeTitle', { reason: label('noticeReason', d.reason, lang) });
      }
    }
    return m.title;
  };
  const openMessage = (m: MessageView) => {
    if (!m.readAt) markRead.mutate([m.id]);
    setOpen(false);
    if (m.details?.kind === 'notice' && can('notice.read')) navigate('/notices');
    else if (m.personId) navigate(`/persons/${m.personId}?tab=supervision`);
  };

  const content = (
    <Flex vertical style={{ width: mobile ? '100%' : 360 }}>
      <Flex justify="space-between" align="center" style={{ paddingBottom: 8, borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>
          {t('sv.msg.title')}
          {unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
              {t('sv.msg.unread', { n: unread })}
            </Typography.Text>
          )}
        </Typography.Text>
        {unread > 0 && (
          <Button size="small" type="link" loading={markRead.isPending} onClick={() => markRead.mutate(items.filter((m) => !m.readAt).map((m) => m.id))}>
            {t('sv.msg.markAll')}
          </Button>
        )}
      </Flex>
      {inbox.isPending && <Spin style={{ padding: 16 }} />}
      {!inbox.isPending && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sv.msg.empty')} />}
      <div style={{ maxHeight: mobile ? undefined : 'min(420px, 60vh)', overflowY: 'auto' }}>
        {items.map((m) => (
          <button
            key={m.id}
            type="button"
            data-testid="message-item"
            onClick={() => openMessage(m)}
            style={{
              display: 'block',
              width: '100%',
              textAlign: 'start',
              padding: '8px 4px',
              border: 'none',
              borderBottom: '1px solid #f5f5f5',
              background: m.readAt ? 'transparent' : '#fff7e6',
              cursor: 'pointer',
              font: 'inherit',
            }}
          >
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong={!m.readAt} ellipsis>
                {title(m)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatShortTime(m.createdAt)}
              </Typography.Text>
            </Flex>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
              {m.body}
            </Typography.Paragraph>
          </button>
        ))}
      </div>
    </Flex>
  );

  const bell = (
    <Badge count={unread} size="small" offset={[-4, 4]}>
      <Button type="text" icon={<BellOutlined />} aria-label={t('sv.msg.title')} data-testid="message-bell" onClick={mobile ? () => setOpen(true) : undefined} />
    </Badge>
  );
  // A phone has no room for a popover beside the bell: the list slides in from the side.
  if (mobile) {
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} placement="right" size="min(360px, 100vw)" closable={false} styles={{ body: { padding: 12 } }}>
          {content}
        </Drawer>
      </>
    );
  }
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      {bell}
    </Popover>
  );
}
