import { useState } from 'react';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import type { EducationView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { EducationDoneModal } from './EducationDoneModal';

/** Ordinary breaches (C6): each calls for criticism and education, recorded when held. */
export function EducationCard({ items }: { items: EducationView[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const [open, setOpen] = useState<EducationView | null>(null);
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('sv.education.title')} data-testid="person-education">
      <Flex vertical gap={8}>
        {items.map((e) => (
          <Flex key={e.id} justify="space-between" align="center" gap={8} wrap>
            <Flex vertical style={{ minWidth: 0 }}>
              <span>
                <Tag color="orange">{label('educationReason', e.reason)}</Tag>
                {e.factDate}
              </span>
              {e.conductedOn && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sv.education.conducted', { date: e.conductedOn })}
                  {e.note ? ` · ${e.note}` : ''}
                </Typography.Text>
              )}
            </Flex>
            {e.conductedOn ? (
              <Tag color="green">{t('sv.education.conducted', { date: e.conductedOn })}</Tag>
            ) : can('supervision.write') ? (
              <Button size="small" onClick={() => setOpen(e)}>
                {t('sv.education.done')}
              </Button>
            ) : (
              <Tag color="gold">{t('sv.education.pending')}</Tag>
            )}
          </Flex>
        ))}
      </Flex>
      {open && <EducationDoneModal record={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
