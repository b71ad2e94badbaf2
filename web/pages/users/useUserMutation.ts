import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keys } from '../../api/keys';
import { useNotify } from '../../components/useNotify';

/** A change to one user: refreshes every users query (lists, the user, grants, sessions). */
export function useUserMutation<V, R>(fn: (v: V) => Promise<R>, opts: { success?: string; onDone?: (r: R) => void; onError?: (err: unknown) => boolean }) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: keys.users });
      if (opts.success) notify.success(opts.success);
      opts.onDone?.(r);
    },
    onError: (err) => {
      if (!opts.onError?.(err)) notify.error(err);
    },
  });
}
