import { useState } from 'react';
import { Input, Select } from 'antd';
import type { OrgUnit } from '../../api/org';
import type { WorkerOption } from '../../api/workers';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useUnitScope } from '../../components/useUnitScope';
import { measureKinds, personStatuses, riskLevels } from '../../components/codes';
import type { PersonFilter } from './usePersonFilter';

// Two selects a row on a phone, a single row on a wide screen.
const grow = { flex: '1 1 120px', minWidth: 0, maxWidth: 200 };

export function PersonFilters({ filter, onChange, workers }: { filter: PersonFilter; onChange: (f: Partial<PersonFilter>) => void; workers: WorkerOption[] }) {
  const { t } = useI18n();
  const label = useLabel();
  const inScope = useUnitScope();
  const outside = (u: OrgUnit) => !inScope(u, 'person.read');
  // The box follows the address (back, a menu click) and the user's typing: when the address
  // changes, the text is reset during the render (no effect, so no second render).
  const [text, setText] = useState(filter.q ?? '');
  const [shownQ, setShownQ] = useState(filter.q);
  if (filter.q !== shownQ) {
    setShownQ(filter.q);
    setText(filter.q ?? '');
  }
  return (
    <>
      <Input.Search
        allowClear
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('persons.search')}
        title={t('persons.searchHint')}
        aria-label={t('persons.searchHint')}
        enterButton
        onSearch={(v) => onChange({ q: v.trim() || undefined })}
        style={{ flex: '2 1 300px', minWidth: 0, maxWidth: 420 }}
      />
      <Select
        allowClear
        placeholder={t('persons.filterStatus')}
        aria-label={t('persons.filterStatus')}
        value={filter.status}
        onChange={(v?: string) => onChange({ status: v })}
        options={personStatuses.map((s) => ({ value: s, label: label('personStatus', s) }))}
        style={grow}
      />
      <Select
        allowClear
        placeholder={t('persons.filterMeasure')}
        aria-label={t('persons.filterMeasure')}
        value={filter.measureKind}
        onChange={(v?: string) => onChange({ measureKind: v })}
        options={measureKinds.map((k) => ({ value: k, label: label('measureKind', k) }))}
        style={grow}
      />
      <Select
        allowClear
        placeholder={t('persons.filterRisk')}
        aria-label={t('persons.filterRisk')}
        value={filter.riskLevel}
        onChange={(v?: PersonFilter['riskLevel']) => onChange({ riskLevel: v })}
        options={riskLevels.map((r) => ({ value: r, label: label('riskLevel', r) }))}
        style={grow}
      />
      <OrgTreeSelect allowClear placeholder={t('persons.filterUnit')} value={filter.orgUnitId} onChange={(v) => onChange({ orgUnitId: v })} disabled={outside} style={grow} />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('persons.filterWorker')}
        aria-label={t('persons.filterWorker')}
        value={filter.workerId}
        onChange={(v?: string) => onChange({ workerId: v })}
        options={workers.map((w) => ({ value: w.id, label: w.name }))}
        style={grow}
      />
    </>
  );
}
