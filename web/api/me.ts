import { useQuery } from '@tanstack/react-query';
import type { Permission } from '../../core/contracts/permissions';
import type { Me } from './auth';
import { meOrRemembered } from '../offline/session';
import { keys } from './keys';

// networkMode 'always': offline the query still runs, so it answers with the remembered account
// (issue 17) instead of pausing with a spinner.
export const useMe = () => useQuery({ queryKey: keys.me, queryFn: meOrRemembered, retry: false, staleTime: 60_000, networkMode: 'always' });

/** The signed-in user: only for components rendered inside the signed-in layout. */
export function useSignedIn(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedIn outside the signed-in layout');
  return data;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useSignedIn();
  return (permission) => me.permissions.includes(permission);
}
