import { useEffect } from 'react';
import { Navigate } from 'react-router-dom';
import { useCan, useSignedIn } from '../../api/me';
import { HomePage } from '../home/HomePage';
import { isFieldWorker } from './codes';

/** A grid worker's day is his round (JOURNEYS 2): the phone page of the visits due, which works offline. */
const isGridWorker = (me: ReturnType<typeof useSignedIn>) => me.grants.some((g) => g.roleCode === 'grid_worker');

/** District and city offices and leaders read the whole area first: the indicator overview by child unit (issue 17 §5). */
const isAreaOffice = (me: ReturnType<typeof useSignedIn>) => me.grants.some((g) => g.roleCode === 'drug_control_office' || g.roleCode === 'leader');

/** The session that has already been sent to 今日待办 (in memory: a new sign-in lands there again). */
let landedSession: string | null = null;

/**
 * The start page: social workers begin their day on 今日待办 (JOURNEYS 1), grid workers on their
 * round (我的走访, JOURNEYS 2), district and city offices on the indicator overview (考核指标);
 * once in a session, so the home page stays reachable from the menu. Everyone else: home (an
 * officer's street work, RoleStart).
 */
export function Landing() {
  const me = useSignedIn();
  const can = useCan();
  const fresh = landedSession !== me.csrfToken;
  const go = isFieldWorker(me) && can('supervision.read') && fresh;
  const overview = !go && isAreaOffice(me) && can('report.read') && fresh;
  useEffect(() => {
    landedSession = me.csrfToken;
  }, [me.csrfToken]);
  if (overview) return <Navigate to="/governance" replace />;
  if (go) return <Navigate to={isGridWorker(me) && can('supervision.write') ? '/field' : '/today'} replace />;
  // Partner staff have one page: the referrals sent to their organisation (issue 12 item 7).
  if (can('referral.respond') && !can('person.read')) return <Navigate to="/inbox" replace />;
  return <HomePage />;
}
