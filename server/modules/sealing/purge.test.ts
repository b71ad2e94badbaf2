import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import { userWith, type Client } from '../../test/harness';
import { testDbKinds } from '../../test/harness';
import { multipartBody } from '../../test/ledger-files';
import { findIdentifiers } from '../../lib/identifying';
import { world, personUnderMeasure, test as drugTest, type World } from '../../test/supervision-world';

type Res = Awaited<ReturnType<Client['get']>>;
const ok = (res: Res, status = 200) => {
  expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)}`).toBe(status);
  return res.json();
};

// What identifies the person of this test: none of it may be left anywhere after the purge.
const P = { name: '慕容清除', phone: '13677778888', note: '清除测试的谈话记录' };

/** Every column of the schema that names a person (`person_id`, `recipient_person_id`, …): a table added later is caught too. */
async function personColumns(w: World) {
  return rows<{ table_name: string; column_name: string }>(
    w.t.database.db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and column_name like '%person_id' and data_type = 'uuid' order by table_name, column_name`,
  );
}

async function rowsHolding(w: World, personId: string) {
  const out: Record<string, number> = {};
  for (const c of await personColumns(w)) {
    const [r] = await rows<{ n: number }>(
      w.t.database.db,
      sql`select count(*)::int as n from ${sql.identifier(c.table_name)} where ${sql.identifier(c.column_name)} = ${personId}`,
    );
    if (r!.n > 0) out[`${c.table_name}.${c.column_name}`] = r!.n;
  }
  return out;
}

