import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { RollbackOutlined, TeamOutlined } from '@ant-design/icons';
import type { PersonView } from '../../api/persons';
import { useCan } from '../../api/me';
import { useOrgUnits } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { OrgLevelTag } from '../../components/OrgLevelTag';
import { AssignModal } from './AssignModal';
import { ReturnToStreetModal } from './ReturnToStreetModal';

/** Who is responsible (C3): the unit, the social worker, the work team; assign and send back. */
export function AssignmentCard({ person }: { person: PersonView }) {
  const { t } = useI18n();
  const can = useCan();
  const label = useLabel();
  const units = useOrgUnits(can('org.read'));
  const unit = units.data?.find((u) => u.id === person.orgUnitId);
  const [dialog, setDialog] = useState<'assign' | 'return' | null>(null);
  // Only a community (or a grid in it) sends a person back up; unknown level: let the server decide.
  const canReturn = !unit || unit.level === 'community' || unit.level === 'grid';
  return (
    <Card
      size="small"
      title={t('person.assignment')}
      extra={
        can('person.write') && (
          <Flex wrap gap={8} justify="flex-end">
            <Button size="small" icon={<TeamOutlined />} onClick={() => setDialog('assign')}>
              {t('person.assign')}
            </Button>
            {canReturn && (
              <Button size="small" icon={<RollbackOutlined />} onClick={() => setDialog('return')}>
                {t('person.returnToStreet')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('person.community')}>
          {unit && <OrgLevelTag level={unit.level} />}
          {person.orgUnitName}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.worker')}>
          {person.responsibleWorkerName ?? <Typography.Text type="secondary">{t('person.noWorker')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('person.workTeam')} span={2}>
          {person.workTeam.length === 0 ? (
            '—'
          ) : (
            <Flex wrap gap={4}>
              {person.workTeam.map((m, i) => (
                <Tag key={i}>
                  {label('teamRole', m.role)}
                  {t('common.colon')}
                  {m.name}
                  {m.phone ? ` ${m.phone}` : ''}
                </Tag>
              ))}
            </Flex>
          )}
        </Descriptions.Item>
      </Descriptions>
      {dialog === 'assign' && <AssignModal person={person} onClose={() => setDialog(null)} />}
      {dialog === 'return' && <ReturnToStreetModal person={person} onClose={() => setDialog(null)} />}
    </Card>
  );
}
