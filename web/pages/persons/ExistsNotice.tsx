import { useState } from 'react';
import { Alert, Button, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Exists } from '../../api/persons';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { RequestTransferModal } from '../transfers/RequestTransferModal';

/**
 * Whether the ID number is already on file. Only the holding unit is named (one person, one
 * file); a link is offered when that file lies in the user's own area.
 */
export function ExistsNotice({
  checking,
  result,
  error,
  identity,
}: {
  checking: boolean;
  result: Exists | undefined;
  error?: Error | null;
  /** The ID number typed, with which a transfer is requested from the holding street (C7, issue 14). */
  identity?: { idType: string; idNumber: string };
}) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [requesting, setRequesting] = useState(false);
  if (checking) return <Typography.Text type="secondary">{t('person.checking')}</Typography.Text>;
  // City-wide checks are bounded per hour (9.7): say so rather than nothing.
  if (error instanceof ApiError) return <Typography.Text type="warning">{pick(error.messages)}</Typography.Text>;
  if (!result) return null;
  if (!result.exists) return <Typography.Text type="success">{t('person.notOnFile')}</Typography.Text>;
  return (
    <>
      <Alert
        type="error"
        showIcon
        role="alert"
        style={{ marginTop: 4 }}
        title={t('person.exists', { unit: result.holderUnitName ?? '—' })}
        action={
          result.personId ? (
            <Button size="small" onClick={() => navigate(`/persons/${result.personId}`)}>
              {t('person.openExisting')}
            </Button>
          ) : identity ? (
            <Button size="small" onClick={() => setRequesting(true)}>
              {t('tr.request')}
            </Button>
          ) : undefined
        }
      />
      {requesting && identity && <RequestTransferModal identity={identity} onClose={() => setRequesting(false)} />}
    </>
  );
}
