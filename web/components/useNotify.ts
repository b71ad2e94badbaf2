import { App } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/** Shows a server error (or any failure) in the current language, and successes. */
export function useNotify() {
  const { message } = App.useApp();
  const { pick, t } = useI18n();
  return {
    error: (err: unknown) => {
      if (!(err instanceof ApiError)) return void message.error(t('common.loadFailed'));
      // "Check the marked fields" helps nobody when no field on screen is marked: say what is wrong.
      const text = err.fields.length ? err.fields.map((f) => pick(f.message)).join('; ') : pick(err.messages);
      void message.error(text);
    },
    success: (text: string) => void message.success(text),
  };
}
