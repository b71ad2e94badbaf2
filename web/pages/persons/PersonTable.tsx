import { Table, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link, useNavigate } from 'react-router-dom';
import type { PersonList, PersonListItem, PersonListQuery } from '../../api/persons';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { PersonStatusTag } from '../../components/PersonStatusTag';
import { RiskBadge } from '../warnings/RiskBadge';

type Sort = NonNullable<PersonListQuery['sort']>;

interface Props {
  data: PersonList | undefined;
  loading: boolean;
  sort: Sort;
  order: 'asc' | 'desc';
  page: number;
  size: number;
  onSort: (sort: Sort | undefined, order: 'asc' | 'desc' | undefined) => void;
  onPage: (page: number, size: number) => void;
}

const antOrder = (o: 'asc' | 'desc'): SortOrder => (o === 'asc' ? 'ascend' : 'descend');

export function PersonTable({ data, loading, sort, order, page, size, onSort, onPage }: Props) {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  // Age sorts by birth date the other way round: the youngest have the latest birth dates.
  const sortOrderOf = (key: Sort, inverted = false): SortOrder => (sort === key ? antOrder(inverted ? (order === 'asc' ? 'desc' : 'asc') : order) : null);
  return (
    <Table<PersonListItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('persons.empty') }}
      pagination={{
        current: page,
        pageSize: size,
        total: data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { n }),
      }}
      onChange={(p, _f, sorter, extra) => {
        if (extra.action === 'paginate') return onPage(p.current ?? 1, p.pageSize ?? size);
        if (extra.action !== 'sort' || Array.isArray(sorter)) return;
        const key = sorter.columnKey as string | undefined;
        const dir = sorter.order === 'descend' ? 'desc' : sorter.order === 'ascend' ? 'asc' : undefined;
        if (!dir || !key) return onSort(undefined, undefined);
        if (key === 'age') return onSort('birth_date', dir === 'asc' ? 'desc' : 'asc');
        onSort(key as Sort, dir);
      }}
      onRow={(p) => ({ onClick: () => navigate(`/persons/${p.id}`), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: t('persons.name'),
          key: 'name',
          fixed: 'left',
          sorter: true,
          sortOrder: sortOrderOf('name'),
          render: (_, p) => (
            <Link to={`/persons/${p.id}`} onClick={(e) => e.stopPropagation()}>
              {p.name}
            </Link>
          ),
        },
        { title: t('persons.sex'), key: 'sex', render: (_, p) => label('sex', p.sex) },
        { title: t('persons.age'), key: 'age', dataIndex: 'age', sorter: true, sortOrder: sortOrderOf('birth_date', true) },
        { title: t('persons.idNumber'), key: 'idNumber', render: (_, p) => <Typography.Text code>{p.idNumber}</Typography.Text> },
        { title: t('persons.status'), key: 'status', sorter: true, sortOrder: sortOrderOf('status'), render: (_, p) => <PersonStatusTag status={p.status} /> },
        { title: t('persons.measure'), key: 'measure', render: (_, p) => label('measureKind', p.currentMeasureKind) },
        { title: t('persons.risk'), key: 'risk_level', sorter: true, sortOrder: sortOrderOf('risk_level'), render: (_, p) => <RiskBadge personId={p.id} level={p.riskLevel} /> },
        { title: t('persons.unit'), key: 'unit', dataIndex: 'orgUnitName' },
        { title: t('persons.worker'), key: 'worker', render: (_, p) => p.responsibleWorkerName ?? '—' },
      ]}
    />
  );
}
