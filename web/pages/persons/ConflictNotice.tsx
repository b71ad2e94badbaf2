import { Alert, Button } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { isMessageKey, useI18n } from '../../i18n/I18nProvider';
import { personFieldLabels } from './fieldLabels';

const show = (v: unknown): string => {
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' && 'name' in x ? String(x.name) : String(x))).join('、');
  return v === undefined || v === null ? '—' : String(v);
};

/**
 * Someone else saved the file meanwhile (version conflict). The user reloads the latest version
 * and sees the changes they had made, to enter again where still wanted: both versions, no
 * silent overwrite (JOURNEYS 2).
 */
export function ConflictNotice({ unsaved, reloaded, reloading, onReload }: { unsaved: Record<string, unknown>; reloaded: boolean; reloading: boolean; onReload: () => void }) {
  const { t } = useI18n();
  const label = (k: string) => {
    const key = personFieldLabels[k];
    return key && isMessageKey(key) ? t(key) : k;
  };
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('person.versionConflict')}
      description={
        <>
          <div>{t('person.unsavedChanges')}</div>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {Object.entries(unsaved).map(([k, v]) => (
              <li key={k}>
                {label(k)}
                {t('common.colon')}
                {show(v)}
              </li>
            ))}
          </ul>
        </>
      }
      action={
        !reloaded && (
          <Button size="small" icon={<ReloadOutlined />} loading={reloading} onClick={onReload}>
            {t('common.reload')}
          </Button>
        )
      }
    />
  );
}
