import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { setUnauthorizedHandler } from '../api/client';
import { forgetDay } from '../offline/session';

/** A 401 from any call means the session is gone (expired, revoked): back to the sign-in page. */
export function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const location = useLocation();
  const onLogin = location.pathname === '/login';
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (onLogin) return;
      void forgetDay();
      queryClient.clear();
      navigate('/login', { replace: true, state: { from: location.pathname } });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, queryClient, onLogin, location.pathname]);
  return null;
}
