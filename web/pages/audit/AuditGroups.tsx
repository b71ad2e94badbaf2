import { Flex, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditApi, personLabel, type AuditGroup, type AuditGroupBy, type AuditQuery } from '../../api/audit';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTime } from '../../components/format';
import { useLabel } from '../../components/useLabel';
import { actionLabel } from './labels';

/** One line per user or per person: how many rows, since when, which actions (issue 9 item 21). */
export function AuditGroups({ by, query, onPick }: { by: AuditGroupBy; query: AuditQuery; onPick: (g: AuditGroup) => void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const list = useQuery({ queryKey: [...keys.audit, 'groups', by, query], queryFn: () => auditApi.groups({ ...query, by, limit: 200 }), placeholderData: keepPreviousData });
  const who = (g: AuditGroup) =>
    by === 'person' ? (
      <Typography.Link onClick={() => onPick(g)} title={t('audit.personHint')}>
        {personLabel(g.person) ?? g.key}
      </Typography.Link>
    ) : (
      <Typography.Link onClick={() => onPick(g)}>{g.actorName ?? t('audit.system')}</Typography.Link>
    );
  return (
    <Table<AuditGroup>
      rowKey={(g) => g.key ?? '-'}
      size="small"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: by === 'person' ? t('audit.person') : t('audit.actor'), key: 'who', render: (_, g) => who(g) },
        { title: t('audit.rows'), dataIndex: 'rows', align: 'right' },
        { title: t('audit.firstAt'), dataIndex: 'firstAt', render: (v: string) => formatTime(v, lang) },
        { title: t('audit.lastAt'), dataIndex: 'lastAt', render: (v: string) => formatTime(v, lang) },
        {
          title: t('audit.actions'),
          key: 'actions',
          render: (_, g) => (
            <Flex wrap gap={4}>
              {Object.entries(g.actions)
                .sort((a, b) => b[1] - a[1])
                .slice(0, 6)
                .map(([a, n]) => (
                  <Tag key={a}>{`${actionLabel(label, a) ?? a} × ${n}`}</Tag>
                ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}
