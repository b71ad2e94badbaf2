import { Collapse, Table, Typography } from 'antd';
import type { ImportReportRow } from '../../api/ledger';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * Cells read through an alias or another spelling of a dictionary value (中专 → 中等职业教育),
 * so the user can check that each was read as meant (issue 9.19). Folded when there are many.
 */
export function NotedRows({ rows, total }: { rows: ImportReportRow[]; total: number }) {
  const { t, pick } = useI18n();
  if (total === 0) return null;
  const table = (
    <Table<ImportReportRow>
      rowKey="row"
      size="small"
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
      data-testid="noted-rows"
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 72 },
        { title: t('persons.name'), dataIndex: 'name', render: (v: string) => v || '—' },
        {
          title: t('import.notes'),
          key: 'notes',
          render: (_, r) => (
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {(r.notes ?? []).map((x, i) => (
                <li key={i}>
                  {x.column && (
                    <Typography.Text type="secondary">
                      {x.column}
                      {t('common.colon')}
                    </Typography.Text>
                  )}
                  {pick(x.message)}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
  return <Collapse size="small" items={[{ key: 'noted', label: t('import.notedTitle', { n: total }), children: table }]} />;
}
