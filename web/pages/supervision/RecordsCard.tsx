import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Flex, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { supervisionApi, supervisionKeys, type RecordKind, type RecordView } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { recordKinds } from './codes';
import { RecordDetails } from './RecordDetails';
import { recordSummary } from './recordText';
import { useCan } from '../../api/me';
import { VoidRecordModal } from './VoidRecordModal';

const resultColors: Record<string, string> = { negative: 'green', positive: 'red', refused: 'orange', evaded: 'orange', invalid: 'default' };

/**
 * The person's supervision records, newest first, each with its details and a print button; a
 * live record can be corrected or voided with a reason, and a voided or corrected one stays,
 * marked, with its reason (issue 9.14).
 */
export function RecordsCard({ personId, onCorrect }: { personId: string; onCorrect?: (r: RecordView) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [voiding, setVoiding] = useState<RecordView | null>(null);
  const mobile = Grid.useBreakpoint().md === false;
  const [kind, setKind] = useState<RecordKind | undefined>();
  const kindTags = (r: RecordView) => (
    <>
      <Tag color={r.drugTest ? resultColors[r.drugTest.result] : 'blue'}>{label('recordKind', r.kind)}</Tag>
      {r.drugTest?.random && <Tag>{t('sv.records.randomTag')}</Tag>}
      {r.drugTest?.retestOf && <Tag>{t('sv.records.retestTag')}</Tag>}
      {r.correctsId && <Tag color="purple">{t('sv.records.correctionTag')}</Tag>}
      {r.voidedAt && (
        <Tag data-testid="record-voided" title={r.voidReason ?? undefined}>
          {label('recordState', r.supersededBy ? 'corrected' : 'voided')}
        </Tag>
      )}
    </>
  );
  const changes = (r: RecordView) =>
    !r.voidedAt &&
    can('supervision.write') && (
      <>
        {onCorrect && (
          <Button
            size="small"
            data-testid="record-correct"
            onClick={(e) => {
              e.stopPropagation();
              onCorrect(r);
            }}
          >
            {t('sv.records.correct')}
          </Button>
        )}
        <Button
          size="small"
          danger
          data-testid="record-void"
          onClick={(e) => {
            e.stopPropagation();
            setVoiding(r);
          }}
        >
          {t('sv.records.void')}
        </Button>
      </>
    );
  const print = (r: RecordView) => (
    <Button size="small" icon={<PrinterOutlined />} href={`/print/record/${personId}/${r.id}`} target="_blank" rel="noopener" onClick={(e) => e.stopPropagation()}>
      {t('sv.records.print')}
    </Button>
  );
  const [page, setPage] = useState({ page: 1, size: 10 });
  const q = { kind, limit: page.size, offset: (page.page - 1) * page.size };
  const records = useQuery({
    queryKey: [...supervisionKeys.records(personId), q],
    queryFn: () => supervisionApi.records(personId, q),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      size="small"
      title={t('sv.records.title')}
      data-testid="person-records"
      extra={
        <Select<RecordKind>
          size="small"
          allowClear
          placeholder={t('sv.records.filterKind')}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={recordKinds.map((k) => ({ value: k, label: label('recordKind', k) }))}
          style={{ width: 130 }}
        />
      }
    >
      <Table<RecordView>
        size="small"
        rowKey="id"
        loading={records.isFetching}
        dataSource={records.data?.items ?? []}
        scroll={mobile ? undefined : { x: 'max-content' }}
        locale={{ emptyText: t('sv.records.empty') }}
        // On a phone a tap on the record opens its details: no column for the expand icon.
        expandable={{ expandedRowRender: (r) => <RecordDetails record={r} />, showExpandColumn: !mobile, expandRowByClick: mobile }}
        onRow={(r) => ({ 'data-testid': 'record-row', 'data-kind': r.kind }) as HTMLAttributes<HTMLElement>}
        pagination={{
          current: page.page,
          pageSize: page.size,
          total: records.data?.total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          onChange: (p, s) => setPage({ page: p, size: s }),
        }}
        showHeader={!mobile}
        columns={
          mobile
            ? [
                {
                  key: 'record',
                  render: (_, r) => (
                    <Flex vertical gap={4}>
                      <Flex justify="space-between" align="center" gap={8}>
                        <span>
                          <Typography.Text style={{ marginInlineEnd: 8 }}>{r.date}</Typography.Text>
                          {kindTags(r)}
                        </span>
                        <Space size={4}>
                          {changes(r)}
                          {print(r)}
                        </Space>
                      </Flex>
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
                        {recordSummary(r, t, label)} · {r.place} · {r.recordedByName ?? '—'}
                      </Typography.Paragraph>
                    </Flex>
                  ),
                },
              ]
            : [
                { title: t('sv.records.date'), dataIndex: 'date', width: 100 },
                {
                  title: t('sv.records.kind'),
                  key: 'kind',
                  render: (_, r) => kindTags(r),
                },
                {
                  title: t('sv.records.summary'),
                  key: 'summary',
                  render: (_, r) => (
                    <Typography.Text ellipsis={{ tooltip: recordSummary(r, t, label) }} style={{ maxWidth: 320 }}>
                      {recordSummary(r, t, label)}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('sv.records.place'),
                  dataIndex: 'place',
                  render: (v: string) => (
                    <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 160 }}>
                      {v}
                    </Typography.Text>
                  ),
                },
                { title: t('sv.records.worker'), dataIndex: 'recordedByName', render: (v: string | null) => v ?? '—' },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_, r) => (
                    <Space size={4}>
                      {changes(r)}
                      {print(r)}
                    </Space>
                  ),
                },
              ]
        }
      />
      {voiding && <VoidRecordModal record={voiding} onClose={() => setVoiding(null)} />}
    </Card>
  );
}
