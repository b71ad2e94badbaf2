import { Button, Descriptions, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { sealingApi, sealingKeys } from '../../api/sealing';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import './sealing-print.css';

/** D2: the notice for the police, with the three years' drug tests (never voluntary treatment, M4); printable. */
export default function NoticePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const label = useLabel();
  const notice = useQuery({ queryKey: sealingKeys.notice(id), queryFn: () => sealingApi.notice(id) });
  if (!notice.data) return <PageSpin />;
  const n = notice.data;
  return (
    <div className="sl-printable">
      <PageHeader
        title={t('sl.notice.title')}
        extra={
          <Button className="sl-no-print" onClick={() => window.print()}>
            {t('sl.print')}
          </Button>
        }
      />
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('sl.notice.person')}>{`${n.personName}（${n.orgUnitName}）`}</Descriptions.Item>
        <Descriptions.Item label={t('sl.notice.idNumber')}>{n.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('sl.notice.since')}>{n.cleanSince}</Descriptions.Item>
        <Descriptions.Item label={t('sl.delisting.eligibleOn')}>{n.eligibleOn}</Descriptions.Item>
        <Descriptions.Item label={t('sl.notice.decided')}>{n.decisionDate}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('sl.notice.tests')}</Typography.Title>
      <Typography.Paragraph>{t('sl.notice.counts', n.counts)}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => `${r.date}-${r.sample}-${r.result}`}
        dataSource={n.tests}
        columns={[
          { title: t('sl.notice.date'), dataIndex: 'date' },
          { title: t('sl.notice.result'), dataIndex: 'result', render: (v: string) => label('testResult', v) },
          { title: t('sl.notice.sample'), dataIndex: 'sample', render: (v: string) => label('testSample', v) },
        ]}
      />
    </div>
  );
}
