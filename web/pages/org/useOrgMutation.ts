import type { FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { applyFieldErrors } from '../../api/form-errors';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/I18nProvider';
import { useNotify } from '../../components/useNotify';

/** A change to the org tree: refreshes the tree (and the users, whose unit names may change) and reports the outcome. */
export function useOrgMutation<V, R>(fn: (v: V) => Promise<R>, opts: { success: string; form?: FormInstance; onDone?: (r: R) => void }) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { lang } = useI18n();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.orgUnits }), queryClient.invalidateQueries({ queryKey: keys.users })]);
      notify.success(opts.success);
      opts.onDone?.(r);
    },
    onError: (err) => {
      if (!opts.form || !applyFieldErrors(opts.form, err, lang)) notify.error(err);
    },
  });
}
