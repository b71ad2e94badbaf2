import { Checkbox, Table, Tag, Upload } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { stationItems, type StationItem } from '../../../core/contracts/governance-ops';
import { govOpsApi, govOpsKeys, type StationView } from '../../api/governance-ops';
import { useCan } from '../../api/me';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useI18n } from '../../i18n/I18nProvider';

const completionColor = { not_started: 'default', partial: 'gold', complete: 'green' } as const;

/** The stations' 七有: one row per street station, one column per item, the evidence beside each tick. */
export function StationsTab({ orgUnitId }: { orgUnitId?: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const can = useCan();
  const notify = useNotify();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: govOpsKeys.stations(orgUnitId), queryFn: () => govOpsApi.stations(orgUnitId) });
  const set = useMutation({
    mutationFn: async (a: { unit: string; item: StationItem; done: boolean; file?: File; evidenceDocumentId: string | null }) => {
      const doc = a.file ? await govOpsApi.upload(a.unit, 'station_evidence', a.file) : undefined;
      return govOpsApi.setStationItem(a.unit, a.item, { done: a.done, evidenceDocumentId: doc?.id ?? a.evidenceDocumentId });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: govOpsKeys.all }),
    onError: notify.error,
  });
  const editable = can('govops.write');
  return (
    <Table<StationView>
      rowKey="orgUnitId"
      size="small"
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      data-testid="stations"
      scroll={{ x: true }}
      columns={[
        { title: t('go.station.name'), dataIndex: 'orgUnitName', fixed: 'left' },
        ...stationItems.map((item) => ({
          title: label('stationItem', item),
          key: item,
          render: (_: unknown, s: StationView) => {
            const i = s.items.find((x) => x.item === item)!;
            return (
              <span>
                <Checkbox
                  aria-label={`${s.orgUnitName} ${label('stationItem', item)}`}
                  checked={i.done}
                  disabled={!editable}
                  onChange={(e) => set.mutate({ unit: s.orgUnitId, item, done: e.target.checked, evidenceDocumentId: i.evidenceDocumentId })}
                />
                {i.evidenceDocumentId ? (
                  <a href={govOpsApi.documentUrl(i.evidenceDocumentId)} target="_blank" rel="noreferrer" title={t('go.station.evidence')} style={{ marginLeft: 4 }}>
                    <PaperClipOutlined />
                  </a>
                ) : (
                  editable && (
                    <Upload
                      showUploadList={false}
                      accept=".pdf,.jpg,.jpeg,.png"
                      beforeUpload={(file) => {
                        set.mutate({ unit: s.orgUnitId, item, done: i.done, file, evidenceDocumentId: null });
                        return false;
                      }}
                    >
                      <a title={t('go.station.evidence')} style={{ marginLeft: 4, color: '#999' }}>
                        <PaperClipOutlined />
                      </a>
                    </Upload>
                  )
                )}
              </span>
            );
          },
        })),
        {
          title: t('go.station.completion'),
          key: 'c',
          render: (_: unknown, s: StationView) => <Tag color={completionColor[s.completion]}>{`${label('stationCompletion', s.completion)} ${s.done}/7`}</Tag>,
        },
      ]}
    />
  );
}
