import { useState } from 'react';
import { Button, Card, Flex } from 'antd';
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { personsApi } from '../../api/persons';
import { keys } from '../../api/keys';
import { useCan } from '../../api/me';
import { useWorkers, type WorkerOption } from '../../api/workers';
import { useI18n } from '../../i18n/I18nProvider';
import { PageHeader } from '../../components/PageHeader';
import { PersonFormDrawer } from './PersonFormDrawer';
import { PersonFilters } from './PersonFilters';
import { PersonTable } from './PersonTable';
import { usePersonFilter } from './usePersonFilter';

export default function PersonsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const f = usePersonFilter();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: keys.personList(f.query), queryFn: () => personsApi.list(f.query), placeholderData: keepPreviousData });
  // Workers seen on the list pages, for the filter when the user list is not readable.
  // Gathered while rendering a new page of results (no effect, so no second render).
  const [seen, setSeen] = useState<WorkerOption[]>([]);
  const [seenPage, setSeenPage] = useState<typeof list.data>(undefined);
  if (list.data !== seenPage) {
    setSeenPage(list.data);
    const found = (list.data?.items ?? []).flatMap((p) => (p.responsibleWorkerId && p.responsibleWorkerName ? [{ id: p.responsibleWorkerId, name: p.responsibleWorkerName }] : []));
    const fresh = found.filter((w) => !seen.some((x) => x.id === w.id));
    if (fresh.length) setSeen([...seen, ...fresh]);
  }
  const { workers } = useWorkers(seen);
  const { limit: _l, offset: _o, ...exportFilter } = f.query;

  return (
    <>
      <PageHeader
        title={t('persons.title')}
        extra={
          <>
            {can('person.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('persons.create')}
              </Button>
            )}
            {can('person.import') && (
              <Button icon={<ImportOutlined />} onClick={() => navigate('/persons/import')}>
                {t('persons.import')}
              </Button>
            )}
            {can('person.export') && (
              <Button icon={<DownloadOutlined />} href={personsApi.exportUrl(exportFilter)} download>
                {t('persons.export')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <PersonFilters filter={f.filter} onChange={f.setFilter} workers={workers} />
        </Flex>
        <PersonTable data={list.data} loading={list.isFetching} sort={f.sort} order={f.order} page={f.page} size={f.size} onSort={f.setSort} onPage={f.setPage} />
      </Card>
      {creating && <PersonFormDrawer onClose={() => setCreating(false)} onSaved={(p) => navigate(`/persons/${p.id}`)} />}
    </>
  );
}
