import { Modal, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { transfersApi, transferKeys } from '../../api/transfers';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';

/** C7: after a transfer the old street reads only the records it entered while it held the file. */
export function FormerRecordsModal({ transferId, onClose }: { transferId: string; onClose: () => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const records = useQuery({ queryKey: transferKeys.records(transferId), queryFn: () => transfersApi.records(transferId) });
  return (
    <Modal open width={720} title={t('tr.records')} footer={null} onCancel={onClose}>
      <Table
        size="small"
        rowKey="id"
        data-testid="former-records"
        loading={records.isPending}
        dataSource={records.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('sv.record.date'), dataIndex: 'date' },
          { title: t('sv.record.kind'), dataIndex: 'kind', render: (k: string) => label('recordKind', k) },
          { title: t('sv.record.result'), dataIndex: 'result', render: (r: string | null) => (r ? label('testResult', r) : '') },
        ]}
      />
    </Modal>
  );
}
