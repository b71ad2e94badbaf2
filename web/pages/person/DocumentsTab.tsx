import { useState } from 'react';
import { Button, Flex, Popover, Table, Tag, Typography } from 'antd';
import { EyeOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { documentsApi, type DocumentView } from '../../api/documents';
import type { MeasureView } from '../../api/measures';
import { keys } from '../../api/keys';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { formatSize, formatTime } from '../../components/format';
import { DocumentFieldsText } from './DocumentFieldsText';
import { UploadDocumentModal } from './UploadDocumentModal';
import { WithdrawDocumentModal } from './WithdrawDocumentModal';

/** 文书: the person's documents, withdrawn ones marked; upload, open, withdraw. */
export function DocumentsTab({ personId, measures }: { personId: string; measures: MeasureView[] }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const label = useLabel();
  const docs = useQuery({ queryKey: keys.documents(personId), queryFn: () => documentsApi.list(personId) });
  const [uploading, setUploading] = useState(false);
  const [withdrawing, setWithdrawing] = useState<DocumentView | null>(null);
  const measureName = (id: string | null) => {
    const m = measures.find((x) => x.id === id);
    return m ? `${label('measureKind', m.kind)} · ${m.decisionDate ?? ''}` : '—';
  };
  return (
    <>
      {can('document.write') && (
        <Flex style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            {t('documents.upload')}
          </Button>
        </Flex>
      )}
      <Table<DocumentView>
        rowKey="id"
        size="small"
        loading={docs.isFetching}
        dataSource={docs.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('documents.empty') }}
        rowClassName={(d) => (d.status === 'withdrawn' ? 'sf-withdrawn' : '')}
        columns={[
          { title: t('documents.kind'), key: 'kind', render: (_, d) => <Tag color="geekblue">{label('documentKind', d.kind)}</Tag> },
          {
            title: t('documents.title'),
            key: 'title',
            render: (_, d) => (
              <Typography.Text className="sf-doc-title" strong={d.status === 'valid'}>
                {d.title}
              </Typography.Text>
            ),
          },
          { title: t('documents.measure'), key: 'measure', render: (_, d) => measureName(d.measureId) },
          { title: t('documents.fields'), key: 'fields', render: (_, d) => <DocumentFieldsText doc={d} /> },
          { title: t('documents.size'), key: 'size', render: (_, d) => formatSize(d.size) },
          {
            title: t('documents.uploadedAt'),
            key: 'at',
            render: (_, d) => (
              <>
                <div style={{ whiteSpace: 'nowrap' }}>{formatTime(d.createdAt, lang)}</div>
                <Typography.Text type="secondary">{d.uploadedByName ?? ''}</Typography.Text>
              </>
            ),
          },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, d) =>
              d.status === 'valid' ? (
                <Tag color="green">{t('documents.valid')}</Tag>
              ) : (
                <Popover content={t('documents.withdrawnBy', { name: d.withdrawnByName ?? '—', at: formatTime(d.withdrawnAt, lang), reason: d.withdrawReason ?? '' })}>
                  <Tag color="default">{t('documents.withdrawn')}</Tag>
                </Popover>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, d) => (
              <Flex gap={0}>
                <Button size="small" type="link" icon={<EyeOutlined />} href={documentsApi.fileUrl(d.id)} target="_blank" rel="noopener noreferrer" title={t('documents.open')}>
                  {t('common.view')}
                </Button>
                {can('document.write') && d.status === 'valid' && (
                  <Button size="small" type="link" danger icon={<RollbackOutlined />} onClick={() => setWithdrawing(d)}>
                    {t('documents.withdraw')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {uploading && <UploadDocumentModal personId={personId} measures={measures} onClose={() => setUploading(false)} />}
      {withdrawing && <WithdrawDocumentModal doc={withdrawing} onClose={() => setWithdrawing(null)} />}
    </>
  );
}
