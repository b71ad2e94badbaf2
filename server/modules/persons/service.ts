import './audit-actions';
import crypto from 'node:crypto';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { badRequest, conflict, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { validateIdNumber, maskIdNumber, maskPhone } from '../../../core/rules/id-number';
import { compareDates, daysBetween } from '../../../core/rules/dates';
import type { PersonInput, PersonListQuery, PersonUpdate } from '../../../core/contracts/persons';
import type { Permission } from '../../../core/contracts/permissions';
import type { AuditService, AuditEntry } from '../audit/service';
import type { OrgService } from '../org/service';
import type { DictionaryService } from '../dictionaries/service';
import type { UserService } from '../users/service';
import { personColumns, idNumberHash, type Identity } from './record';
import * as q from './queries';
import { mergeTimeline, type TimelineSource, type TimelineEntry } from './timeline';

registerMessages({
  'person.not_found': ['人员档案不存在', 'No such person file'],
  'person.exists': ['该证件号码已在「{unit}」建档，不能重复建档；如人员迁入，请申请移交', 'A file with this ID number is held by {unit}; no second file is created. If the person moved, request a transfer'],
  'person.id_number_invalid': ['证件号码无效', 'Invalid ID number'],
  'id_number.length': ['身份证号码应为 18 位', 'A resident ID number has 18 characters'],
  'id_number.characters': ['身份证号码只能是数字，最后一位可为 X', 'A resident ID number is digits, the last may be X'],
  'id_number.check_digit': ['身份证号码校验位错误', 'The check digit of the ID number is wrong'],
  'id_number.birth_date': ['身份证号码中的出生日期无效', 'The birth date in the ID number is not valid'],
  'id_number.region': ['身份证号码的地区代码无效', 'The region code of the ID number is not valid'],
  'person.sex_mismatch': ['性别与身份证号码不符', 'Sex does not match the ID number'],
  'person.birth_date_mismatch': ['出生日期与身份证号码不符', 'Birth date does not match the ID number'],
  'person.birth_date_future': ['出生日期不能晚于今天', 'The birth date cannot be in the future'],
  'person.first_use_invalid': ['首次吸毒日期须在出生之后、今天之前', 'First use must be after birth and not in the future'],
  'person.sex_required': ['请填写性别', 'Sex is required'],
  'person.birth_date_required': ['请填写出生日期', 'Birth date is required'],
  'person.org_level': ['人员档案须归属街道、社区或网格', 'A person file belongs to a street, community or grid'],
  'person.version_conflict': ['该档案已被他人修改，请刷新后查看两个版本再保存', 'Someone else changed this file meanwhile: reload to see both versions before saving'],
  'person.worker_invalid': ['责任社工须为本辖区内的在用账号', 'The responsible social worker must be an active account in this area'],
  'person.return_not_community': ['只有社区可以将人员退回街道', 'Only a community can send a person back to the street'],
  'person.purpose_required': ['请说明查看理由', 'State the purpose'],
});

type Ctx = RequestContext & { actor: Principal };
export type ImportOutcome = 'imported' | 'updated' | 'unchanged';
export type PersonRow = q.PersonRow;
export type PersonWithContext = q.PersonWithContext;

const FILE_LEVELS = new Set(['street', 'community', 'grid']);
const maskAddress = (a: string) => (a.length <= 6 ? `${a.slice(0, 2)}****` : `${a.slice(0, 6)}****`);
/** 张*明: the first and last character; one character of two (张*); a single one wholly. */
const maskName = (n: string) => {
  const c = [...n.trim()];
  return c.length <= 1 ? '*' : c.length === 2 ? `${c[0]}*` : `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
};

export function createPersonService(deps: {
  db: Db;
  /** Searches may be served by the read replica (docs/architecture.md, "Data"). */
  reader: Reader;
  clock: Clock;
  cipher: DataCipher;
  audit: AuditService;
  org: OrgService;
  dictionaries: DictionaryService;
  users: UserService;
}) {
  const { db, cipher, audit } = deps;
  const timelineSources: TimelineSource[] = [];
  const assignmentTitles: Record<string, [string, string]> = {
    assign: ['分配责任社区/社工', 'Assigned'],
    reassign: ['变更责任社区', 'Re-assigned'],
    return_to_street: ['退回街道', 'Sent back to the street'],
    transfer: ['移交', 'Transferred'],
  };
  // The file's own lines: its creation and every assignment (C3).
  timelineSources.push(async (exec, personId) => {
    const r = await q.byId(exec, personId);
    const rows = await q.assignmentsOf(exec, personId);
    const created: TimelineEntry[] = r
      ? [{ at: r.person.createdAt, date: r.person.createdAt.toISOString().slice(0, 10), kind: 'person', title: { 'zh-CN': '建档', 'en-US': 'File created' }, detail: r.orgName, refId: personId }]
      : [];
    // Newest first with ties in source order: the first assignment shares the creation's instant.
    return [
      ...rows.map((x): TimelineEntry => {
        const [zh, en] = assignmentTitles[x.a.kind] ?? [x.a.kind, x.a.kind];
        const who = [x.fromName && x.fromName !== x.orgName ? `${x.fromName} → ${x.orgName}` : x.orgName, x.workerName].filter(Boolean).join(' · ');
        return { at: x.a.at, date: x.a.at.toISOString().slice(0, 10), kind: 'assignment', title: { 'zh-CN': zh, 'en-US': en }, detail: [who, x.a.reason].filter(Boolean).join(' — '), refId: x.a.id };
      }).reverse(),
      ...created,
    ];
  });
  const enc = (v?: string | null) => (v ? cipher.encrypt(v) : null);
  const dec = (v: string | null) => (v ? cipher.decrypt(v) : null);
  const idHash = (idType: string, idNumber: string) => idNumberHash(cipher, idType, idNumber);

  /** Checks the input against the rules and dictionaries; returns the normalised identity. */
  async function validate(exec: Executor, input: PersonInput, today: string) {
    let idNumber = input.idNumber.trim().toUpperCase();
    let sex = input.sex;
    let birthDate = input.birthDate;
    if (input.idType === 'resident_id') {
      const r = validateIdNumber(idNumber, today);
      if (!r.ok) throw fieldError('idNumber', r.code);
      idNumber = r.normalized;
      if (sex && sex !== r.sex) throw fieldError('sex', 'person.sex_mismatch');
      if (birthDate && birthDate !== r.birthDate) throw fieldError('birthDate', 'person.birth_date_mismatch');
      sex = r.sex;
      birthDate = r.birthDate;
    } else if (!/^[A-Z0-9-]{5,30}$/.test(idNumber)) {
      throw fieldError('idNumber', 'person.id_number_invalid');
    }
    if (!sex) throw fieldError('sex', 'person.sex_required');
    if (!birthDate) throw fieldError('birthDate', 'person.birth_date_required');
    if (compareDates(birthDate, today) > 0) throw fieldError('birthDate', 'person.birth_date_future');
    if (input.firstUseDate && (compareDates(input.firstUseDate, birthDate) < 0 || compareDates(input.firstUseDate, today) > 0)) {
      throw fieldError('firstUseDate', 'person.first_use_invalid');
    }
    await deps.dictionaries.assertCodes([
      { path: 'idType', kind: 'id_type', values: [input.idType] },
      { path: 'ethnicity', kind: 'ethnicity', values: [input.ethnicity] },
      { path: 'nationality', kind: 'nationality', values: [input.nationality] },
      { path: 'education', kind: 'education', values: [input.education] },
      { path: 'maritalStatus', kind: 'marital_status', values: [input.maritalStatus] },
      { path: 'employmentStatus', kind: 'employment_status', values: [input.employmentStatus] },
      { path: 'occupation', kind: 'occupation', values: [input.occupation] },
      { path: 'drugTypes', kind: 'drug_type', values: input.drugTypes },
      { path: 'useMethods', kind: 'use_method', values: input.useMethods },
      { path: 'familyContacts', kind: 'relation', values: input.familyContacts.map((c) => c.relation) },
    ], exec);
    return { idNumber, sex, birthDate };
  }

  const columns = (input: Omit<PersonInput, 'orgUnitId'>, identity: Identity) => personColumns(cipher, input, identity);

  function view(r: PersonWithContext) {
    const p = r.person;
    const contacts = p.familyContactsEnc ? (JSON.parse(cipher.decrypt(p.familyContactsEnc)) as PersonInput['familyContacts']) : [];
    const phone = dec(p.phoneEnc);
    const reg = dec(p.registeredAddressEnc);
    const res = dec(p.residenceAddressEnc);
    return {
      id: p.id,
      orgUnitId: p.orgUnitId,
      orgUnitName: r.orgName,
      name: p.name,
      formerNames: p.formerNames,
      sex: p.sex,
      birthDate: p.birthDate,
      age: Math.floor(daysBetween(p.birthDate, deps.clock.today()) / 365.2425),
      ethnicity: p.ethnicity,
      nationality: p.nationality,
      idType: p.idType,
      idNumber: maskIdNumber(cipher.decrypt(p.idNumberEnc)),
      phone: phone ? maskPhone(phone) : null,
      registeredAddress: reg ? maskAddress(reg) : null,
      residenceAddress: res ? maskAddress(res) : null,
      livesAwayFromRegistration: p.livesAwayFromRegistration,
      education: p.education,
      maritalStatus: p.maritalStatus,
      employmentStatus: p.employmentStatus,
      employer: p.employer,
      occupation: p.occupation,
      drugTypes: p.drugTypes,
      useMethods: p.useMethods,
      firstUseDate: p.firstUseDate,
      familyContacts: contacts.map((c) => ({ ...c, phone: c.phone ? maskPhone(c.phone) : undefined, address: c.address ? maskAddress(c.address) : undefined })),
      riskLevel: p.riskLevel,
      status: p.status,
      currentMeasureKind: p.currentMeasureKind,
      responsibleWorkerId: p.responsibleWorkerId,
      responsibleWorkerName: r.workerName,
      workTeam: p.workTeam as never[],
      version: p.version,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
  /** What the audit trail keeps of a file: the masked view, never clear identifiers. */
  const snapshot = (r: PersonWithContext) => {
    const { familyContacts: _f, age: _a, createdAt: _c, updatedAt: _u, ...rest } = view(r);
    return rest;
  };

  /** A person the actor may reach with `perm`; outside the scope it does not exist (404). */
  async function access(exec: Executor, actor: Principal, id: string, perm: Permission = 'person.read'): Promise<PersonWithContext> {
    const r = await q.byId(exec, id);
    if (!r || r.person.sealed || !inScope(actor, perm, r.orgPath)) throw notFound('person');
    return r;
  }

  async function fileUnit(exec: Executor, actor: Principal, orgUnitId: string) {
    const unit = await deps.org.byId(exec, orgUnitId);
    if (!unit || !inScope(actor, 'person.write', unit.path)) throw notFound('org');
    if (!FILE_LEVELS.has(unit.level)) throw fieldError('orgUnitId', 'person.org_level');
    return unit;
  }

  async function checkWorker(exec: Executor, actor: Principal, workerId: string | null | undefined) {
    if (!workerId) return;
    const w = await deps.users.byId(workerId, exec);
    if (!w || !w.user.active || !inScope(actor, 'person.write', w.orgPath)) throw fieldError('workerId', 'person.worker_invalid');
  }

  async function insertPerson(tx: Executor, ctx: Ctx, input: PersonInput, identity: Awaited<ReturnType<typeof validate>>) {
    const unit = await fileUnit(tx, ctx.actor, input.orgUnitId);
    const existing = await q.byIdHash(tx, idHash(input.idType, identity.idNumber));
    if (existing) throw conflict('person.exists', { unit: existing.orgName });
    const row = await q.insert(tx, { ...columns(input, identity), orgUnitId: unit.id, createdBy: ctx.actor.userId });
    await q.insertAssignment(tx, { personId: row.id, kind: 'assign', orgUnitId: unit.id, reason: null, actorId: ctx.actor.userId });
    const full = (await q.byId(tx, row.id))!;
    await audit.record(tx, ctx, { action: 'person.create', entityType: 'person', entityId: row.id, personId: row.id, orgPath: full.orgPath, after: snapshot(full) });
    return full;
  }

  /**
   * A ledger row updates only what the ledger carries: an empty cell or a column the ledger has
   * not (family contacts) keeps what the file holds, and the file stays in its unit.
   */
  function mergeLedger(current: PersonInput, row: PersonInput): PersonInput {
    const merged: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(row)) {
      if (key === 'orgUnitId' || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
      merged[key] = value;
    }
    return merged as PersonInput;
  }

  async function importRows(tx: Executor, ctx: Ctx, inputs: PersonInput[]): Promise<ImportOutcome[]> {
    const today = deps.clock.today();
    const prepared = [];
    for (const input of inputs) prepared.push({ input, identity: await validate(tx, input, today) });
    const known = new Map((await q.byIdHashes(tx, prepared.map((p) => idHash(p.input.idType, p.identity.idNumber)))).map((r) => [r.person.idNumberHash, r]));
    const units = new Map<string, Awaited<ReturnType<typeof fileUnit>>>();
    const unitOf = async (id: string) => units.get(id) ?? units.set(id, await fileUnit(tx, ctx.actor, id)).get(id)!;

    const outcomes: ImportOutcome[] = [];
    const inserts: { row: q.NewPersonRow; unit: { id: string; name: string; path: string } }[] = [];
    const entries: AuditEntry[] = [];
    const seen = new Set<string>();
    for (const { input, identity } of prepared) {
      const hash = idHash(input.idType, identity.idNumber);
      if (seen.has(hash)) throw conflict('person.exists', { unit: '' });
      seen.add(hash);
      const existing = known.get(hash);
      if (!existing) {
        const unit = await unitOf(input.orgUnitId);
        inserts.push({ row: { id: crypto.randomUUID(), ...columns(input, identity), orgUnitId: unit.id, createdBy: ctx.actor.userId }, unit });
        outcomes.push('imported');
        continue;
      }
      if (!inScope(ctx.actor, 'person.write', existing.orgPath)) throw conflict('person.exists', { unit: existing.orgName });
      const merged = mergeLedger(currentInput(existing), input);
      const cols = columns(merged, identity);
      if (cols.contentHash === existing.person.contentHash) {
        outcomes.push('unchanged');
        continue;
      }
      const { idNumberEnc: _e, idNumberHash: _h, ...patch } = cols;
      const updated = await q.update(tx, existing.person.id, patch);
      const after = { ...existing, person: updated };
      entries.push({ action: 'person.update', entityType: 'person', entityId: updated.id, personId: updated.id, orgPath: existing.orgPath, before: snapshot(existing), after: snapshot(after), details: { source: 'ledger' } });
      outcomes.push('updated');
    }
    if (inserts.length) {
      const rows = await q.insertMany(tx, inserts.map((x) => x.row));
      await q.insertAssignments(tx, rows.map((r) => ({ personId: r.id, kind: 'assign' as const, orgUnitId: r.orgUnitId, reason: '台账导入', actorId: ctx.actor.userId })));
      rows.forEach((row, i) => {
        const unit = inserts[i]!.unit;
        const full: PersonWithContext = { person: row, orgPath: unit.path, orgName: unit.name, orgLevel: '', workerName: null };
        entries.push({ action: 'person.create', entityType: 'person', entityId: row.id, personId: row.id, orgPath: unit.path, after: snapshot(full), details: { source: 'ledger' } });
      });
    }
    await audit.recordMany(tx, ctx, entries);
    return outcomes;
  }

  return {
    view,
    access,

    create: (ctx: Ctx, input: PersonInput) =>
      db.transaction(async (tx) => {
        const identity = await validate(tx, input, deps.clock.today());
        return view(await insertPerson(tx, ctx, input, identity));
      }),

    /**
     * Ledger import of one row, inside the import's transaction: a new ID number creates a
     * file, a known one in scope is updated, the same content again changes nothing.
     */
    async upsertFromLedger(tx: Executor, ctx: Ctx, input: PersonInput): Promise<ImportOutcome> {
      const [outcome] = await importRows(tx, ctx, [input]);
      return outcome!;
    },

    /**
     * The same for a batch of rows, with a few statements per batch instead of a dozen per row:
     * one lookup of the known ID numbers, multi-row inserts, one append to the audit chain.
     * All or nothing: the caller retries row by row if the batch fails.
     */
    importBatch: (tx: Executor, ctx: Ctx, inputs: PersonInput[]) => importRows(tx, ctx, inputs),

    /**
     * After a bulk write (a large import): fresh planner statistics for the person tables.
     * PGlite has no autovacuum, and PostgreSQL's may come minutes later; without them the
     * person page read a 2,000,000-person city with hash joins over whole tables (234 ms
     * instead of 17).
     */
    refreshStatistics: (exec: Executor) => q.analyzePersonTables(exec),

    /** One stored ciphertext, so a start can tell whether its data key opens this database. */
    encryptedSample: (exec: Executor) => q.anyEncryptedValue(exec),

    validate: (exec: Executor, input: PersonInput) => validate(exec, input, deps.clock.today()),

    update: (ctx: Ctx, id: string, patch: PersonUpdate) =>
      db.transaction(async (tx) => {
        const before = await access(tx, ctx.actor, id, 'person.write');
        const current = currentInput(before);
        const { version, ...changes } = patch;
        // Only what was sent changes; null clears an optional field.
        const merged = { ...current } as Record<string, unknown>;
        for (const [k, v] of Object.entries(changes)) if (v !== undefined) merged[k] = v === null ? undefined : v;
        const identity = await validate(tx, merged as PersonInput, deps.clock.today());
        const { idNumberEnc: _e, idNumberHash: _h, ...cols } = columns(merged as PersonInput, identity);
        const row = await q.updateVersioned(tx, id, version, cols);
        if (!row) throw conflict('person.version_conflict');
        const after = (await q.byId(tx, id))!;
        await audit.record(tx, ctx, { action: 'person.update', entityType: 'person', entityId: id, personId: id, orgPath: after.orgPath, before: snapshot(before), after: snapshot(after) });
        return view(after);
      }),

    /** Reads one file; every read is audited (RULES P3). */
    async get(ctx: Ctx, id: string, purpose?: string) {
      const r = await access(db, ctx.actor, id);
      await audit.record(db, ctx, { action: 'person.read', entityType: 'person', entityId: id, personId: id, orgPath: r.orgPath, purpose });
      return view(r);
    },

    /** The clear ID number, phone and addresses: needs person.pii.read and a stated purpose; audited. */
    async unmask(ctx: Ctx, id: string, purpose: string) {
      const r = await access(db, ctx.actor, id, 'person.pii.read');
      await audit.record(db, ctx, { action: 'person.unmask', entityType: 'person', entityId: id, personId: id, orgPath: r.orgPath, purpose });
      const p = r.person;
      return {
        idNumber: cipher.decrypt(p.idNumberEnc),
        phone: dec(p.phoneEnc),
        registeredAddress: dec(p.registeredAddressEnc),
        residenceAddress: dec(p.residenceAddressEnc),
        familyContacts: p.familyContactsEnc ? (JSON.parse(cipher.decrypt(p.familyContactsEnc)) as PersonInput['familyContacts']) : [],
      };
    },

    /** One person, one file: tells whether an ID number is on file anywhere, and only which unit holds it. */
    async exists(ctx: Ctx, idType: string, idNumber: string) {
      const r = await q.byIdHash(db, idHash(idType, idNumber.trim()));
      await audit.record(db, ctx, { action: 'person.exists_check', entityType: 'person', entityId: r?.person.id, personId: r?.person.id, orgPath: r?.orgPath ?? null, details: { found: !!r } });
      if (!r) return { exists: false, holderUnitName: null, personId: null };
      const visible = inScope(ctx.actor, 'person.read', r.orgPath) && !r.person.sealed;
      return { exists: true, holderUnitName: r.orgName, personId: visible ? r.person.id : null };
    },

    async search(ctx: Ctx, query: PersonListQuery) {
      const scope = scopePaths(ctx.actor, 'person.read');
      let under: string | undefined;
      if (query.orgUnitId) {
        const unit = await deps.org.byId(db, query.orgUnitId);
        if (!unit || !inScope(ctx.actor, 'person.read', unit.path)) throw notFound('org');
        under = unit.path;
      }
      const res = await deps.reader.read(ctx.actor, (exec) => q.list(exec, { ...filterOf(query, scope), under }, query.limit, query.offset));
      await audit.record(db, ctx, { action: 'person.search', entityType: 'person', details: { query, returned: res.items.length, total: res.total } });
      return { items: res.items.map(view), total: res.total };
    },

    filterOf,
    listPage: q.listPage,

    assign: (ctx: Ctx, id: string, input: { orgUnitId: string; workerId?: string | null; workTeam?: unknown[]; reason: string }) =>
      db.transaction(async (tx) => {
        const before = await access(tx, ctx.actor, id, 'person.write');
        const unit = await fileUnit(tx, ctx.actor, input.orgUnitId);
        await checkWorker(tx, ctx.actor, input.workerId);
        const workTeam = input.workTeam ?? (before.person.workTeam as unknown[]);
        await q.update(tx, id, { orgUnitId: unit.id, responsibleWorkerId: input.workerId ?? null, workTeam });
        await q.insertAssignment(tx, {
          personId: id, kind: before.person.orgUnitId === unit.id ? 'assign' : 'reassign', fromOrgUnitId: before.person.orgUnitId,
          orgUnitId: unit.id, workerId: input.workerId ?? null, workTeam, reason: input.reason, actorId: ctx.actor.userId,
        });
        const after = (await q.byId(tx, id))!;
        await audit.record(tx, ctx, { action: 'person.assign', entityType: 'person', entityId: id, personId: id, orgPath: after.orgPath, before: snapshot(before), after: snapshot(after), purpose: input.reason });
        return view(after);
      }),

    /** A community sends the person back up to its street, with a reason (e.g. not living here). */
    returnToStreet: (ctx: Ctx, id: string, reason: string) =>
      db.transaction(async (tx) => {
        const before = await access(tx, ctx.actor, id, 'person.write');
        if (before.orgLevel !== 'community' && before.orgLevel !== 'grid') throw badRequest('person.return_not_community');
        let unit = await deps.org.byId(tx, before.person.orgUnitId);
        while (unit && unit.level !== 'street' && unit.parentId) unit = await deps.org.byId(tx, unit.parentId);
        if (!unit || unit.level !== 'street') throw badRequest('person.return_not_community');
        await q.update(tx, id, { orgUnitId: unit.id, responsibleWorkerId: null });
        await q.insertAssignment(tx, { personId: id, kind: 'return_to_street', fromOrgUnitId: before.person.orgUnitId, orgUnitId: unit.id, reason, actorId: ctx.actor.userId });
        const after = (await q.byId(tx, id))!;
        await audit.record(tx, ctx, { action: 'person.return_to_street', entityType: 'person', entityId: id, personId: id, orgPath: after.orgPath, before: snapshot(before), after: snapshot(after), purpose: reason });
        return view(after);
      }),

    assignments: async (ctx: Ctx, id: string) => {
      await access(db, ctx.actor, id);
      return q.assignmentsOf(db, id);
    },

    /** Called by the measures module whenever a measure changes: the status is derived, never typed in. */
    setDerivedStatus: (exec: Executor, id: string, status: string, measureKind: string | null) => q.setStatus(exec, id, status, measureKind),

    /** Measures, documents and later modules add their lines to the person's timeline. */
    registerTimelineSource(source: TimelineSource) {
      timelineSources.push(source);
    },

    async timeline(ctx: Ctx, id: string) {
      const r = await access(db, ctx.actor, id);
      const parts: TimelineEntry[][] = [];
      for (const source of timelineSources) parts.push(await source(db, id));
      await audit.record(db, ctx, { action: 'person.timeline.read', entityType: 'person', entityId: id, personId: id, orgPath: r.orgPath });
      return mergeTimeline(parts);
    },

    /**
     * The least that tells an auditor whose file an audit row concerns (issue 9 item 21): the
     * masked name and the ID number's last four. The audit viewer's only way to a person.
     */
    async auditLabels(exec: Executor, ids: string[]): Promise<Map<string, { name: string; idLast4: string }>> {
      const list = await q.labelsOf(exec, ids);
      return new Map(list.map((r) => [r.id, { name: maskName(r.name), idLast4: r.idLast4 }]));
    },

    registerOrgUsage() {
      deps.org.registerUsage({ 'zh-CN': '人员档案', 'en-US': 'person files' }, (exec, unitId) => q.countInUnit(exec, unitId));
    },
  };

  function currentInput(r: PersonWithContext): PersonInput {
    const p = r.person;
    return {
      orgUnitId: p.orgUnitId,
      name: p.name,
      formerNames: p.formerNames,
      sex: p.sex,
      birthDate: p.birthDate,
      ethnicity: p.ethnicity ?? undefined,
      nationality: p.nationality,
      idType: p.idType,
      idNumber: cipher.decrypt(p.idNumberEnc),
      phone: dec(p.phoneEnc) ?? undefined,
      registeredAddress: dec(p.registeredAddressEnc) ?? undefined,
      residenceAddress: dec(p.residenceAddressEnc) ?? undefined,
      education: p.education ?? undefined,
      maritalStatus: p.maritalStatus ?? undefined,
      employmentStatus: p.employmentStatus ?? undefined,
      employer: p.employer ?? undefined,
      occupation: p.occupation ?? undefined,
      drugTypes: p.drugTypes,
      useMethods: p.useMethods,
      firstUseDate: p.firstUseDate ?? undefined,
      familyContacts: p.familyContactsEnc ? JSON.parse(cipher.decrypt(p.familyContactsEnc)) : [],
      riskLevel: p.riskLevel ?? undefined,
    };
  }

  function filterOf(query: PersonListQuery, scope: string[]): q.ListFilter {
    const text = query.q?.trim();
    let t: q.ListFilter['text'];
    if (text) {
      if (/^[a-zA-Z]+$/.test(text)) t = { kind: 'letters', value: text };
      else if (/^\d{3}[\dXx]$/.test(text)) t = { kind: 'last4', value: text };
      else if (/^\d{17}[\dXx]$/.test(text)) t = { kind: 'hash', value: idHash('resident_id', text) };
      else t = { kind: 'name', value: text };
    }
    return { scope, text: t, status: query.status, measureKind: query.measureKind, riskLevel: query.riskLevel, workerId: query.workerId, sort: query.sort, order: query.order };
  }
}

export type PersonService = ReturnType<typeof createPersonService>;
