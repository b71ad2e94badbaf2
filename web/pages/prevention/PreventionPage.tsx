import { useState } from 'react';
import { Card, Flex, InputNumber, Tabs } from 'antd';
import { today } from '../../components/dates';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { IndicatorCards } from './IndicatorCards';
import { PublicityTab } from './PublicityTab';
import { VolunteersTab } from './VolunteersTab';
import { TrainingsTab } from './TrainingsTab';
import { SurveysTab } from './SurveysTab';
import { StaffTab } from './StaffTab';

/** 预防宣传: publicity by audience and reach, volunteers and their hours, staff trainings (issue 16). */
export default function PreventionPage() {
  const { t } = useI18n();
  const [orgUnitId, setOrgUnitId] = useState<string | undefined>();
  const [year, setYear] = useState(() => today().year());
  const period = { orgUnitId, from: `${year}-01-01`, to: `${year}-12-31` };
  return (
    <>
      <PageHeader
        title={t('pv.title')}
        extra={
          <Flex wrap gap={8}>
            <OrgTreeSelect value={orgUnitId} onChange={setOrgUnitId} allowClear placeholder={t('pv.unit')} style={{ minWidth: 220 }} />
            <InputNumber aria-label={t('pv.year')} value={year} min={2000} max={today().year()} onChange={(v) => v && setYear(v)} addonBefore={t('pv.year')} />
          </Flex>
        }
      />
      <IndicatorCards period={period} />
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            { key: 'publicity', label: t('pv.tab.publicity'), children: <PublicityTab period={period} /> },
            { key: 'volunteers', label: t('pv.tab.volunteers'), children: <VolunteersTab orgUnitId={orgUnitId} /> },
            { key: 'trainings', label: t('pv.tab.trainings'), children: <TrainingsTab period={period} /> },
            { key: 'surveys', label: t('pv.tab.surveys'), children: <SurveysTab orgUnitId={orgUnitId} /> },
            { key: 'staff', label: t('pv.tab.staff'), children: <StaffTab orgUnitId={orgUnitId} /> },
          ]}
        />
      </Card>
    </>
  );
}
