import { useState } from 'react';
import { Button, Empty, Flex } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { type MeasureEventType, type MeasureView } from '../../api/measures';
import type { DocumentKind } from '../../api/documents';
import type { PersonView } from '../../api/persons';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { MeasureCard } from './MeasureCard';
import { MeasureEventModal } from './MeasureEventModal';
import { NewMeasureModal } from './NewMeasureModal';
import { UploadDocumentModal } from './UploadDocumentModal';

type Dialog = { kind: 'new' } | { kind: 'event'; measure: MeasureView; type: MeasureEventType } | { kind: 'upload'; measure: MeasureView; docKind: DocumentKind };

/** 措施: the person's measures, newest first, with their lifecycle steps and document checklists. */
/** `measures` come with the person page (one request for the view). */
export function MeasuresTab({ person, measures: items }: { person: PersonView; measures: MeasureView[] }) {
  const { t } = useI18n();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  return (
    <Flex vertical gap={12}>
      {can('measure.write') && (
        <Flex>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'new' })}>
            {t('measures.add')}
          </Button>
        </Flex>
      )}
      {items.length === 0 && <Empty description={t('measures.empty')} />}
      {items.map((m) => (
        <MeasureCard
          key={m.id}
          measure={m}
          onEvent={(type) => setDialog({ kind: 'event', measure: m, type })}
          onUpload={(docKind) => setDialog({ kind: 'upload', measure: m, docKind })}
        />
      ))}
      {dialog?.kind === 'new' && <NewMeasureModal personId={person.id} measures={items} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'event' && <MeasureEventModal measure={dialog.measure} type={dialog.type} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'upload' && (
        <UploadDocumentModal personId={person.id} measures={items} preset={{ kind: dialog.docKind, measureId: dialog.measure.id }} onClose={() => setDialog(null)} />
      )}
    </Flex>
  );
}
