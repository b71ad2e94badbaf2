import { useState } from 'react';
import { Button, Card, Flex, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assessmentApi, assessmentKeys, type QuarterlyView, type RulesView } from '../../api/assessment';
import { useCan } from '../../api/me';
import { definitionOf, indicatorCodes, type IndicatorCode } from '../../../core/rules/indicators';
import { milestonePointStates, previousQuarter, quarterOf } from '../../../core/rules/quarterly-assessment';
import { todayIso } from '../../components/dates';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

type UnitRow = QuarterlyView['units'][number];

/** The quarters one can pick: the one under way and the seven before it. */
function recentQuarters(): string[] {
  const out = [quarterOf(todayIso())];
  while (out.length < 8) out.push(previousQuarter(out.at(-1)!));
  return out;
}

/** 季度考核 (issue 15 item 5): the child units of a unit scored for a quarter and ranked; the district office edits the rules. */
export function AssessmentTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t, pick } = useI18n();
  const quarters = recentQuarters();
  // The last complete quarter: what a 季考核 is usually about.
  const [quarter, setQuarter] = useState(quarters[1]!);
  const q = useQuery({ queryKey: assessmentKeys.quarterly(orgUnitId, quarter), queryFn: () => assessmentApi.quarterly(orgUnitId, quarter) });
  const v = q.data;
  const codes = v ? indicatorCodes.filter((c) => (v.rules.weights[c] ?? 0) > 0) : [];
  const pointsCell = (code: IndicatorCode) => (_: unknown, u: UnitRow) => {
    const s = u.indicators.find((x) => x.code === code)!;
    if (!s.scored) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <Tooltip title={`${s.value ?? '—'} / ${s.target ?? '—'}`}>
        <span>{s.points}</span>
      </Tooltip>
    );
  };
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('as.quarter')}
          value={quarter}
          onChange={setQuarter}
          options={quarters.map((x) => ({ value: x, label: x }))}
          style={{ width: 130 }}
          data-testid="as-quarter"
        />
        <Button icon={<DownloadOutlined />} href={assessmentApi.fileUrl('xlsx', orgUnitId, quarter)}>
          {t('as.xlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={assessmentApi.fileUrl('docx', orgUnitId, quarter)}>
          {t('as.docx')}
        </Button>
      </Flex>
      {v && (
        <Typography.Paragraph type="secondary">
          {v.orgUnit.name} · {v.from} – {v.to} · {t('as.howScored', { share: v.rules.milestoneShare })}
        </Typography.Paragraph>
      )}
      <div data-testid="as-ranking">
        <Table<UnitRow>
          rowKey={(u) => u.orgUnit.id}
          size="small"
          loading={q.isPending}
          dataSource={v?.units ?? []}
          pagination={false}
          scroll={{ x: 600 + codes.length * 90 }}
          columns={[
            { title: t('as.rank'), dataIndex: 'rank', width: 64, fixed: 'left', render: (r: number | null) => r ?? '—' },
            { title: t('as.unit'), dataIndex: ['orgUnit', 'name'], width: 160, fixed: 'left' },
            {
              title: t('as.total'),
              dataIndex: 'total',
              width: 80,
              render: (x: number | null) => (x === null ? <Tag>{t('as.noTotal')}</Tag> : <Typography.Text strong>{x}</Typography.Text>),
            },
            ...codes.map((c) => ({ key: c, title: <Tooltip title={pick(definitionOf(c).name)}>{c}</Tooltip>, width: 80, render: pointsCell(c) })),
          ]}
        />
      </div>
      {v && <RulesEditor key={`${v.orgUnit.id}:${v.rules.updatedAt ?? ''}`} rules={v.rules} />}
    </>
  );
}

/** The weights per indicator and the milestone points, edited by the district office (target.manage). */
function RulesEditor({ rules }: { rules: RulesView }) {
  const { t, pick } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const can = useCan();
  const client = useQueryClient();
  const [weights, setWeights] = useState<Record<string, number>>(rules.weights);
  const [share, setShare] = useState(rules.milestoneShare);
  const [points, setPoints] = useState(rules.milestonePoints);
  const save = useMutation({
    mutationFn: () => assessmentApi.setRules({ orgUnitId: rules.orgUnit.id, weights, milestoneShare: share, milestonePoints: points }),
    onSuccess: () => {
      notify.success(t('as.rules.saved'));
      void client.invalidateQueries({ queryKey: assessmentKeys.all });
    },
    onError: notify.error,
  });
  const editable = can('target.manage');
  const scorable = indicatorCodes.filter((c) => !definitionOf(c).noData);
  return (
    <Card size="small" title={t('as.rules.title')} style={{ marginTop: 16 }} data-testid="as-rules">
      <Typography.Paragraph type="secondary">{t('as.rules.origin', { origin: label('rulesOrigin', rules.origin) })}</Typography.Paragraph>
      <Flex wrap gap={12}>
        {scorable.map((c) => (
          <Space key={c} direction="vertical" size={2} style={{ width: 120 }}>
            <Typography.Text ellipsis={{ tooltip: pick(definitionOf(c).name) }}>{`${c} ${pick(definitionOf(c).name)}`}</Typography.Text>
            <InputNumber
              aria-label={`${c} ${t('as.rules.weight')}`}
              size="small"
              min={0}
              max={1000}
              disabled={!editable}
              value={weights[c] ?? 0}
              onChange={(x) => setWeights((w) => ({ ...w, [c]: x ?? 0 }))}
            />
          </Space>
        ))}
      </Flex>
      <Flex wrap gap={16} style={{ marginTop: 12 }} align="end">
        <Space direction="vertical" size={2}>
          <Typography.Text>{t('as.rules.milestoneShare')}</Typography.Text>
          <InputNumber aria-label={t('as.rules.milestoneShare')} size="small" min={0} max={100} disabled={!editable} value={share} onChange={(x) => setShare(x ?? 0)} />
        </Space>
        {milestonePointStates.map((s) => (
          <Space key={s} direction="vertical" size={2}>
            <Typography.Text>{label('progressState', s)}</Typography.Text>
            <InputNumber
              aria-label={`${t('as.rules.milestonePoints')} ${label('progressState', s)}`}
              size="small"
              min={0}
              max={100}
              disabled={!editable}
              value={points[s]}
              onChange={(x) => setPoints((p) => ({ ...p, [s]: x ?? 0 }))}
            />
          </Space>
        ))}
        {editable && (
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
            {t('as.rules.save')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
