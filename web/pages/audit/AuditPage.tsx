import { useState } from 'react';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditApi, type AuditRow } from '../../api/audit';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../components/format';
import { AuditDetail } from './AuditDetail';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { actionLabel, entityLabel } from './labels';

const outcomeColor: Record<string, string> = { success: 'green', failure: 'red', denied: 'orange' };

/** A sign-in has no actor yet; the name it was tried with is in the details. */
const attemptedName = (r: AuditRow) => {
  const d = r.details as { username?: unknown } | null;
  return typeof d?.username === 'string' ? d.username : null;
};

export default function AuditPage() {
  const { t, lang } = useI18n();
  const label = useLabel();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const query = { ...filter, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const list = useQuery({ queryKey: [...keys.audit, query], queryFn: () => auditApi.search(query), placeholderData: keepPreviousData });

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card style={{ marginBottom: 16 }}>
        <AuditFilters
          exportUrl={auditApi.exportUrl(filter)}
          onSearch={(f) => {
            setFilter(f);
            setPage((p) => ({ ...p, current: 1 }));
          }}
        />
      </Card>
      <Card>
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (r) => <AuditDetail row={r} /> }}
          pagination={{
            ...page,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('common.total', { n }),
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
          columns={[
            { title: t('audit.time'), dataIndex: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(v, lang)}</span> },
            {
              title: t('audit.actor'),
              key: 'actor',
              render: (_, r) => {
                if (r.actorName) return r.actorName;
                const tried = attemptedName(r);
                return <Typography.Text type="secondary">{tried ? t('audit.loginName', { name: tried }) : t('audit.system')}</Typography.Text>;
              },
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (a: string) => (
                <Flex vertical>
                  <span>{actionLabel(label, a) ?? a}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="audit-action">
                    {a}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('audit.outcome'),
              dataIndex: 'outcome',
              render: (o: string) => (
                <Tag color={outcomeColor[o]}>{o === 'success' || o === 'failure' || o === 'denied' ? label('auditOutcome', o) : o}</Tag>
              ),
            },
            {
              title: t('audit.entity'),
              key: 'entity',
              render: (_, r) =>
                r.entityType ? (
                  <span title={r.entityId ?? undefined}>
                    {entityLabel(label, r.entityType)}
                    {r.entityId && <Typography.Text type="secondary"> {r.entityId.slice(0, 8)}</Typography.Text>}
                  </span>
                ) : (
                  '—'
                ),
            },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </>
  );
}
