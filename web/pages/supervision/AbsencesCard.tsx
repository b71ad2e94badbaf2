import { useState } from 'react';
import { Button, Card, Flex, Grid, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { AbsenceView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { AbsenceModal } from './AbsenceModal';

/** Stays away and in hospital: unapproved days (C5) and departures without permission (C4). */
export function AbsencesCard({ personId, absences, loading }: { personId: string; absences: AbsenceView[]; loading: boolean }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [dialog, setDialog] = useState<AbsenceView | 'new' | null>(null);
  const write = can('supervision.write');
  const mobile = Grid.useBreakpoint().md === false;
  const range = (a: AbsenceView) => (
    <span>
      {a.from} ~ {a.to ?? <Typography.Text type="warning">{t('sv.absence.ongoing')}</Typography.Text>}
    </span>
  );
  const breach = (a: AbsenceView) => (
    <Flex wrap gap={4}>
      {a.uncoveredDays > 0 && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('sv.absence.uncovered', { n: a.uncoveredDays })}
        </Tag>
      )}
      {a.unauthorisedDeparture && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('sv.absence.departure')}
        </Tag>
      )}
    </Flex>
  );
  const close = (a: AbsenceView) =>
    write && !a.to ? (
      <Button size="small" onClick={() => setDialog(a)}>
        {t('sv.absence.close')}
      </Button>
    ) : null;
  return (
    <Card
      size="small"
      title={t('sv.absence.title')}
      data-testid="person-absences"
      extra={
        write && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('new')}>
            {t('sv.absence.add')}
          </Button>
        )
      }
    >
      <Table<AbsenceView>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={absences}
        scroll={mobile ? undefined : { x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: t('sv.absence.empty') }}
        showHeader={!mobile}
        columns={
          mobile
            ? [
                {
                  key: 'absence',
                  render: (_, a) => (
                    <Flex vertical gap={4}>
                      <Flex justify="space-between" align="center" gap={8}>
                        <span>
                          <Tag>{label('absenceKind', a.kind)}</Tag>
                          {range(a)}
                        </span>
                        {close(a)}
                      </Flex>
                      {breach(a)}
                      {a.note && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {a.note}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
                },
              ]
            : [
                { title: t('sv.absence.kind'), dataIndex: 'kind', render: (k: AbsenceView['kind']) => <Tag>{label('absenceKind', k)}</Tag> },
                { title: t('sv.absence.range'), key: 'range', render: (_, a) => range(a) },
                { title: t('sv.absence.breach'), key: 'breach', render: (_, a) => breach(a) },
                { title: t('sv.absence.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
                { title: t('common.actions'), key: 'actions', render: (_, a) => close(a) },
              ]
        }
      />
      {dialog && <AbsenceModal personId={personId} absence={dialog === 'new' ? undefined : dialog} onClose={() => setDialog(null)} />}
    </Card>
  );
}
