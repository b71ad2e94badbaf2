import { Alert, Button, Card, Flex, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { supervisionApi, type RecordView } from '../../api/supervision';
import { measuresApi } from '../../api/measures';
import { useI18n } from '../../i18n/I18nProvider';
import { useLabel } from '../../components/useLabel';
import { addDays } from '../../../core/rules/dates';
import { sameTaskKind } from '../../../core/rules/records';
import { RecordDetails } from '../supervision/RecordDetails';
import { dismiss, keepBesideOther } from '../../offline/sync';
import { isSuspensionClash, type OutboxItem } from '../../offline/outbox';

/** The record on this device as a record view, to show beside the server's (never sent in this shape). */
function draftView(item: OutboxItem): RecordView {
  const b = item.body!;
  return {
    id: item.key,
    personId: item.personId,
    measureId: '',
    kind: b.kind,
    date: b.date ?? '',
    place: b.place,
    recordedAt: item.recordedAt,
    recordedBy: item.userId,
    recordedByName: null,
    attachmentId: null,
    note: b.note ?? null,
    drugTest:
      b.kind === 'drug_test'
        ? { sample: b.sample ?? 'urine', method: b.method ?? 'on_site', result: b.result, tester: b.tester ?? null, retestOf: b.retestOf ?? null, random: b.random ?? false }
        : null,
    contactMode: 'form' in b ? (b.contactMode ?? 'in_person') : null,
    form: 'form' in b ? { ...b.form, needs: b.form.needs ?? [], warningSigns: b.form.warningSigns ?? [] } : null,
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
    supersededBy: null,
    correctsId: null,
  };
}

/**
 * Issue 17 §3: someone else recorded the same task while this device could not see the server.
 * Both are shown — theirs as the server holds it, his as the device holds it — and the worker
 * keeps his beside it, merges (edits his with theirs in view, then keeps it) or drops his. Nothing
 * is overwritten on either side.
 */
export function ClashCompare({ item, onMerge }: { item: OutboxItem; onMerge: (item: OutboxItem) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const mine = item.body!;
  const date = mine.date ?? item.recordedAt.slice(0, 10);
  const asOf = mine.basis?.asOf ?? item.recordedAt;
  const suspended = isSuspensionClash(item);
  const theirs = useQuery({
    enabled: !suspended,
    queryKey: ['clash', item.personId, item.key],
    queryFn: () => supervisionApi.records(item.personId, { from: addDays(date, -31), to: addDays(date, 31) }),
    select: (list) => list.items.filter((r) => !r.voidedAt && r.recordedBy !== item.userId && r.recordedAt > asOf && sameTaskKind(r.kind, mine.kind)),
  });
  return (
    <Flex vertical gap={8} data-testid="clash-compare">
      <Alert type="warning" showIcon title={t(suspended ? 'field.clashSuspendedHelp' : 'field.clashHelp')} />
      {suspended && <SuspensionCard personId={item.personId} date={date} />}
      <Spin spinning={!suspended && theirs.isPending}>
        {theirs.isError && <Alert type="error" title={t('common.loadFailed')} />}
        {(theirs.data ?? []).map((r) => (
          <Card
            key={r.id}
            size="small"
            title={t('field.clashTheirs', { name: r.recordedByName ?? '—', kind: label('recordKind', r.kind), date: r.date })}
            data-testid="clash-theirs"
          >
            <RecordDetails record={r} />
          </Card>
        ))}
      </Spin>
      <Card size="small" title={t('field.clashMine', { kind: label('recordKind', mine.kind), date })} data-testid="clash-mine">
        <RecordDetails record={draftView(item)} />
      </Card>
      <Flex gap={8} wrap>
        <Button size="large" type="primary" onClick={() => void keepBesideOther(item.seq)}>
          {t('field.clashKeep')}
        </Button>
        <Button size="large" onClick={() => onMerge(item)}>
          {t('field.clashMerge')}
        </Button>
        <Button size="large" danger onClick={() => void dismiss(item.seq)}>
          {t('field.clashDrop')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** The server's side of a suspension clash (C9): the measure as it stands, suspended over the record's date. */
function SuspensionCard({ personId, date }: { personId: string; date: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const measures = useQuery({ queryKey: ['clash', personId, 'measures'], queryFn: () => measuresApi.list(personId) });
  const hits = (measures.data?.items ?? []).flatMap((m) => m.suspensions.filter((s) => s.start <= date && (s.end === null || date < s.end)).map((s) => ({ m, s })));
  return (
    <Spin spinning={measures.isPending}>
      {measures.isError && <Alert type="error" title={t('common.loadFailed')} />}
      {hits.map(({ m, s }) => (
        <Card key={`${m.id}:${s.start}`} size="small" data-testid="clash-theirs" title={t('field.clashSuspended', { kind: label('measureKind', m.kind), date: s.start })}>
          {s.end ? t('field.clashSuspendedUntil', { date: s.end }) : t('field.clashSuspendedOpen')}
        </Card>
      ))}
    </Spin>
  );
}
