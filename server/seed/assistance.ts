// The demo city's assistance (issue 12 item 9): partners per district with their staff, and for
// persons under a community measure assessments, approved plans, services and referrals in
// plausible proportions — about 40 % placed in a job, most with a counselling session a year.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { rows } from '../db/client';
import { addDays, addMonths, compareDates } from '../../core/rules/dates';
import { respondBy } from '../../core/rules/assistance';
import { assistanceAssessments, assistancePlans, assistanceServices, partners, partnerStaff, placementChecks, planActions, referrals } from '../modules/assistance/schema';
import { insertJson } from './bulk';
import { Random, uuidFrom } from './random';

export interface AssistanceSeedSummary {
  partners: number;
  assessments: number;
  plans: number;
  services: number;
  referrals: number;
}

interface District {
  id: string;
  name: string;
  path: string;
}
type Row = Record<string, unknown>;

const PARTNERS = [
  { suffix: '人力资源和社会保障局', kind: 'human_resources', services: ['employment', 'skills_training'], capacity: null },
  { suffix: '阳光就业车间', kind: 'support_base', services: ['employment', 'skills_training'], capacity: 40 },
  { suffix: '爱心物流有限公司', kind: 'caring_employer', services: ['employment'], capacity: 15 },
  { suffix: '心理健康服务中心', kind: 'social_organisation', services: ['counselling', 'family_repair'], capacity: null },
  { suffix: '司法所', kind: 'justice', services: ['legal'], capacity: null },
  { suffix: '民政局', kind: 'civil_affairs', services: ['relief', 'housing'], capacity: null },
] as const;

/** Partners per district; the district's partner account (d<n>.partner, 人社局) is the first one's staff. */
function districtPartners(r: Random, d: District, partnerUserId: string | undefined) {
  const list = PARTNERS.map((p, i) => ({
    id: uuidFrom(r),
    name: `${d.name}${p.suffix}`,
    kind: p.kind,
    orgUnitId: d.id,
    servedUnitIds: [d.id],
    servedPaths: [d.path],
    services: [...p.services],
    contactName: `联系人${i + 1}`,
    contactPhone: `010-6${String(r.int(1_000_000, 9_999_999))}`,
    capacity: p.capacity,
    placesTaken: 0,
  }));
  const staff = partnerUserId ? [{ partnerId: list[0]!.id, userId: partnerUserId }] : [];
  return { list, staff };
}

export async function seedAssistance(tx: Executor, r: Random, today: string): Promise<AssistanceSeedSummary> {
  const districts = await rows<District>(tx, sql`select id, name, path from org_units where level = 'district' order by path`);
  const partnerUsers = new Map(
    (
      await rows<{ org_unit_id: string; id: string }>(
        tx,
        sql`
    select g.org_unit_id, g.user_id as id from grants g join roles ro on ro.id = g.role_id where ro.code = 'partner'`,
      )
    ).map((x) => [x.org_unit_id, x.id]),
  );
  const out = {
    partners: [] as Row[],
    staff: [] as Row[],
    assessments: [] as Row[],
    plans: [] as Row[],
    actions: [] as Row[],
    services: [] as Row[],
    referrals: [] as Row[],
    checks: [] as Row[],
  };
  for (const d of districts) {
    const { list, staff } = districtPartners(r, d, partnerUsers.get(d.id));
    const persons = await rows<{ id: string; path: string; worker: string | null }>(
      tx,
      sql`
      select p.id, u.path, p.responsible_worker_id as worker from persons p join org_units u on u.id = p.org_unit_id
      where u.path like ${`${d.path}%`} and p.status in ('under_community_detox', 'under_community_rehab') order by p.id`,
    );
    for (const p of persons) personAssistance(r, p, list, today, p.worker, out);
    out.partners.push(...list);
    out.staff.push(...staff);
  }
  await insertJson(tx, partners, out.partners as never[]);
  await insertJson(tx, partnerStaff, out.staff as never[]);
  await insertJson(tx, assistanceAssessments, out.assessments as never[]);
  await insertJson(tx, assistancePlans, out.plans as never[]);
  await insertJson(tx, planActions, out.actions as never[]);
  await insertJson(tx, referrals, out.referrals as never[]);
  await insertJson(tx, assistanceServices, out.services as never[]);
  await insertJson(tx, placementChecks, out.checks as never[]);
  return { partners: out.partners.length, assessments: out.assessments.length, plans: out.plans.length, services: out.services.length, referrals: out.referrals.length };
}

type Partner = ReturnType<typeof districtPartners>['list'][number];

