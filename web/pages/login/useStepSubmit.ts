import type { FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { applyFieldErrors } from '../../api/form-errors';
import type { StageResponse } from '../../api/auth';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';

/**
 * One sign-in step: calls the server, hands the next stage on, puts errors on the form or in a
 * message; `intercept` may take an error first (returns true when it did).
 */
export function useStepSubmit<V>(
  form: FormInstance,
  call: (values: V) => Promise<StageResponse>,
  onStage: (r: StageResponse) => void,
  aliases?: Record<string, string>,
  intercept?: (err: unknown) => boolean,
) {
  const { lang } = useI18n();
  const notify = useNotify();
  return useMutation({
    mutationFn: call,
    onSuccess: onStage,
    onError: (err) => {
      if (intercept?.(err)) return;
      if (!applyFieldErrors(form, err, lang, aliases)) notify.error(err);
    },
  });
}
