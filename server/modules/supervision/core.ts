import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import type { Principal, RequestContext } from '../../http/context';
import type { Policy } from '../../../core/rules/policy';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import type { OrgService } from '../org/service';
import type { PolicyService } from '../policy/service';
import type { MeasureService } from '../measures/service';
import type { ReminderService } from '../reminders/service';
import type { UserService } from '../users/service';
import type { Loaded, SyncResult } from './sync';
import type { WithdrawalCause } from './withdrawals';

export type Ctx = RequestContext & { actor: Principal };

/** What the parts of the supervision service share. */
export interface Core {
  db: Db;
  clock: Clock;
  audit: AuditService;
  persons: PersonService;
  org: OrgService;
  policy: PolicyService;
  measures: MeasureService;
  reminders: ReminderService;
  users: Pick<UserService, 'names'>;
  today(): string;
  /**
   * Recomputes tasks, breach status, notices and education of the persons, in `tx`.
   * `timeDriven`: the daily run, which also raises what the passing of time caused (engine.ts).
   * `loaded`: the persons the caller already locked (and their measures), not locked or read again.
   * `cause`: why notices whose fact no longer holds are withdrawn (issue 9.13).
   */
  refresh(tx: Executor, personIds: string[], ctx: RequestContext, timeDriven?: boolean, loaded?: Loaded, cause?: WithdrawalCause): Promise<SyncResult>;
  policyAt(exec: Executor, orgPath: string): Promise<Policy>;
}
