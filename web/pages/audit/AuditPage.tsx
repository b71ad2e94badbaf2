import { useState } from 'react';
import { Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditApi, personLabel, type AuditGroup, type AuditQuery, type AuditRow } from '../../api/audit';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { PageHeader } from '../../components/PageHeader';
import { formatTime } from '../../components/format';
import { AuditDetail } from './AuditDetail';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { AuditGroups } from './AuditGroups';
import { actionLabel, entityLabel } from './labels';

const outcomeColor: Record<string, string> = { success: 'green', failure: 'red', denied: 'orange' };
type View = 'rows' | 'actor' | 'person';

/** A sign-in has no actor yet; the name it was tried with is in the details. */
const attemptedName = (r: AuditRow) => {
  const d = r.details as { username?: unknown } | null;
  return typeof d?.username === 'string' ? d.username : null;
};

export default function AuditPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [view, setView] = useState<View>('rows');
  // A person chosen from a row or the grouping: shown by the masked label only.
  const [person, setPerson] = useState<{ id: string; label: string } | null>(null);
  const query: AuditQuery = { ...filter, ...(person ? { personId: person.id } : {}) };
  const pickGroup = (g: AuditGroup) => {
    if (view === 'person' && g.key) setPerson({ id: g.key, label: personLabel(g.person) ?? g.key.slice(0, 8) });
    if (view === 'actor') setFilter((f) => ({ ...f, actor: g.key ?? undefined }));
    setView('rows');
  };
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card style={{ marginBottom: 16 }}>
        <AuditFilters exportUrl={auditApi.exportUrl(query)} onSearch={setFilter} />
      </Card>
      <Card>
        <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'rows', label: t('audit.viewRows') },
              { value: 'actor', label: t('audit.viewByActor') },
              { value: 'person', label: t('audit.viewByPerson') },
            ]}
          />
          {person && (
            <Tag closable onClose={() => setPerson(null)}>
              {t('audit.personFilter', { label: person.label })}
            </Tag>
          )}
        </Flex>
        {view === 'rows' ? (
          <AuditRows
            key={JSON.stringify(query)}
            query={query}
            onPerson={(r) => r.personId && setPerson({ id: r.personId, label: personLabel(r.person) ?? r.personId.slice(0, 8) })}
          />
        ) : (
          <AuditGroups by={view} query={query} onPick={pickGroup} />
        )}
      </Card>
    </>
  );
}

function AuditRows({ query, onPerson }: { query: AuditQuery; onPerson: (r: AuditRow) => void }) {
  const { t, lang } = useI18n();
  const label = useLabel();
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const q = { ...query, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const list = useQuery({ queryKey: [...keys.audit, q], queryFn: () => auditApi.search(q), placeholderData: keepPreviousData });
  const actor = (r: AuditRow) => {
    if (r.actorName) return r.actorName;
    const tried = attemptedName(r);
    return <Typography.Text type="secondary">{tried ? t('audit.loginName', { name: tried }) : t('audit.system')}</Typography.Text>;
  };
  const entity = (r: AuditRow) => {
    if (r.personId)
      return (
        <Typography.Link onClick={() => onPerson(r)} title={t('audit.personHint')}>
          {personLabel(r.person) ?? r.personId.slice(0, 8)}
        </Typography.Link>
      );
    if (!r.entityType) return '—';
    return (
      <span title={r.entityId ?? undefined}>
        {entityLabel(label, r.entityType)}
        {r.entityId && <Typography.Text type="secondary"> {r.entityId.slice(0, 8)}</Typography.Text>}
      </span>
    );
  };
  return (
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
        { title: t('audit.actor'), key: 'actor', render: (_, r) => actor(r) },
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
          render: (o: string) => <Tag color={outcomeColor[o]}>{o === 'success' || o === 'failure' || o === 'denied' ? label('auditOutcome', o) : o}</Tag>,
        },
        { title: t('audit.entity'), key: 'entity', render: (_, r) => entity(r) },
        { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
