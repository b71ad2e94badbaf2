import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '../api/auth';
import { keys } from '../api/keys';
import { startOutbox } from './sync';

const subscribeOnline = (l: () => void) => {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
};

/** Whether the browser believes it has a network (the offline banner). */
export const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine);

/**
 * For a signed-in field worker: this device's outbox is loaded and sent; when the signal returns
 * the account is asked again, so a session remembered offline gets its CSRF token and the real
 * permissions.
 */
export function useFieldDevice(me: Me) {
  const queryClient = useQueryClient();
  const field = me.permissions.includes('supervision.write');
  useEffect(() => {
    if (field) void startOutbox(me.user.id);
  }, [field, me.user.id]);
  useEffect(() => {
    const again = () => void queryClient.invalidateQueries({ queryKey: keys.me });
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [queryClient]);
}
