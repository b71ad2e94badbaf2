import { useState, type ReactNode } from 'react';
import { Alert, Button, Drawer } from 'antd';
import type { CreateRecord } from '../../api/supervision';
import { lastServerTime } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';
import { enqueue, keepBesideOther } from '../../offline/sync';
import type { FieldTask } from './useFieldDay';
import type { MergeDraft } from './FieldVisitSheet';

/**
 * Keeps a field record on the device, whatever the signal (issue 17 §2): a merged draft beside
 * the other version (§3), else a new outbox entry resting on the server's last answer.
 */
export function useDeviceSave(task: Pick<FieldTask, 'personId' | 'personName'>, draft: MergeDraft | undefined, onClose: () => void) {
  const { t } = useI18n();
  const notify = useNotify();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (build: () => CreateRecord) => {
    setSaving(true);
    setProblem(null);
    try {
      const body = build();
      if (draft) await keepBesideOther(draft.seq, { ...body, basis: draft.body.basis });
      else {
        // What the device's view rests on: the server's time of its last answer (issue 17 §3).
        const asOf = lastServerTime();
        await enqueue({ personId: task.personId, personName: task.personName, body: { ...body, ...(asOf ? { basis: { asOf } } : {}) } });
      }
      notify.success(t('field.savedOnDevice'));
      onClose();
    } catch (e) {
      setProblem(t('field.saveFailed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problem, save };
}

/** The phone's bottom sheet of a field record: its title, what went wrong, the save button under the thumb. */
export function FieldSheet({
  title,
  saving,
  problem,
  onSave,
  onClose,
  children,
}: {
  title: string;
  saving: boolean;
  problem: string | null;
  onSave: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open
      placement="bottom"
      size="100%"
      title={title}
      onClose={onClose}
      destroyOnHidden
      className="field-sheet"
      footer={
        <Button type="primary" size="large" block loading={saving} onClick={onSave} className="field-save">
          {t('field.save')}
        </Button>
      }
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      {children}
    </Drawer>
  );
}
