import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { transfersApi, transferKeys } from '../../api/transfers';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';

/**
 * C7: the file is held by another street (the 409 of a second file): ask that street for it, by the
 * ID number already typed; the holder answers, and until then only the essentials are shown.
 */
export function RequestTransferModal({ identity, onClose }: { identity: { idType: string; idNumber: string }; onClose: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const streets = useQuery({ queryKey: transferKeys.streets, queryFn: () => transfersApi.streets() });
  const [toOrgUnitId, setTo] = useState<string>();
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () => transfersApi.request({ ...identity, toOrgUnitId: toOrgUnitId!, reason }),
    onSuccess: () => {
      notify.success(t('tr.sent'));
      onClose();
      return queryClient.invalidateQueries({ queryKey: ['transfers'] });
    },
    onError: (e) => notify.error(e),
  });
  return (
    <StreetReasonModal
      title={t('tr.requestTitle')}
      streetLabel={t('tr.toStreet')}
      streets={streets.data?.items ?? []}
      state={{ toOrgUnitId, setTo, reason, setReason }}
      busy={send.isPending}
      onOk={() => send.mutate()}
      onClose={onClose}
    />
  );
}

/** C7: the holding street offers the file to another street. */
export function OfferTransferModal({ personId, onClose }: { personId: string; onClose: () => void }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const streets = useQuery({ queryKey: transferKeys.streets, queryFn: () => transfersApi.streets() });
  const [toOrgUnitId, setTo] = useState<string>();
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () => transfersApi.offer({ personId, toOrgUnitId: toOrgUnitId!, reason }),
    onSuccess: () => {
      notify.success(t('tr.sent'));
      onClose();
      return queryClient.invalidateQueries({ queryKey: ['transfers'] });
    },
    onError: (e) => notify.error(e),
  });
  return (
    <StreetReasonModal
      title={t('tr.offerTitle')}
      streetLabel={t('tr.offerTo')}
      streets={streets.data?.items ?? []}
      state={{ toOrgUnitId, setTo, reason, setReason }}
      busy={send.isPending}
      onOk={() => send.mutate()}
      onClose={onClose}
    />
  );
}

function StreetReasonModal(p: {
  title: string;
  streetLabel: string;
  streets: { id: string; name: string; districtName: string | null }[];
  state: { toOrgUnitId?: string; setTo: (v: string) => void; reason: string; setReason: (v: string) => void };
  busy: boolean;
  onOk: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal open title={p.title} onCancel={p.onClose} onOk={p.onOk} okButtonProps={{ disabled: !p.state.toOrgUnitId || !p.state.reason.trim(), loading: p.busy }}>
      <Form layout="vertical">
        <Form.Item label={p.streetLabel}>
          <Select
            showSearch
            aria-label={p.streetLabel}
            optionFilterProp="label"
            value={p.state.toOrgUnitId}
            onChange={p.state.setTo}
            options={p.streets.map((s) => ({ value: s.id, label: s.districtName ? `${s.districtName} · ${s.name}` : s.name }))}
          />
        </Form.Item>
        <Form.Item label={t('tr.reason')}>
          <Input.TextArea aria-label={t('tr.reason')} value={p.state.reason} onChange={(e) => p.state.setReason(e.target.value)} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
