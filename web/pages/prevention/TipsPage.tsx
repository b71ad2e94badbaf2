import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { codesOf } from '../../../core/labels';
import { surveyApi, surveyKeys, type TipView } from '../../api/public';
import { PageHeader } from '../../components/PageHeader';
import { useLabel } from '../../components/useLabel';
import { useNotify } from '../../components/useNotify';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';

/** 举报线索: tips routed to the units in scope; who gave a tip shows for the police role only (the server leaves it out otherwise). */
export default function TipsPage() {
  const { t } = useI18n();
  const label = useLabel();
  const notify = useNotify();
  const qc = useQueryClient();
  const handles = useCan()('tip.handle');
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: surveyKeys.tips({ status, page }), queryFn: () => surveyApi.tips({ status, limit: 20, offset: (page - 1) * 20 }) });
  const move = useMutation({
    mutationFn: ({ id, to }: { id: string; to: string }) => surveyApi.setTipStatus(id, to),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['tips'] }),
    onError: notify.error,
  });
  const next = (s: TipView['status']) => (s === 'received' ? 'verified' : s === 'verified' ? 'closed' : null);
  return (
    <>
      <PageHeader
        title={t('tips.title')}
        extra={
          <Select allowClear style={{ width: 160 }} value={status} onChange={setStatus} options={codesOf('tipStatus').map((c) => ({ value: c, label: label('tipStatus', c) }))} />
        }
      />
      <Card>
        <Table<TipView>
          rowKey="id"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('pub.tip.category'), render: (_v, r) => label('tipCategory', r.category) },
            { title: t('pub.tip.description'), dataIndex: 'description', width: 320 },
            { title: t('pub.tip.place'), dataIndex: 'place' },
            { title: t('pv.unit'), dataIndex: 'orgUnitName' },
            ...(handles
              ? [
                  {
                    title: t('tips.tipster'),
                    render: (_v: unknown, r: TipView) => (r.anonymous ? <Tag>{t('tips.anonymous')}</Tag> : `${r.tipster?.name ?? ''} ${r.tipster?.phone ?? ''}`),
                  },
                ]
              : []),
            { title: t('pub.tip.check'), render: (_v, r) => <Tag>{label('tipStatus', r.status)}</Tag> },
            ...(handles
              ? [
                  {
                    title: '',
                    render: (_v: unknown, r: TipView) => {
                      const to = next(r.status);
                      return to ? (
                        <Space>
                          <Button size="small" onClick={() => move.mutate({ id: r.id, to })}>
                            {to === 'verified' ? t('tips.verify') : t('tips.close')}
                          </Button>
                        </Space>
                      ) : null;
                    },
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
