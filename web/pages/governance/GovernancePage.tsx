import { Alert, Button, Card, Flex, Tabs, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { governanceApi, governanceKeys } from '../../api/governance';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { PageSpin } from '../../components/PageSpin';
import { useI18n } from '../../i18n/I18nProvider';
import { AssessmentTab } from './AssessmentTab';
import { OverviewTab } from './OverviewTab';
import { PeriodPicker } from './PeriodPicker';
import { TargetsTab } from './TargetsTab';
import { useGovPeriod } from './usePeriod';

/** 考核指标看板 (issue 15 item 4): a unit's indicators for a period against target, and the work plan. */
export default function GovernancePage() {
  const { t } = useI18n();
  const { period, kind, set, search } = useGovPeriod();
  const q = useQuery({ queryKey: governanceKeys.overview(period), queryFn: () => governanceApi.overview(period) });
  return (
    <>
      <PageHeader
        title={t('gv.title')}
        extra={
          <Flex wrap gap={8}>
            <OrgTreeSelect value={period.orgUnitId} onChange={(orgUnitId) => set({ orgUnitId })} allowClear placeholder={t('gv.unit')} style={{ minWidth: 220 }} />
            <PeriodPicker kind={kind} from={period.from} to={period.to} onChange={set} />
            <Link to="/reports" data-testid="gv-reports">
              <Button icon={<FileWordOutlined />}>{t('rp.fromGovernance')}</Button>
            </Link>
          </Flex>
        }
      />
      {q.error && <Alert type="error" showIcon message={(q.error as Error).message} />}
      {q.data && (
        <Typography.Paragraph type="secondary" data-testid="gv-source">
          {q.data.orgUnit.name} · {period.from} – {period.to} ·{' '}
          {q.data.source === 'rollup' ? t('gv.source.rollup', { at: q.data.refreshedAt ? new Date(q.data.refreshedAt).toLocaleTimeString() : '—' }) : t('gv.source.live')}
        </Typography.Paragraph>
      )}
      <Card>
        <Tabs
          items={[
            { key: 'overview', label: t('gv.tab.overview'), children: q.data ? <OverviewTab data={q.data} search={search} /> : <PageSpin /> },
            { key: 'targets', label: t('gv.tab.targets'), children: <TargetsTab orgUnitId={period.orgUnitId} year={Number(period.from.slice(0, 4))} /> },
            { key: 'assessment', label: t('gv.tab.assessment'), children: <AssessmentTab orgUnitId={period.orgUnitId} /> },
          ]}
        />
      </Card>
    </>
  );
}
