import { Empty, Table, Typography } from 'antd';
import type { ImportReportRow } from '../../api/ledger';
import { useI18n } from '../../i18n/I18nProvider';

/** The rows that were not imported, with each reason in the current language and its column. */
export function RejectedRows({ rows, total }: { rows: ImportReportRow[]; total: number }) {
  const { t, pick } = useI18n();
  if (total === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('import.noRejected')} />;
  return (
    <>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('import.rejectedTitle', { n: total })}
      </Typography.Title>
      <Table<ImportReportRow>
        rowKey="row"
        size="small"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        data-testid="rejected-rows"
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 72 },
          { title: t('persons.name'), dataIndex: 'name', render: (v: string) => v || '—' },
          { title: t('persons.idNumber'), dataIndex: 'idNumberMasked', render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : '—') },
          {
            title: t('import.reasons'),
            key: 'reasons',
            render: (_, r) => (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {r.reasons.map((x, i) => (
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
    </>
  );
}
