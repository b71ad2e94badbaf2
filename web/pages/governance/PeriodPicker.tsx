import { DatePicker, Select, Space } from 'antd';
import { periodContaining, periodKinds, type PeriodKind } from '../../../core/rules/targets';
import { afterToday, fromIsoDate, toIsoDate, todayIso } from '../../components/dates';
import { useLabel } from '../../components/useLabel';
import { useI18n } from '../../i18n/I18nProvider';

/** A week, month, quarter, year (the rollups keep these) or custom range; no period starting after today. */
export function PeriodPicker({ kind, from, to, onChange }: { kind: PeriodKind; from: string; to: string; onChange: (p: { from: string; to: string }) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const pickKind = (k: PeriodKind) => (k === 'custom' ? onChange({ from, to: to > todayIso() ? todayIso() : to }) : onChange(periodContaining(k, from)));
  return (
    <Space wrap>
      <Select
        aria-label={t('gv.periodKind')}
        value={kind}
        onChange={pickKind}
        style={{ width: 110 }}
        options={periodKinds.map((k) => ({ value: k, label: label('periodKind', k) }))}
        data-testid="gv-period-kind"
      />
      {kind === 'custom' ? (
        <DatePicker.RangePicker
          value={[fromIsoDate(from)!, fromIsoDate(to)!]}
          disabledDate={afterToday}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && onChange({ from: toIsoDate(v[0])!, to: toIsoDate(v[1])! })}
        />
      ) : (
        <DatePicker
          picker={kind === 'month' ? 'month' : kind === 'quarter' ? 'quarter' : kind === 'year' ? 'year' : 'week'}
          value={fromIsoDate(from)}
          disabledDate={afterToday}
          allowClear={false}
          onChange={(v) => v && onChange(periodContaining(kind, toIsoDate(v)!))}
        />
      )}
    </Space>
  );
}
