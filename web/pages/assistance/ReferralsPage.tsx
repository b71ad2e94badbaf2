import { Table, Tag, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { assistanceApi, assistanceKeys } from '../../api/assistance';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { PageHeader } from '../../components/PageHeader';

/** Item 7: the worker's list of open referrals in their area; stalled ones (past the answer deadline) marked. */
export default function ReferralsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const list = useQuery({ queryKey: assistanceKeys.openReferrals, queryFn: () => assistanceApi.openReferrals() });
  return (
    <>
      <PageHeader title={t('as.referrals.title')} />
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        scroll={{ x: true }}
        locale={{ emptyText: t('as.ref.none') }}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('as.ref.person'), key: 'person', render: (_, r) => <Link to={`/persons/${r.personId}?tab=assistance`}>{r.personName}</Link> },
          { title: t('as.ref.partner'), dataIndex: 'partnerName' },
          { title: t('as.ref.need'), dataIndex: 'need', render: (n: string) => label('assistanceNeed', n) },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, r) => (
              <Space>
                <Tag>{label('referralStatus', r.status)}</Tag>
                {r.stalled && <Tag color="red">{t('as.ref.stalled')}</Tag>}
              </Space>
            ),
          },
          { title: t('as.ref.respondBy'), dataIndex: 'respondBy' },
        ]}
      />
    </>
  );
}
