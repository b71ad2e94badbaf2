import { Button, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { sealingApi, sealingKeys } from '../../api/sealing';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { formatTime } from '../../components/format';
import './sealing-print.css';

/** PIPL §44–45: which units and roles read or changed the person's file, when and why; printed for him. */
export default function AccessReportPage() {
  const { personId = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const label = useLabel();
  const report = useQuery({ queryKey: sealingKeys.accessReport(personId), queryFn: () => sealingApi.accessReport(personId) });
  if (!report.data) return <PageSpin />;
  const r = report.data;
  return (
    <div className="sl-printable">
      <PageHeader
        title={t('sl.report.title')}
        extra={
          <Button className="sl-no-print" onClick={() => window.print()}>
            {t('sl.print')}
          </Button>
        }
      />
      <Typography.Paragraph>{t('sl.report.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('sl.report.person', { name: r.maskedName, last4: r.idLast4 })} {t('sl.report.produced', { at: formatTime(r.producedAt, lang) })}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('sl.report.summary')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="unitName"
        dataSource={r.units}
        columns={[
          { title: t('sl.report.unit'), dataIndex: 'unitName' },
          { title: t('sl.report.reads'), dataIndex: 'reads' },
          { title: t('sl.report.changes'), dataIndex: 'changes' },
        ]}
      />
      <Table
        size="small"
        style={{ marginTop: 16 }}
        pagination={false}
        rowKey="auditId"
        dataSource={r.rows}
        columns={[
          { title: t('sl.report.at'), dataIndex: 'at', render: (v: string) => formatTime(v, lang) },
          { title: t('sl.report.action'), key: 'action', render: (_, x) => pick(x.actionLabel) },
          { title: t('sl.report.kind'), dataIndex: 'kind', render: (v: string) => label('accessKind', v) },
          { title: t('sl.report.unit'), dataIndex: 'unitName' },
          { title: t('sl.report.role'), key: 'roles', render: (_, x) => x.roles.map(pick).join('、') },
          { title: t('sl.report.purpose'), dataIndex: 'purpose' },
        ]}
      />
    </div>
  );
}
