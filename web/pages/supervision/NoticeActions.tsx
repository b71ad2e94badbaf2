import { useState } from 'react';
import { Button, Flex, Popconfirm } from 'antd';
import { CheckCircleOutlined, SendOutlined } from '@ant-design/icons';
import { supervisionApi, type NoticeView } from '../../api/supervision';
import { useCan } from '../../api/me';
import { useI18n } from '../../i18n/I18nProvider';
import { DeliverNoticeModal } from './DeliverNoticeModal';
import { useSupervisionMutation } from './useSupervisionMutation';

/** Deliver (the street, supervision.write) and acknowledge (the police, notice.acknowledge) a notice. */
export function NoticeActions({ notice }: { notice: NoticeView }) {
  const { t } = useI18n();
  const can = useCan();
  const [delivering, setDelivering] = useState(false);
  const acknowledge = useSupervisionMutation(notice.personId, () => supervisionApi.acknowledgeNotice(notice.id), { success: t('sv.notices.acknowledgedDone') });
  const canDeliver = notice.state === 'pending' && can('supervision.write');
  const canAcknowledge = notice.state !== 'acknowledged' && can('notice.acknowledge');
  if (!canDeliver && !canAcknowledge) return null;
  return (
    <Flex wrap gap={8}>
      {canDeliver && (
        <Button size="small" icon={<SendOutlined />} onClick={() => setDelivering(true)}>
          {t('sv.notices.deliver')}
        </Button>
      )}
      {canAcknowledge && (
        <Popconfirm
          title={t('sv.notices.acknowledgeConfirm')}
          okText={t('sv.notices.acknowledge')}
          cancelText={t('common.cancel')}
          onConfirm={() => acknowledge.mutateAsync(undefined).catch(() => undefined)}
        >
          <Button size="small" type="primary" icon={<CheckCircleOutlined />} loading={acknowledge.isPending}>
            {t('sv.notices.acknowledge')}
          </Button>
        </Popconfirm>
      )}
      {delivering && <DeliverNoticeModal notice={notice} onClose={() => setDelivering(false)} />}
    </Flex>
  );
}
