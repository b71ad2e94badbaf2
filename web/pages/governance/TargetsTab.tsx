import { useState } from 'react';
import { Button, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { governanceApi, governanceKeys, type TargetsView } from '../../api/governance';
import { useCan } from '../../api/me';
import { definitionOf, type IndicatorCode } from '../../../core/rules/indicators';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const stateColour = { on_track: 'success', met: 'success', at_risk: 'warning', missed: 'error', no_data: 'default' } as const;
type Row = TargetsView['items'][number];

/** The year's baselines and targets with their progress and milestones; the district office edits them. */
export function TargetsTab({ orgUnitId, year }: { orgUnitId?: string; year: number }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const can = useCan();
  const client = useQueryClient();
  const q = useQuery({ queryKey: governanceKeys.targets(orgUnitId, year), queryFn: () => governanceApi.targets(orgUnitId, year) });
  const [edits, setEdits] = useState<Partial<Record<IndicatorCode, { baseline: number | null; target: number | null }>>>({});
  const save = useMutation({
    mutationFn: () =>
      governanceApi.setTargets({
        orgUnitId: q.data!.orgUnit.id,
        year,
        items: Object.entries(edits).map(([code, v]) => ({ code: code as IndicatorCode, baseline: v!.baseline, target: v!.target })),
      }),
    onSuccess: () => {
      setEdits({});
      notify.success(t('gv.targets.saved'));
      void client.invalidateQueries({ queryKey: governanceKeys.all });
    },
    onError: notify.error,
  });
  const editable = can('target.manage');
  const edit = (r: Row, key: 'baseline' | 'target', value: number | null) =>
    setEdits((e) => ({ ...e, [r.code]: { baseline: e[r.code]?.baseline ?? r.baseline, target: e[r.code]?.target ?? r.target, [key]: value } }));
  const numberCell = (key: 'baseline' | 'target') => (v: number | null, r: Row) =>
    editable && !definitionOf(r.code).noData ? (
      <InputNumber aria-label={`${r.code} ${key}`} size="small" value={edits[r.code]?.[key] ?? v} onChange={(x) => edit(r, key, x)} style={{ width: 90 }} />
    ) : (
      (v ?? '—')
    );
  const d = q.data;
  return (
    <>
      {d && <Typography.Paragraph type="secondary">{t('gv.targets.plan', { start: d.plan.startDate, phase: label('planPhase', d.plan.phase) })}</Typography.Paragraph>}
      <Table<Row>
        rowKey="code"
        size="small"
        loading={q.isPending}
        dataSource={d?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('gv.targets.indicator'), dataIndex: 'code', render: (c: IndicatorCode) => `${c} ${pick(definitionOf(c).name)}` },
          { title: t('gv.targets.baseline'), dataIndex: 'baseline', render: numberCell('baseline') },
          { title: t('gv.target'), dataIndex: 'target', render: numberCell('target') },
          { title: t('gv.targets.origin'), dataIndex: 'origin', render: (o: Row['origin']) => label('targetOrigin', o) },
          { title: t('gv.targets.value'), dataIndex: 'value', render: (v: number | null) => v ?? '—' },
          { title: t('gv.targets.state'), dataIndex: 'state', render: (s: Row['state']) => <Tag color={stateColour[s]}>{label('progressState', s)}</Tag> },
          {
            title: t('gv.targets.milestones'),
            dataIndex: 'milestones',
            render: (ms: Row['milestones']) => (
              <Space size={2} wrap>
                {ms.map((m) => (
                  <Tooltip key={m.month} title={`${m.due} · ${label('progressState', m.state)}`}>
                    <Tag color={stateColour[m.state]}>{`${m.month}: ${m.goal ?? '—'}`}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {editable && (
        <Button type="primary" style={{ marginTop: 12 }} disabled={!Object.keys(edits).length} loading={save.isPending} onClick={() => save.mutate()}>
          {t('gv.targets.save')}
        </Button>
      )}
    </>
  );
}
