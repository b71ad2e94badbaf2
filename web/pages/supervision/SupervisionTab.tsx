import { Button, Card, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { PersonView } from '../../api/persons';
import { supervisionApi, supervisionKeys, type TaskView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { AbsencesCard } from './AbsencesCard';
import { BreachCard } from './BreachCard';
import { EducationCard } from './EducationCard';
import { LeavesCard } from './LeavesCard';
import { NoticeTable } from './NoticeTable';
import { RecordsCard } from './RecordsCard';
import { TasksCard } from './TasksCard';
import { useRecordFlow } from './useRecordFlow';

/**
 * 管控记录 on the person's page: the breach summary (C5) with notices and education, the tasks,
 * the records (add, print), leave (C4) and absences.
 */
export function SupervisionTab({ person }: { person: PersonView }) {
  const { t } = useI18n();
  const can = useCan();
  const breaches = useQuery({ queryKey: supervisionKeys.breaches(person.id), queryFn: () => supervisionApi.breaches(person.id) });
  const record = useRecordFlow();
  const target = { personId: person.id, personName: person.name, orgUnitName: person.orgUnitName };
  const b = breaches.data;
  return (
    <Flex vertical gap={12}>
      {can('supervision.write') && (
        <Flex wrap gap={8}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => record.open(target)}>
            {t('sv.record.add')}
          </Button>
        </Flex>
      )}
      <BreachCard assessment={b?.assessment} loading={breaches.isPending} />
      {b && b.notices.length > 0 && (
        <Card size="small" title={t('sv.notices.ofPerson')} data-testid="person-notices">
          <NoticeTable items={b.notices} loading={breaches.isFetching} showPerson={false} />
        </Card>
      )}
      {b && <EducationCard items={b.education} />}
      <TasksCard personId={person.id} onRecord={(task: TaskView) => record.open(target, task)} />
      <RecordsCard personId={person.id} onCorrect={(r) => record.correct(target, r)} />
      <LeavesCard personId={person.id} orgUnitId={person.orgUnitId} />
      <AbsencesCard personId={person.id} absences={b?.absences ?? []} loading={breaches.isPending} />
      {record.dialogs}
    </Flex>
  );
}
