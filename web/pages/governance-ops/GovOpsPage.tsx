import { useState } from 'react';
import { Card, Flex, InputNumber, Tabs } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../api/me';
import { today } from '../../components/dates';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { BudgetTab } from './BudgetTab';
import { DispatchTab } from './DispatchTab';
import { MeetingsTab } from './MeetingsTab';
import { PoliceTab } from './PoliceTab';
import { RisksTab } from './RisksTab';
import { StationsTab } from './StationsTab';

/** 考核与调度 (issue 15 items 5–9): the weekly dispatch, joint meetings, risks, budget, 七有, police figures. */
export default function GovOpsPage() {
  const { t } = useI18n();
  const can = useCan();
  const { tab = can('govops.read') ? 'dispatch' : 'police' } = useParams();
  const navigate = useNavigate();
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>();
  const [year, setYear] = useState(() => today().year());
  const items = can('govops.read')
    ? [
        { key: 'dispatch', label: t('go.tab.dispatch'), children: <DispatchTab orgUnitId={orgUnitId} /> },
        { key: 'meetings', label: t('go.tab.meetings'), children: <MeetingsTab orgUnitId={orgUnitId} /> },
        { key: 'risks', label: t('go.tab.risks'), children: <RisksTab orgUnitId={orgUnitId} /> },
        { key: 'budget', label: t('go.tab.budget'), children: <BudgetTab orgUnitId={orgUnitId} year={year} /> },
        { key: 'stations', label: t('go.tab.stations'), children: <StationsTab orgUnitId={orgUnitId} /> },
        { key: 'police', label: t('go.tab.police'), children: <PoliceTab orgUnitId={orgUnitId} year={year} /> },
      ]
    : [{ key: 'police', label: t('go.tab.police'), children: <PoliceTab orgUnitId={orgUnitId} year={year} /> }];
  return (
    <>
      <PageHeader
        title={t('go.title')}
        extra={
          <Flex wrap gap={8}>
            <OrgTreeSelect value={orgUnitId} onChange={setOrgUnitId} allowClear placeholder={t('go.unit')} style={{ minWidth: 220 }} />
            <InputNumber aria-label={t('go.year')} value={year} min={2000} max={today().year()} onChange={(v) => v && setYear(v)} addonBefore={t('go.year')} />
          </Flex>
        }
      />
      <Card>
        <Tabs activeKey={tab} onChange={(k) => navigate(`/governance-ops/${k}`)} items={items} destroyOnHidden />
      </Card>
    </>
  );
}
