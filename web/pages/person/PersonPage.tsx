import { useState } from 'react';
import { Button, Card, Flex, Result, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { personsApi, type Unmasked } from '../../api/persons';
import { ApiError } from '../../api/client';
import { keys } from '../../api/keys';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { PageSpin } from '../../components/PageSpin';
import { PersonStatusTag } from '../../components/PersonStatusTag';
import { RiskBadge } from '../warnings/RiskBadge';
import { PersonFormDrawer } from '../persons/PersonFormDrawer';
import { PersonBasicTab } from './PersonBasicTab';
import { MeasuresTab } from './MeasuresTab';
import { DocumentsTab } from './DocumentsTab';
import { TimelineTab } from './TimelineTab';
import { UnmaskModal } from './UnmaskModal';
import { ClearDetailsModal } from './ClearDetailsModal';
import { SupervisionTab } from '../supervision/SupervisionTab';
import { AssistanceTab } from '../assistance/AssistanceTab';
import { OfferTransferModal } from '../transfers/RequestTransferModal';

const tabKeys = ['basic', 'measures', 'documents', 'timeline', 'supervision', 'assistance'] as const;
type TabKey = (typeof tabKeys)[number];

export default function PersonPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  // One request and one audit row for the whole view (issue 11.2); a change to the file
  // invalidates the person's key, under which this one lives.
  const person = useQuery({ queryKey: keys.personPage(id), queryFn: () => personsApi.page(id) });
  const [clear, setClear] = useState<Unmasked | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'unmask' | 'clear' | 'transfer' | null>(null);
  const tab: TabKey = tabKeys.find((k) => k === params.get('tab')) ?? 'basic';

  if (person.isPending) return <PageSpin />;
  if (person.isError) {
    const notFound = person.error instanceof ApiError && person.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('person.loadFailed') : person.error instanceof ApiError ? pick(person.error.messages) : t('common.loadFailed')}
        extra={<Button onClick={() => navigate('/persons')}>{t('common.back')}</Button>}
      />
    );
  }
  const { person: p, measures, timeline } = person.data;
  const docs = can('document.read');
  return (
    <>
      <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 16 }}>
        <Flex align="center" wrap gap={8} style={{ minWidth: 0 }}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => navigate(-1)} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {p.name}
          </Typography.Title>
          <PersonStatusTag status={p.status} />
          <RiskBadge personId={p.id} level={p.riskLevel} overridable />
        </Flex>
        {can('person.write') && <Button onClick={() => setDialog('transfer')}>{t('tr.offer')}</Button>}
        {can('person.access_report') && <Button onClick={() => navigate(`/persons/${p.id}/access-report`)}>{t('sl.report.button')}</Button>}
      </Flex>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          className="sf-wrap-tabs"
          activeKey={tab}
          onChange={(k) => setParams(k === 'basic' ? {} : { tab: k }, { replace: true })}
          items={[
            {
              key: 'basic',
              label: t('person.tabBasic'),
              children: <PersonBasicTab person={p} onUnmask={() => setDialog(clear ? 'clear' : 'unmask')} onEdit={() => setDialog('edit')} />,
            },
            { key: 'measures', label: t('person.tabMeasures'), children: <MeasuresTab person={p} measures={measures} /> },
            ...(docs ? [{ key: 'documents', label: t('person.tabDocuments'), children: <DocumentsTab personId={p.id} measures={measures} /> }] : []),
            ...(can('supervision.read') ? [{ key: 'supervision', label: t('sv.tab'), children: <SupervisionTab person={p} /> }] : []),
            ...(can('assistance.read') ? [{ key: 'assistance', label: t('as.tab'), children: <AssistanceTab person={p} /> }] : []),
            { key: 'timeline', label: t('person.tabTimeline'), children: <TimelineTab personId={p.id} first={timeline} /> },
          ]}
        />
      </Card>
      {dialog === 'unmask' && (
        <UnmaskModal
          personId={p.id}
          onClose={() => setDialog(null)}
          onDone={(c) => {
            setClear(c);
            setDialog('clear');
          }}
        />
      )}
      {dialog === 'transfer' && <OfferTransferModal personId={p.id} onClose={() => setDialog(null)} />}
      {dialog === 'clear' && clear && <ClearDetailsModal name={p.name} clear={clear} onClose={() => setDialog(null)} />}
      {dialog === 'edit' && (
        <PersonFormDrawer
          person={p}
          clear={clear}
          onClear={setClear}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void queryClient.invalidateQueries({ queryKey: keys.person(p.id) });
          }}
        />
      )}
    </>
  );
}
