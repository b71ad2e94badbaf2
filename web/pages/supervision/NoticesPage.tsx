import { useState } from 'react';
import { Button, Card, Flex, Segmented } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { supervisionApi, supervisionKeys } from '../../api/supervision';
import { useI18n } from '../../i18n/I18nProvider';
import { PageHeader } from '../../components/PageHeader';
import { NoticeTable } from './NoticeTable';

type State = 'open' | 'acknowledged' | 'all';
const states: State[] = ['open', 'acknowledged', 'all'];

/** 通报: notices to the police of persons in my units (C6), to deliver and to acknowledge. */
export default function NoticesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const state: State = states.find((s) => s === params.get('state')) ?? 'open';
  const [page, setPage] = useState({ page: 1, size: 20 });
  const query = { state, limit: page.size, offset: (page.page - 1) * page.size };
  const list = useQuery({ queryKey: supervisionKeys.noticeList(query), queryFn: () => supervisionApi.notices(query), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader
        title={t('sv.notices.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} aria-label={t('common.refresh')}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented<State>
            value={state}
            onChange={(s) => {
              setPage((p) => ({ ...p, page: 1 }));
              setParams(s === 'open' ? {} : { state: s }, { replace: true });
            }}
            options={[
              { value: 'open', label: t('sv.notices.stateOpen') },
              { value: 'acknowledged', label: t('sv.notices.stateAcknowledged') },
              { value: 'all', label: t('sv.notices.stateAll') },
            ]}
          />
        </Flex>
        <NoticeTable
          items={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{ page: page.page, size: page.size, total: list.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, size: s }) }}
        />
      </Card>
    </>
  );
}
