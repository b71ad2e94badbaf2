import { useState } from 'react';
import { Button, Col, Flex, Row, Table, Tag } from 'antd';
import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { preventionApi, preventionKeys, type PeriodQuery, type PublicityView } from '../../api/prevention';
import { useCan } from '../../api/me';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';
import { ActivityModal } from './ActivityModal';
import { ActivityPhotos } from './ActivityPhotos';

interface Tally {
  key: string;
  name: string;
  activities: number;
  reach: number;
}

function TallyTable({ title, rows, testId }: { title: string; rows: Tally[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Table<Tally>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      columns={[
        { title, dataIndex: 'name' },
        { title: t('pv.activities'), dataIndex: 'activities', align: 'right' },
        { title: t('pv.reach'), dataIndex: 'reach', align: 'right' },
      ]}
    />
  );
}

/** Reach by audience, kind and unit, and the activities of the period. */
export function PublicityTab({ period }: { period: PeriodQuery }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [photosOf, setPhotosOf] = useState<PublicityView | null>(null);
  const [page, setPage] = useState({ page: 1, size: 20 });
  const summary = useQuery({ queryKey: preventionKeys.summary(period), queryFn: () => preventionApi.summary(period) });
  const query = { ...period, limit: page.size, offset: (page.page - 1) * page.size };
  const list = useQuery({ queryKey: preventionKeys.activities(query), queryFn: () => preventionApi.activities(query), placeholderData: keepPreviousData });
  const s = summary.data;
  return (
    <>
      {can('prevention.write') && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('pv.log')}
          </Button>
        </Flex>
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={8}>
          <TallyTable
            testId="by-audience"
            title={t('pv.byAudience')}
            rows={(s?.byAudience ?? []).map((r) => ({ ...r, key: r.audience, name: label('audienceSegment', r.audience) }))}
          />
        </Col>
        <Col xs={24} lg={8}>
          <TallyTable testId="by-kind" title={t('pv.byKind')} rows={(s?.byKind ?? []).map((r) => ({ ...r, key: r.kind, name: label('publicityKind', r.kind) }))} />
        </Col>
        <Col xs={24} lg={8}>
          <TallyTable testId="by-unit" title={t('pv.byUnit')} rows={(s?.byUnit ?? []).map((r) => ({ ...r, key: r.orgUnitId, name: r.orgUnitName }))} />
        </Col>
      </Row>
      <Table<PublicityView>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('pv.empty') }}
        data-testid="activities"
        pagination={{ current: page.page, pageSize: page.size, total: list.data?.total ?? 0, onChange: (p, sz) => setPage({ page: p, size: sz }) }}
        columns={[
          { title: t('pv.form.heldOn'), dataIndex: 'heldOn' },
          { title: t('pv.form.titleField'), dataIndex: 'title' },
          { title: t('pv.form.kind'), dataIndex: 'kind', render: (k: string) => label('publicityKind', k) },
          { title: t('pv.form.audiences'), dataIndex: 'audiences', render: (a: string[]) => a.map((x) => <Tag key={x}>{label('audienceSegment', x)}</Tag>) },
          { title: t('pv.unit'), dataIndex: 'orgUnitName' },
          { title: t('pv.reach'), dataIndex: 'reach', align: 'right' },
          {
            title: t('pv.photos'),
            key: 'photos',
            render: (_: unknown, a: PublicityView) => (
              <Button size="large" icon={<CameraOutlined />} style={{ minWidth: 44, minHeight: 44 }} aria-label={`${t('pv.photos')} ${a.title}`} onClick={() => setPhotosOf(a)} />
            ),
          },
        ]}
      />
      <ActivityModal open={open} onClose={() => setOpen(false)} onSaved={setPhotosOf} defaultUnit={period.orgUnitId} />
      <ActivityPhotos activity={photosOf} onClose={() => setPhotosOf(null)} />
    </>
  );
}
