import type { SessionStage } from '../../api/auth';

/**
 * What the light first sign-in screen (FirstSignIn) hands to the app's sign-in page when a
 * further step follows (two-step code, password change, enrolment): the stage reached and the
 * password just typed, so the password-change step does not ask for it again. Read once.
 */
interface Handoff {
  stage: Exclude<SessionStage, 'active'>;
  password: string;
}

let pending: Handoff | null = null;

export const handOff = (h: Handoff) => {
  pending = h;
};

export function takeHandoff(): Handoff | null {
  const h = pending;
  pending = null;
  return h;
}
