import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';

/**
 * A change to one person's file from a dialog form: on success the file and everything under
 * it (measures, documents, timeline) is refreshed; server field errors go onto the form, other
 * errors to `onError` or a message.
 */
export function usePersonMutation<V, R>(
  personId: string,
  fn: (v: V) => Promise<R>,
  opts: { form?: FormInstance; success?: string; onDone?: (r: R) => void; onError?: (err: Error) => void },
) {
  const { lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: keys.person(personId) });
      void queryClient.invalidateQueries({ queryKey: keys.persons, refetchType: 'none' });
      if (opts.success) notify.success(opts.success);
      opts.onDone?.(r);
    },
    onError: (err) => {
      if (opts.form && applyFieldErrors(opts.form, err, lang)) return;
      if (opts.onError) opts.onError(err);
      else notify.error(err);
    },
  });
}