// P4 (issue 14, closing note item 2): the retention purge removes a sealed person's rows from
// every module, in one transaction; only the audit trail keeps his id, and it holds none of his data.
describe.each(testDbKinds())('P4: the retention purge across the modules on %s', (kind) => {
  let w: World;

  beforeAll(async () => {
    w = await world(kind, {}, 'pu');
  });
  afterAll(() => w.t.close());

  /** A person with rows in every module that keeps rows about persons. */
  async function personEverywhere() {
    const { officer, worker, admin, units, police, streetOffice } = w;
    const { personId, measureId } = await personUnderMeasure(w, { reportDate: '2026-09-01', phone: P.phone, name: P.name });
    // supervision: records (a positive test: relapse notice, alert, risk class; an evasion: education), leave, absence, preferences
    const record = (body: Record<string, unknown>) => worker.post(`/api/persons/${personId}/records`, body).then((r) => ok(r, 201));
    await record(drugTest('2026-11-10', 'positive', { note: P.note }));
    await record(drugTest('2026-11-12', 'evaded'));
    await record({ kind: 'check_in', date: '2026-11-13', place: '社区工作站', note: P.note });
    const leave = ok(await worker.post(`/api/persons/${personId}/leaves`, { from: '2026-11-15', to: '2026-11-16', destination: '浙江省湖州市', reason: P.note }), 201);
    ok(await streetOffice.post(`/api/leaves/${leave.id}/decision`, { decision: 'approve', note: P.note }));
    ok(await worker.post(`/api/persons/${personId}/absences`, { kind: 'hospital_stay', from: '2026-11-18', to: '2026-11-19', note: '住院' }), 201);
    ok(await worker.req('PUT', `/api/persons/${personId}/preferences`, { smsConsent: true }));
    // warnings: a risk override besides the computed class and alerts
    ok(await officer.post(`/api/persons/${personId}/risk/override`, { riskClass: 'high', reason: P.note, expiresOn: '2026-12-31' }), 201);
    // documents: a decision with its file
    const pdf = Buffer.from(`%PDF-1.4\n% ${P.name}\n%%EOF\n`, 'utf8');
    const meta = {
      kind: 'decision',
      measureId,
      title: `${P.name}的决定书`,
      fields: { documentNumber: '东公（禁）决字〔2026〕77号', issuedOn: '2026-08-20', issuingAuthority: '东城分局' },
    };
    const mp = multipartBody({ meta: JSON.stringify(meta) }, { name: `${P.name}决定书.pdf`, data: pdf, type: 'application/pdf' });
    ok(await officer.req('POST', `/api/persons/${personId}/documents`, mp.body, { 'content-type': mp.contentType }), 201);
    // assistance: assessment, plan, referral accepted and completed (a placement), a service, a placement check
    const partnerStaff = await userWith(w.t, admin, 'pu.partner', 'partner', units.street);
    const partner = ok(
      await officer.post('/api/partners', {
        orgUnitId: units.street,
        servedOrgUnitIds: [units.street],
        services: ['employment'],
        name: '清除人社所',
        kind: 'human_resources',
        contactName: '周经理',
        contactPhone: '010-88886666',
      }),
      201,
    ).id as string;
    ok(await officer.post(`/api/partners/${partner}/staff`, { userId: partnerStaff.userId }));
    ok(await worker.post(`/api/persons/${personId}/assistance/assessments`, { assessedOn: '2026-11-20', needs: [{ need: 'employment', level: 'severe', note: P.note }] }), 201);
    ok(
      await worker.post(`/api/persons/${personId}/assistance/plans`, {
        reviewDate: '2027-05-20',
        actions: [{ need: 'employment', goal: P.note, action: P.note, owner: 'partner', partnerId: partner, dueDate: '2027-01-31' }],
      }),
      201,
    );
    const referral = ok(await worker.post(`/api/persons/${personId}/assistance/referrals`, { partnerId: partner, need: 'employment', purpose: P.note }), 201).id as string;
    ok(await partnerStaff.post(`/api/partner/referrals/${referral}/accept`));
    const placement = { kind: 'job_placement', job: '仓储员', wageBand: '3000_to_5000', startDate: '2026-11-22' };
    ok(await partnerStaff.post(`/api/partner/referrals/${referral}/complete`, { date: '2026-11-22', outcome: P.note, details: placement }));
    const tab = ok(await worker.get(`/api/persons/${personId}/assistance`));
    const job = (tab.services as { id: string; kind: string }[]).find((x) => x.kind === 'job_placement')!;
    ok(await worker.post(`/api/assistance/services/${job.id}/checks`, { month: 3, checkedOn: '2026-11-22', employed: true }), 201);
    // transfers: an offer to another street (pending) and a release handover (C10)
    ok(await officer.post('/api/transfers', { personId, toOrgUnitId: units.otherDistrictStreet, reason: '居住地变更' }), 201);
    ok(await police.post('/api/handovers', { personId, facility: '市强制隔离戒毒所', releaseDate: '2026-11-25', noticeReceivedOn: '2026-11-20' }), 201);
    // sealing: the daily standing, then the seal, an opening with a purpose
    await w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx, { force: true }));
    await w.t.database.db.transaction(async (tx) => {
      await w.t.services.persons.setSealed(tx, personId, true);
      await tx.execute(
        sql`insert into seals (person_id, reason, sealed_on, org_path) select ${personId}, 'completed', '2010-01-01', path from org_units where id = ${units.community}`,
      );
    });
    ok(await streetOffice.post(`/api/persons/${personId}/sealed-openings`, { purpose: '法院调查函核实' }), 201);
    return { personId, measureId };
  }

  it('P4: no table holds the person id after the purge but the audit trail, whose rows hold none of his data; the document file is gone', async () => {
    const { personId } = await personEverywhere();
    const before = await rowsHolding(w, personId);
    // Rows in every module that keeps rows about persons (each table listed had one at least).
    for (const table of [
      'persons.id',
      'person_assignments.person_id',
      'measures.person_id',
      'measure_events.person_id',
      'supervision_records.person_id',
      'supervision_tasks.person_id',
      'supervision_sync.person_id',
      'leave_requests.person_id',
      'leave_events.person_id',
      'supervision_absences.person_id',
      'supervision_preferences.person_id',
      'police_notices.person_id',
      'education_records.person_id',
      'alerts.person_id',
      'risk_classifications.person_id',
      'risk_overrides.person_id',
      'documents.person_id',
      'assistance_assessments.person_id',
      'assistance_plans.person_id',
      'assistance_plan_actions.person_id',
      'assistance_referrals.person_id',
      'assistance_services.person_id',
      'assistance_placement_checks.person_id',
      'transfers.person_id',
      'handovers.person_id',
      'reminder_messages.person_id',
      'delisting_status.person_id',
      'seals.person_id',
      'file_openings.person_id',
      'audit_log.person_id',
    ].filter((k) => k !== 'persons.id'))
      expect(before[table], table).toBeGreaterThan(0);
    const [doc] = await rows<{ storage_key: string }>(w.t.database.db, sql`select storage_key from documents where person_id = ${personId}`);
    const file = path.resolve(w.t.config.dataDir, 'files', ...doc!.storage_key.split('/'));
    await fs.access(file);

    const counts = await w.t.database.db.transaction((tx) => w.t.services.sealing.runDaily(tx, { force: true }));
    expect(counts!.purged).toBeGreaterThanOrEqual(1);

    // Found by the schema, not by a list: a table added later with a person_id column is caught too.
    const after = await rowsHolding(w, personId);
    expect(Object.keys(after)).toEqual(['audit_log.person_id']);
    expect(await rows(w.t.database.db, sql`select 1 from persons where id = ${personId}`)).toHaveLength(0);
    await expect(fs.access(file)).rejects.toThrow();

    // The trail keeps the purge with the tally per table, and no row of the person holds his data.
    const trail = await rows<{ action: string; details: unknown; before: unknown; after: unknown; purpose: string | null }>(
      w.t.database.db,
      sql`select action, details, before, after, purpose from audit_log where person_id = ${personId}`,
    );
    const purge = trail.find((r) => r.action === 'sealing.purge')!;
    expect(purge.details).toMatchObject({ reason: 'completed', sealedOn: '2010-01-01', removed: { persons: 1, measures: 1, documents: 1 } });
    // Before, after and details hold nothing of him (P3, the walk of every action); the purpose is the
    // staff's stated reason (P3: why), kept as typed in the append-only trail, with identifiers redacted.
    const data = JSON.stringify(trail.map((r) => [r.before, r.after, r.details]));
    for (const v of Object.values(P)) expect(data).not.toContain(v);
    const purposes = JSON.stringify(trail.map((r) => r.purpose));
    for (const v of [P.name, P.phone]) expect(purposes).not.toContain(v);
    expect(findIdentifiers(purposes)).toEqual([]);
  });
});
