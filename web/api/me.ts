import { useQuery } from '@tanstack/react-query';
import type { Permission } from '../../core/contracts/permissions';
import { authApi, type Me } from './auth';
import { keys } from './keys';

export const useMe = () => useQuery({ queryKey: keys.me, queryFn: authApi.me, retry: false, staleTime: 60_000 });

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
