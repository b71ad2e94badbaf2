import { useState } from 'react';
import type { RecordResult, RecordView, TaskView } from '../../api/supervision';
import { RecordFormModal, type RecordTarget } from './RecordFormModal';
import { RecordOutcomeModal, needsOutcome } from './RecordOutcomeModal';

type Task = Pick<TaskView, 'kind' | 'dueDate' | 'windowStart' | 'windowEnd' | 'state'>;

/**
 * The record form and, after saving, what the record led to. `open` starts it for a person
 * (and a task); render `dialogs` once in the page.
 */
export function useRecordFlow() {
  const [form, setForm] = useState<{ target: RecordTarget; task?: Task; correcting?: RecordView } | null>(null);
  const [outcome, setOutcome] = useState<RecordResult | null>(null);
  const dialogs = (
    <>
      {form && (
        <RecordFormModal
          target={form.target}
          task={form.task}
          correcting={form.correcting}
          onClose={() => setForm(null)}
          onSaved={(r) => {
            setForm(null);
            if (needsOutcome(r)) setOutcome(r);
          }}
        />
      )}
      {outcome && <RecordOutcomeModal result={outcome} onClose={() => setOutcome(null)} />}
    </>
  );
  return {
    open: (target: RecordTarget, task?: Task) => setForm({ target, task }),
    /** Issue 9.14: correct a record (the old version is kept, voided, with the reason). */
    correct: (target: RecordTarget, record: RecordView) => setForm({ target, correcting: record }),
    dialogs,
  };
}