/** One person's assistance: an assessment, mostly a plan, services for the needs, some open referrals. */
function personAssistance(r: Random, p: { id: string; path: string }, list: Partner[], today: string, worker: string | null, out: Record<string, Row[]>) {
  if (r.next() > 0.9) return;
  const assessedOn = addDays(today, -r.int(10, 170));
  const employment = r.next() < 0.7 ? 'severe' : 'some';
  const family = r.next() < 0.35 ? 'some' : 'none';
  out.assessments!.push({
    id: uuidFrom(r),
    personId: p.id,
    assessedOn,
    assessedBy: worker,
    needs: [
      { need: 'employment', level: employment, note: null },
      { need: 'counselling', level: 'some', note: null },
      { need: 'family_repair', level: family, note: null },
    ],
  });
  if (r.next() > 0.75) return;
  const planId = uuidFrom(r);
  out.plans!.push({
    id: planId,
    personId: p.id,
    version: 1,
    reviewDate: addMonths(assessedOn, 6),
    status: 'approved',
    approvedBy: worker,
    approvedAt: new Date(`${assessedOn}T08:00:00Z`),
    createdBy: worker,
  });
  const base = list.find((x) => x.kind === 'support_base')!;
  const employer = list.find((x) => x.kind === 'caring_employer')!;
  const bureau = list.find((x) => x.kind === 'human_resources')!;
  const counsellors = list.find((x) => x.kind === 'social_organisation')!;
  const jobAction = {
    id: uuidFrom(r),
    planId,
    personId: p.id,
    need: 'employment',
    goal: '稳定就业',
    action: '岗位推荐',
    owner: 'partner',
    partnerId: bureau.id,
    dueDate: addMonths(assessedOn, 3),
    status: 'open',
    closedOn: null as string | null,
  };
  const talkAction = {
    id: uuidFrom(r),
    planId,
    personId: p.id,
    need: 'counselling',
    goal: '情绪稳定',
    action: '每季度心理疏导',
    owner: 'worker',
    partnerId: null,
    dueDate: addMonths(assessedOn, 2),
    status: 'open',
    closedOn: null as string | null,
  };
  out.actions!.push(jobAction, talkAction);
  const service = (kind: string, date: string, details: Row, extra: Row = {}) =>
    out.services!.push({
      id: uuidFrom(r),
      personId: p.id,
      personOrgPath: p.path,
      kind,
      serviceDate: date,
      outcome: '已完成',
      details: { kind, ...details },
      recordedBy: worker,
      startDate: null,
      endDate: null,
      providerPartnerId: null,
      referralId: null,
      actionId: null,
      ...extra,
    });
  if (r.next() < 0.85) {
    const date = addDays(assessedOn, r.int(1, 9));
    service(
      'counselling',
      date,
      { provider: counsellors.name, minutes: 50, topic: '情绪管理', mode: 'individual' },
      { providerPartnerId: counsellors.id, actionId: talkAction.id },
    );
    talkAction.status = 'done';
    talkAction.closedOn = date;
  }
  const roll = r.next();
  if (roll < 0.4) {
    // Placed: at the support base or the caring employer while they have places, else through the bureau.
    const at = base.placesTaken < base.capacity! ? base : employer.placesTaken < employer.capacity! ? employer : bureau;
    if (at.capacity !== null) at.placesTaken++;
    const start = addDays(assessedOn, r.int(7, 9));
    service('job_placement', start, { job: '普工', wageBand: 'minimum_to_3000', startDate: start }, { providerPartnerId: at.id, actionId: jobAction.id, startDate: start });
    // Item 3: a placement past three months had its first still-employed check (no draw: the demo's numbers stay put).
    const check = addMonths(start, 3);
    if (compareDates(check, today) < 0) out.checks!.push({ serviceId: out.services!.at(-1)!.id, personId: p.id, month: 3, checkedOn: check, employed: true, checkedBy: worker });
    jobAction.status = 'done';
    jobAction.closedOn = start;
  } else if (roll < 0.6) {
    // Still waiting: an open referral to the bureau (the partner inbox of the demo).
    const sentOn = addDays(today, -r.int(0, 12));
    out.referrals!.push({
      id: uuidFrom(r),
      personId: p.id,
      personOrgPath: p.path,
      partnerId: bureau.id,
      actionId: jobAction.id,
      need: 'employment',
      purpose: '就业登记与岗位推荐',
      status: r.next() < 0.5 ? 'sent' : 'accepted',
      sentOn,
      respondBy: respondBy(sentOn),
      createdBy: worker,
    });
  }
  if (family !== 'none' && r.next() < 0.7) service('family_repair', addDays(assessedOn, 20), { parties: '本人与父母', repaired: true });
}
