import type { Services } from './app';
import { generatePassword } from './lib/password';

export interface BootstrapResult {
  /** Set only when this start created the administrator with a generated password. */
  generatedAdminPassword: string | null;
  createdAdmin: boolean;
}

/**
 * First run: built-in roles, a root unit and the `admin` account. Never a default password:
 * SUNFLOWER_ADMIN_PASSWORD if given, else a random one-time password shown once.
 */
export async function bootstrap(services: Services, opts: { adminPassword?: string; rootName?: string }): Promise<BootstrapResult> {
  await services.verifyDataKey();
  await services.persons.backfillIdentityIndexes();
  await services.ledger.recoverInterrupted();
  await services.users.syncBuiltinRoles();
  await services.dictionaries.seed();
  if (await services.users.hasAnyUser()) return { generatedAdminPassword: null, createdAdmin: false };
  const password = opts.adminPassword ?? generatePassword();
  services.users.checkPassword(password, 'admin');
  const ctx = { actor: null, ip: null, userAgent: 'bootstrap' };
  await services.db.transaction(async (tx) => {
    const root = await services.org.createRoot(tx, ctx, { level: 'city', name: opts.rootName ?? '本市' });
    await services.users.createInitialAdmin(tx, ctx, { rootUnitId: root.id, password });
  });
  return { generatedAdminPassword: opts.adminPassword ? null : password, createdAdmin: true };
}
