import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { supervisionKeys } from '../../api/supervision';
import { messageKeys } from '../../api/messages';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';

/**
 * A supervision write (record, leave, absence, notice): on success the person's file and
 * everything under it (records, tasks, breaches, leaves, timeline), the worker's day, the
 * calendar, the counts, the notices and the messages are refreshed. Server field errors go onto
 * the form; other errors to `onError` or a message.
 */
export function useSupervisionMutation<V, R>(
  personId: string | null,
  fn: (v: V) => Promise<R>,
  opts: { form?: FormInstance; aliases?: Record<string, string>; success?: string | ((r: R) => string); onDone?: (r: R) => void; onError?: (err: Error) => void } = {},
) {
  const { lang } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      // What the record led to (a C5 warning, a C6 notice) is shown at once: the worker must not
      // wait for every list under the person to be fetched again before the form closes.
      const text = typeof opts.success === 'function' ? opts.success(r) : opts.success;
      if (text) notify.success(text);
      opts.onDone?.(r);
      void queryClient.invalidateQueries({ queryKey: messageKeys.inbox });
      void queryClient.invalidateQueries({ queryKey: keys.persons, refetchType: 'none' });
      await Promise.all([
        personId ? queryClient.invalidateQueries({ queryKey: keys.person(personId) }) : Promise.resolve(),
        queryClient.invalidateQueries({ queryKey: supervisionKeys.all }),
      ]);
    },
    onError: (err) => {
      if (opts.form && applyFieldErrors(opts.form, err, lang, opts.aliases)) return;
      if (opts.onError) opts.onError(err);
      else notify.error(err);
    },
  });
}
