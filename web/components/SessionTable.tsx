import { Button, Popconfirm, Table, Tag, Typography } from 'antd';
import type { SessionView } from '../api/auth';
import { useI18n } from '../i18n/I18nProvider';
import { formatTime } from './format';

interface Props {
  sessions: SessionView[];
  loading: boolean;
  /** Revoking is offered for every session but the one this page runs in. */
  onRevoke: (id: string) => Promise<unknown>;
  showCurrent: boolean;
}

export function SessionTable({ sessions, loading, onRevoke, showCurrent }: Props) {
  const { t, lang } = useI18n();
  return (
    <Table<SessionView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={sessions}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('sessions.createdAt'),
          dataIndex: 'createdAt',
          render: (v: string, s) => (
            <>
              {formatTime(v, lang)}
              {showCurrent && s.current && (
                <Tag color="green" style={{ marginInlineStart: 8 }}>
                  {t('sessions.current')}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('sessions.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string) => formatTime(v, lang) },
        { title: t('sessions.expires'), dataIndex: 'expiresAt', render: (v: string) => formatTime(v, lang) },
        { title: t('sessions.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        {
          title: t('sessions.device'),
          dataIndex: 'userAgent',
          render: (v: string | null) => (
            <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 260 }}>
              {v ?? '—'}
            </Typography.Text>
          ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, s) =>
            s.current && showCurrent ? null : (
              <Popconfirm title={t('sessions.revokeConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => onRevoke(s.id).catch(() => undefined)}>
                <Button size="small" danger>
                  {t('sessions.revoke')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}
