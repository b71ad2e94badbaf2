import { useState } from 'react';
import { Card, Steps } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider';
import { PageHeader } from '../../components/PageHeader';
import { ImportUnitStep } from './ImportUnitStep';
import { ImportFileStep } from './ImportFileStep';
import { ImportResult } from './ImportResult';

/**
 * 导入台账 in three steps: template and target unit, the file, then progress and the row report.
 * The job id lives in the address, so a reload keeps following the same import.
 */
export default function ImportPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [orgUnitId, setOrgUnitId] = useState<string>();
  const [step, setStep] = useState<0 | 1>(0);
  const current = jobId ? 2 : step;
  return (
    <>
      <PageHeader title={t('import.title')} />
      <Card>
        <Steps
          current={current}
          size="small"
          responsive={false}
          titlePlacement="vertical"
          style={{ marginBottom: 24 }}
          items={[{ title: t('import.stepUnit') }, { title: t('import.stepFile') }, { title: t('import.stepResult') }]}
        />
        {current === 0 && (
          <ImportUnitStep
            value={orgUnitId}
            onNext={(id) => {
              setOrgUnitId(id);
              setStep(1);
            }}
          />
        )}
        {current === 1 && orgUnitId && <ImportFileStep orgUnitId={orgUnitId} onBack={() => setStep(0)} onStarted={(id) => setParams({ job: id })} />}
        {current === 2 && jobId && (
          <ImportResult
            jobId={jobId}
            onAgain={() => {
              setStep(1);
              setParams({});
            }}
          />
        )}
      </Card>
    </>
  );
}
