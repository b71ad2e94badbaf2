import './audit-actions';
import crypto from 'node:crypto';
import type { Db, Executor, Reader } from '../../db/client';
import type { Clock } from '../../clock';
import type { DataCipher } from '../../lib/data-key';
import { AppError, badRequest, conflict, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, scopePaths, type Principal, type RequestContext } from '../../http/context';
import { canonicalIdNumber, maskIdNumber, maskPhone } from '../../../core/rules/id-number';
import { daysBetween } from '../../../core/rules/dates';
import type { PersonInput, PersonListQuery, PersonUpdate } from '../../../core/contracts/persons';
import { localized } from '../../../core/labels';
import { isFileLevel } from '../../../core/rules/filing';
import type { Permission } from '../../../core/contracts/permissions';
import type { AuditService, AuditEntry } from '../audit/service';
import type { OrgService } from '../org/service';
import type { DictionaryService } from '../dictionaries/service';
import type { UserService } from '../users/service';
import { personColumns, idNumberHash, idLast4Index, type Identity } from './record';
import * as q from './queries';
import { TIE, decodeCursor, encodeCursor, mergeTimeline, wants, type TimelineEntry, type TimelineSource, type TimelineWindow } from './timeline';
import type { TimelineKind } from '../../../core/contracts/persons';
import type { PersonPage } from '../../../core/contracts/person-page';
import { checkPersonInput } from './file-check';
import type { PreparedFile } from './prepare-file';
import { canonicalJson } from '../audit/canonical';
import { createLookupLimiter, transferUnit } from './lookup';
import { isOpenFile } from './relations';
import { isPoliceViewer } from '../../../core/rules/delisting';

registerMessages({
  'person.not_found': ['人员档案不存在', 'No such person file'],
  'person.timeline_cursor': ['时间线分页参数无效，请从第一页重新加载', 'This timeline page marker is not valid: reload from the first page'],
  'person.exists': [
    '该证件号码已在「{unit}」建档，不能重复建档；如人员迁入，请申请移交',
    'A file with this ID number is held by {unit}; no second file is created. If the person moved, request a transfer',
  ],
  'person.org_level': ['人员档案须归属街道、社区或网格', 'A person file belongs to a street, community or grid'],
  'person.version_conflict': ['该档案已被他人修改，请刷新后查看两个版本再保存', 'Someone else changed this file meanwhile: reload to see both versions before saving'],
  'person.worker_invalid': ['责任社工须为本辖区内的在用账号', 'The responsible social worker must be an active account in this area'],
  'person.return_not_community': ['只有社区可以将人员退回街道', 'Only a community can send a person back to the street'],
  'person.purpose_required': ['请说明查看理由', 'State the purpose'],
  'person.lookup_limited': ['全市查重次数已达上限（每人每小时 {perHour} 次），请稍后再试', 'You have used your {perHour} city-wide ID checks of this hour: try again later'],
});

type Ctx = RequestContext & { actor: Principal };
export interface TimelineQuery {
  cursor?: string;
  limit: number;
  kinds?: TimelineKind[];
}
/** Parts of the person page other modules own (the page reads them after its one scope check). */
type PagePart<K extends 'measures'> = (exec: Executor, personId: string, view: { hideVoluntary: boolean }) => Promise<PersonPage[K]>;
/**
 * A reach beyond the org scope or the seal, for a read only: a sealed-file opening or a
 * break-the-glass read (sealing module, P4). Answers the kind of reach, or null.
 */
export type AccessWaiver = (
  exec: Executor,
  actor: Principal,
  file: { personId: string; orgPath: string; sealed: boolean },
  perm: Permission,
) => Promise<'sealed_open' | 'break_glass' | null>;
export type ImportOutcome = 'imported' | 'updated' | 'unchanged';
export type PersonRow = q.PersonRow;
export type PersonWithContext = q.PersonWithContext;

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
  /** City-wide ID-number lookups per user and hour (9.7). */
  idLookupsPerHour: number;
}) {
  const { db, cipher, audit } = deps;
  const timelineSources: TimelineSource[] = [];
  const waivers: AccessWaiver[] = [];
  const pageParts: { measures?: PagePart<'measures'> } = {};
  // The file's own lines: its creation and every assignment (C3). Read from the row the scope
  // check already loaded, so a page costs one query for them.
  async function ownLines(exec: Executor, r: PersonWithContext, w: TimelineWindow): Promise<TimelineEntry[]> {
    const personId = r.person.id;
    const lines: TimelineEntry[] = [];
    if (wants(w, 'person')) {
      lines.push({
        at: r.person.createdAt,
        date: r.person.createdAt.toISOString().slice(0, 10),
        kind: 'person',
        title: { 'zh-CN': '建档', 'en-US': 'File created' },
        detail: r.orgName,
        refId: personId,
        tie: TIE.person,
        key: personId,
      });
    }
    if (!wants(w, 'assignment')) return lines;
    for (const x of await q.assignmentsOf(exec, personId)) {
      const who = [x.fromName && x.fromName !== x.orgName ? `${x.fromName} → ${x.orgName}` : x.orgName, x.workerName].filter(Boolean).join(' · ');
      lines.push({
        at: x.a.at,
        date: x.a.at.toISOString().slice(0, 10),
        kind: 'assignment',
        title: localized('assignmentKind', x.a.kind),
        detail: [who, x.a.reason].filter(Boolean).join(' — '),
        refId: x.a.id,
        tie: TIE.assignment,
        key: x.a.id,
      });
    }
    return lines;
  }
  /** One page of the timeline of a file already read and scope-checked: the sources run side by side on PostgreSQL. */
  async function timelinePage(r: PersonWithContext, query: TimelineQuery, actor: Principal) {
    const w: TimelineWindow = {
      after: query.cursor ? decodeCursor(query.cursor) : null,
      kinds: query.kinds ? new Set(query.kinds) : null,
      limit: query.limit,
      hideVoluntary: isPoliceViewer(actor.grants),
    };
    const parts = await Promise.all([ownLines(db, r, w), ...timelineSources.map((source) => source(db, r.person.id, w))]);
    const { items, next } = mergeTimeline(parts, w);
    return {
      items: items.map((e) => ({ at: e.at.toISOString(), date: e.date, kind: e.kind, title: e.title, detail: e.detail, refId: e.refId })),
      nextCursor: next ? encodeCursor(next) : null,
    };
  }
  const dec = (v: string | null) => (v ? cipher.decrypt(v) : null);
  const idHash = (idType: string, idNumber: string) => idNumberHash(cipher, idType, idNumber);
  const lookups = createLookupLimiter({ perHour: deps.idLookupsPerHour, now: () => deps.clock.now().getTime() });

  /** One city-wide lookup from the actor's hourly budget; spent, it is refused (429) and the refusal audited. */
  async function spendLookup(exec: Executor, ctx: Ctx, via: 'exists' | 'create' | 'transfer') {
    if (lookups.take(ctx.actor.userId)) return;
    await audit.record(exec, ctx, { action: 'person.exists_check', outcome: 'denied', entityType: 'person', details: { scope: 'city', via, reason: 'rate_limited' } });
    throw new AppError('person.lookup_limited', 429, [], { perHour: deps.idLookupsPerHour });
  }

  /** Checks the input against the rules and dictionaries (file-check.ts); returns the identity in its stored form. */
  async function validate(exec: Executor, input: PersonInput, today: string): Promise<Identity> {
    const isCode = await deps.dictionaries.codeCheck(exec);
    return checkPersonInput(input, today, isCode);
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
    if (!r) throw notFound('person');
    if (isOpenFile(r.person) && inScope(actor, perm, r.orgPath)) return r;
    // P4: a sealed file, or one outside the scope, only through an opening the sealing module holds.
    for (const waiver of waivers) if (await waiver(exec, actor, { personId: id, orgPath: r.orgPath, sealed: r.person.sealed }, perm)) return r;
    throw notFound('person');
  }

  async function fileUnit(exec: Executor, actor: Principal, orgUnitId: string) {
    const unit = await deps.org.byId(exec, orgUnitId);
    if (!unit || !inScope(actor, 'person.write', unit.path)) throw notFound('org');
    if (!isFileLevel(unit.level)) throw fieldError('orgUnitId', 'person.org_level');
    return unit;
  }

  async function checkWorker(exec: Executor, actor: Principal, workerId: string | null | undefined) {
    if (!workerId) return;
    const w = await deps.users.byId(workerId, exec);
    if (!w || !w.user.active || !inScope(actor, 'person.write', w.orgPath)) throw fieldError('workerId', 'person.worker_invalid');
  }

  async function insertPerson(tx: Executor, ctx: Ctx, input: PersonInput, identity: Awaited<ReturnType<typeof validate>>) {
    const unit = await fileUnit(tx, ctx.actor, input.orgUnitId);
    const existing = await q.byIdHash(tx, idHash(identity.idType, identity.idNumber));
    if (existing) throw await existsConflict(tx, ctx.actor, existing);
    const row = await q.insert(tx, { ...columns(input, identity), orgUnitId: unit.id, createdBy: ctx.actor.userId });
    await q.insertAssignment(tx, { personId: row.id, kind: 'assign', orgUnitId: unit.id, reason: null, actorId: ctx.actor.userId });
    const full = (await q.byId(tx, row.id))!;
    await audit.record(tx, ctx, { action: 'person.create', entityType: 'person', entityId: row.id, personId: row.id, orgPath: full.orgPath, after: snapshot(full) });
    return full;
  }

  /**
   * The 409 of a second file (C7): the holding street, and how to ask it for the file — the
   * request is made with the ID number the asker already typed, so the answer carries no id of
   * the person and nothing of his file (issue 14).
   */
  async function existsConflict(exec: Executor, actor: Principal, r: PersonWithContext): Promise<AppError> {
    const err = conflict('person.exists', { unit: await holderName(exec, actor, r) });
    const visible = inScope(actor, 'person.read', r.orgPath) && !r.person.sealed;
    err.details = visible ? { personId: r.person.id } : { transfer: { request: '/api/transfers/requests', fields: ['idType', 'idNumber', 'toOrgUnitId', 'reason'] } };
    return err;
  }

  /** Who holds a file, as told to someone it does not belong to: the street to ask for a transfer (9.7). */
  async function holderName(exec: Executor, actor: Principal, r: PersonWithContext): Promise<string> {
    if (inScope(actor, 'person.read', r.orgPath) && isOpenFile(r.person)) return r.orgName;
    return (await transferUnit((uid) => deps.org.byId(exec, uid), r.person.orgUnitId))?.name ?? r.orgName;
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

  /** The fields of a file that an update changed (names only: what the audit row says of it). */
  function changedFields(before: PersonInput, after: PersonInput): string[] {
    return (Object.keys(after) as (keyof PersonInput)[]).filter((k) => k !== 'orgUnitId' && canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null));
  }

  /**
   * Writes a batch of ledger rows already checked and encrypted (prepare-file.ts, in the import's
   * workers): a few statements for the batch — one lookup of the known ID numbers, one insert
   * per table as one JSON parameter, one append to the audit trail. A known number in scope
   * updates what the ledger carries; the same content changes nothing; a number held outside
   * the importer's scope is refused. All or nothing: the caller retries row by row if it fails.
   * Audit rows name the file, the import job and the fields changed, never their values (P3).
   */
  async function importPrepared(tx: Executor, ctx: Ctx, files: PreparedFile[], jobId: string): Promise<ImportOutcome[]> {
    const known = new Map(
      (
        await q.byIdHashes(
          tx,
          files.map((f) => f.idHash),
        )
      ).map((r) => [r.person.idNumberHash, r]),
    );
    const outcomes: ImportOutcome[] = [];
    const inserts: q.NewPersonRow[] = [];
    const entries: AuditEntry[] = [];
    for (const f of files) {
      const existing = known.get(f.idHash);
      if (!existing) {
        inserts.push({ id: crypto.randomUUID(), ...f.columns, orgUnitId: f.orgUnitId, createdBy: ctx.actor.userId });
        outcomes.push('imported');
        continue;
      }
      if (!inScope(ctx.actor, 'person.write', existing.orgPath)) throw conflict('person.exists', { unit: await holderName(tx, ctx.actor, existing) });
      if (f.columns.contentHash === existing.person.contentHash) {
        outcomes.push('unchanged');
        continue;
      }
      const current = currentInput(existing);
      const merged = mergeLedger(current, f.input);
      const cols = columns(merged, { ...f.identity, idType: existing.person.idType });
      if (cols.contentHash === existing.person.contentHash) {
        outcomes.push('unchanged');
        continue;
      }
      const { idNumberEnc: _e, idNumberHash: _h, idType: _t, idLast4Index: _l, ...patch } = cols;
      await q.update(tx, existing.person.id, patch);
      entries.push({
        action: 'person.update',
        entityType: 'person',
        entityId: existing.person.id,
        personId: existing.person.id,
        orgPath: existing.orgPath,
        details: { source: 'ledger', jobId, fields: changedFields(current, merged) },
      });
      outcomes.push('updated');
    }
    if (inserts.length) {
      await q.insertManyJson(tx, inserts);
      await q.insertAssignmentsJson(
        tx,
        inserts.map((r) => ({ personId: r.id!, kind: 'assign' as const, orgUnitId: r.orgUnitId, reason: '台账导入', actorId: ctx.actor.userId })),
      );
      const paths = new Map<string, string | null>();
      for (const id of new Set(inserts.map((r) => r.orgUnitId))) paths.set(id, (await deps.org.byId(tx, id))?.path ?? null);
      for (const r of inserts)
        entries.push({ action: 'person.create', entityType: 'person', entityId: r.id, personId: r.id, orgPath: paths.get(r.orgUnitId), details: { source: 'ledger', jobId } });
    }
    await audit.recordMany(tx, ctx, entries);
    return outcomes;
  }

  return {
    /** P4, issue 14: the retention purge of a person's rows of this module, in the purge's transaction (sealing/daily.ts). */
    purgePerson: (tx: Executor, personId: string) => q.purgePerson(tx, personId),
    view,
    access,

    /**
     * A new file. A number on file elsewhere is refused naming the holder (the transfer route,
     * JOURNEYS 3); that refusal is a city-wide lookup too, counted and audited like one (9.7).
     */
    create: async (ctx: Ctx, input: PersonInput) => {
      try {
        return await db.transaction(async (tx) => {
          const identity = await validate(tx, input, deps.clock.today());
          return view(await insertPerson(tx, ctx, input, identity));
        });
      } catch (err) {
        if (err instanceof AppError && err.code === 'person.exists') {
          await spendLookup(db, ctx, 'create');
          await audit.record(db, ctx, { action: 'person.exists_check', entityType: 'person', details: { scope: 'city', via: 'create', found: true } });
        }
        throw err;
      }
    },

    /**
     * Ledger rows checked and encrypted away from the database (prepare-file.ts), written in one
     * go inside the import's transaction; see importPrepared. All or nothing: on a failure the
     * ledger retries the rows one by one, each in its own savepoint.
     */
    importPrepared,

    /**
     * After a bulk write (a large import): fresh planner statistics for the person tables.
     * PGlite has no autovacuum, and PostgreSQL's may come minutes later; without them the
     * person page read a 2,000,000-person city with hash joins over whole tables (234 ms
     * instead of 17).
     */
    refreshStatistics: (exec: Executor) => q.analyzePersonTables(exec),

    /**
     * At start, after the migrations: gives rows written before migration 0003 the blind index of
     * their last four (the clear column is gone; the value comes from the encrypted number).
     * Pages of 1,000, each its own transaction, so a large city is done in seconds and an
     * interrupted start resumes where it stopped. Returns the number of rows filled.
     */
    async backfillIdentityIndexes(): Promise<number> {
      let done = 0;
      for (;;) {
        const page = await q.withoutLast4Index(db, 1000);
        if (page.length === 0) return done;
        await db.transaction((tx) =>
          q.setLast4Indexes(
            tx,
            page.map((r) => ({ id: r.id, idx: idLast4Index(cipher, cipher.decrypt(r.idNumberEnc)) })),
          ),
        );
        done += page.length;
      }
    },

    /** One stored ciphertext, so a start can tell whether its data key opens this database. */
    encryptedSample: (exec: Executor) => q.anyEncryptedValue(exec),

    update: (ctx: Ctx, id: string, patch: PersonUpdate) =>
      db.transaction(async (tx) => {
        const before = await access(tx, ctx.actor, id, 'person.write');
        const current = currentInput(before);
        const { version, ...changes } = patch;
        // Only what was sent changes; null clears an optional field.
        const merged = { ...current } as Record<string, unknown>;
        for (const [k, v] of Object.entries(changes)) if (v !== undefined) merged[k] = v === null ? undefined : v;
        const identity = await validate(tx, merged as PersonInput, deps.clock.today());
        // The identifier never changes by an edit (not even a legacy row's type): only the rest is written.
        const { idNumberEnc: _e, idNumberHash: _h, idType: _t, idLast4Index: _l, ...cols } = columns(merged as PersonInput, identity);
        const row = await q.updateVersioned(tx, id, version, cols);
        if (!row) throw conflict('person.version_conflict');
        const after = (await q.byId(tx, id))!;
        await audit.record(tx, ctx, {
          action: 'person.update',
          entityType: 'person',
          entityId: id,
          personId: id,
          orgPath: after.orgPath,
          before: snapshot(before),
          after: snapshot(after),
        });
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

    /**
     * One person, one file: whether an ID number is on file anywhere in the city (9.7). Asked only
     * by users who may create files (the route), within their hourly budget; audited every time
     * as a city-wide lookup (found or not, no number); the answer names the street to ask for a
     * transfer, and the file itself only when it lies in the asker's own area.
     */
    async exists(ctx: Ctx, idType: string, idNumber: string) {
      const id = canonicalIdNumber(idType, idNumber, deps.clock.today());
      if (!id.ok) throw fieldError('idNumber', id.code);
      await spendLookup(db, ctx, 'exists');
      const r = await q.byIdHash(db, idHash(id.idType, id.idNumber));
      await audit.record(db, ctx, {
        action: 'person.exists_check',
        entityType: 'person',
        personId: r?.person.id,
        orgPath: r?.orgPath ?? null,
        details: { scope: 'city', found: !!r },
      });
      if (!r) return { exists: false, holderUnitName: null, personId: null };
      const visible = inScope(ctx.actor, 'person.read', r.orgPath) && isOpenFile(r.person);
      const holder = visible ? { name: r.orgName } : await transferUnit((uid) => deps.org.byId(db, uid), r.person.orgUnitId);
      return { exists: true, holderUnitName: holder?.name ?? r.orgName, personId: visible ? r.person.id : null };
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

    /**
     * The persons of a list filter for an export, 1,000 a page in name order, read through the
     * reader: each as the list shows him, with his identifiers in clear only when `unmasked`
     * (P1, P6; decrypted here, never stored). The caller checked the permission and purpose.
     */
    async *exportPages(actor: Principal, filter: q.ListFilter, unmasked: boolean) {
      let afterName = '';
      let afterId = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const page = await deps.reader.read(actor, (exec) => q.listPage(exec, filter, afterName, afterId, 1000));
        yield page.map((r) => {
          const p = r.person;
          const clear = unmasked
            ? {
                idNumber: dec(p.idNumberEnc) ?? '',
                phone: dec(p.phoneEnc) ?? '',
                registeredAddress: dec(p.registeredAddressEnc) ?? '',
                residenceAddress: dec(p.residenceAddressEnc) ?? '',
              }
            : null;
          return { view: view(r), clear };
        });
        if (page.length < 1000) return;
        const last = page[page.length - 1]!.person;
        afterName = last.namePinyin;
        afterId = last.id;
      }
    },

    /** Unit, path, worker and seal of some persons (other modules' recomputes and reminders). */
    contextOf: (exec: Executor, ids: string[]) => q.contextOf(exec, ids),

    /**
     * Locks the persons' rows for the rest of `tx`, in id order, and returns what `contextOf`
     * does: two writes about one person (a record and the daily run) follow one another.
     */
    lockForUpdate: (tx: Executor, ids: string[]) => q.lockContextOf(tx, ids),

    /** The org path of a person's current unit, or null (policy follows the person). */
    orgPathOf: (exec: Executor, personId: string) => q.orgPathOf(exec, personId),

    /** The phone on file, decrypted at send time, and the person's path; null when none or sealed (P2). */
    async smsRecipient(exec: Executor, personId: string): Promise<{ phone: string; orgPath: string } | null> {
      const p = await q.phoneOf(exec, personId);
      if (!p?.phoneEnc || !isOpenFile(p)) return null;
      return { phone: cipher.decrypt(p.phoneEnc), orgPath: p.orgPath };
    },

    assign: (ctx: Ctx, id: string, input: { orgUnitId: string; workerId?: string | null; workTeam?: unknown[]; reason: string }) =>
      db.transaction(async (tx) => {
        const before = await access(tx, ctx.actor, id, 'person.write');
        const unit = await fileUnit(tx, ctx.actor, input.orgUnitId);
        await checkWorker(tx, ctx.actor, input.workerId);
        const workTeam = input.workTeam ?? (before.person.workTeam as unknown[]);
        await q.update(tx, id, { orgUnitId: unit.id, responsibleWorkerId: input.workerId ?? null, workTeam });
        await q.insertAssignment(tx, {
          personId: id,
          kind: before.person.orgUnitId === unit.id ? 'assign' : 'reassign',
          fromOrgUnitId: before.person.orgUnitId,
          orgUnitId: unit.id,
          workerId: input.workerId ?? null,
          workTeam,
          reason: input.reason,
          actorId: ctx.actor.userId,
        });
        const after = (await q.byId(tx, id))!;
        await audit.record(tx, ctx, {
          action: 'person.assign',
          entityType: 'person',
          entityId: id,
          personId: id,
          orgPath: after.orgPath,
          before: snapshot(before),
          after: snapshot(after),
          purpose: input.reason,
        });
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
        await audit.record(tx, ctx, {
          action: 'person.return_to_street',
          entityType: 'person',
          entityId: id,
          personId: id,
          orgPath: after.orgPath,
          before: snapshot(before),
          after: snapshot(after),
          purpose: reason,
        });
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

    /** The measures module gives the page its measures (it depends on persons, not the reverse). */
    registerPagePart(name: 'measures', part: PagePart<'measures'>) {
      pageParts[name] = part;
    },

    /** One page of the timeline, newest fact first, optionally of some kinds only (9.20); each page read is audited. */
    async timeline(ctx: Ctx, id: string, query: TimelineQuery) {
      const r = await access(db, ctx.actor, id);
      const page = await timelinePage(r, query, ctx.actor);
      await audit.record(db, ctx, { action: 'person.timeline.read', entityType: 'person', entityId: id, personId: id, orgPath: r.orgPath });
      return page;
    },

    /**
     * 人员详情 in one request (issue 11 item 2): the file, its measures and the timeline's first
     * page under one scope check, and one audit row for the view.
     */
    async page(ctx: Ctx, id: string, query: TimelineQuery & { purpose?: string }): Promise<PersonPage> {
      const r = await access(db, ctx.actor, id);
      const [measures, timeline] = await Promise.all([
        pageParts.measures ? pageParts.measures(db, id, { hideVoluntary: isPoliceViewer(ctx.actor.grants) }) : [],
        timelinePage(r, query, ctx.actor),
      ]);
      await audit.record(db, ctx, { action: 'person.page.read', entityType: 'person', entityId: id, personId: id, orgPath: r.orgPath, purpose: query.purpose });
      return { person: view(r), measures, timeline };
    },

    /**
     * The least that tells an auditor whose file an audit row concerns (issue 9 item 21): the
     * masked name and the ID number's last four. The audit viewer's only way to a person.
     */
    async auditLabels(exec: Executor, ids: string[]): Promise<Map<string, { name: string; idLast4: string }>> {
      const list = await q.labelsOf(exec, ids);
      return new Map(list.map((r) => [r.id, { name: maskName(r.name), idLast4: (dec(r.idNumberEnc) ?? '').slice(-4) }]));
    },

    /** A partner's view of referred persons: name and phone in clear, nothing else (issue 12 item 5, P1). */
    async contactsOf(exec: Executor, ids: string[]): Promise<Map<string, { name: string; phone: string | null }>> {
      return new Map((await q.contactsOf(exec, ids)).map((r) => [r.id, { name: r.name, phone: dec(r.phoneEnc) }]));
    },
    idsUnderMeasureIn: (exec: Executor, orgPath: string) => q.idsUnderMeasureIn(exec, orgPath),
    /** #15 reports (月通报): files opened under a subtree in a period, a count only; the caller checks scope. */
    filedCountIn: (exec: Executor, f: { path: string; from: string; to: string; timeZone: string }) => q.filedCountIn(exec, f),
    /** #16 capacity (K12): persons under a community measure in a subtree by responsible worker; the caller checks scope. */
    caseloadsUnder: (exec: Executor, orgPath: string) => q.caseloadsUnder(exec, orgPath),
    /** When some persons were transferred in (C7), for assistance's re-assessment; no scope check. */
    transfersOf: (exec: Executor, ids: string[]) => q.transfersOf(exec, ids),

    /**
     * C7: the file by its ID number, for a transfer request of the street that found it held
     * elsewhere: a city-wide lookup like `exists`, from the same hourly budget and audited the
     * same way; no scope check (the caller tells the asker no more than the essentials).
     */
    async lookupForTransfer(exec: Executor, ctx: Ctx, idType: string, idNumber: string): Promise<PersonWithContext | undefined> {
      const id = canonicalIdNumber(idType, idNumber, deps.clock.today());
      if (!id.ok) throw fieldError('idNumber', id.code);
      await spendLookup(exec, ctx, 'transfer');
      const r = await q.byIdHash(exec, idHash(id.idType, id.idNumber));
      await audit.record(exec, ctx, {
        action: 'person.exists_check',
        entityType: 'person',
        personId: r?.person.id,
        orgPath: r?.orgPath ?? null,
        details: { scope: 'city', via: 'transfer', found: !!r },
      });
      return r;
    },

    /** A file without a scope check (the transfers module checks its own right to it); undefined when missing. */
    byIdUnchecked: (exec: Executor, id: string) => q.byId(exec, id),

    /** C7: the street to which a unit's files belong (a transfer is made between streets). */
    streetOf: (exec: Executor, unitId: string) => transferUnit((uid) => deps.org.byId(exec, uid), unitId),

    /** C7: what a street asked to take a file sees before it accepts: the name and the ID number's last four, nothing else of the file. */
    async essentialsOf(exec: Executor, ids: string[]): Promise<Map<string, { name: string; idLast4: string }>> {
      const list = await q.labelsOf(exec, ids);
      return new Map(list.map((r) => [r.id, { name: r.name, idLast4: (dec(r.idNumberEnc) ?? '').slice(-4) }]));
    },

    /**
     * C7: the file moves to `toUnitId` on an accepted transfer, in the transfers module's
     * transaction: the unit changes, the responsible worker and work team are cleared (the new
     * street names its own, C3), an assignment line of kind `transfer` says from where and why.
     */
    async transferFile(tx: Executor, ctx: Ctx, id: string, toUnitId: string, reason: string) {
      const before = (await q.byId(tx, id))!;
      await q.update(tx, id, { orgUnitId: toUnitId, responsibleWorkerId: null, workTeam: [] });
      await q.insertAssignment(tx, { personId: id, kind: 'transfer', fromOrgUnitId: before.person.orgUnitId, orgUnitId: toUnitId, reason, actorId: ctx.actor.userId });
      const after = (await q.byId(tx, id))!;
      await audit.record(tx, ctx, {
        action: 'person.transfer',
        entityType: 'person',
        entityId: id,
        personId: id,
        orgPath: after.orgPath,
        before: snapshot(before),
        after: snapshot(after),
        details: { fromOrgUnitId: before.person.orgUnitId, toOrgUnitId: toUnitId },
      });
      return { fromPath: before.orgPath, toPath: after.orgPath, toName: after.orgName };
    },
    /** D6: drugs and ways of use of some persons (warnings), without scope checks. */
    useOf: (exec: Executor, ids: string[]) => q.useOf(exec, ids),
    /** D4: the derived risk class (warnings); the file's field follows it. */
    setRiskLevel: (exec: Executor, id: string, level: 'high' | 'medium' | 'low') => q.setRiskLevel(exec, id, level),

    /** The sealing module lets an opening or a break-the-glass read through `access` (P4). */
    registerAccessWaiver(waiver: AccessWaiver) {
      waivers.push(waiver);
    },

    /** Seals or unseals a file (P4, P5): a sealed file leaves every list through `openFile`. */
    setSealed: (tx: Executor, id: string, sealed: boolean) => q.setSealed(tx, id, sealed),

    /** Unsealed persons after `after` in id order, a page at a time (the sealing module's daily run). */
    openIdsPage: (exec: Executor, after: string | null, limit: number) => q.openIdsPage(exec, after, limit),

    /** The open files in one figure (the sealing daily run: nothing filed, sealed or unsealed since). */
    openFingerprint: (exec: Executor) => q.openFingerprint(exec),

    /** Where a file is and whether it is sealed, without a scope check (the sealing module, after its own). */
    fileOf: async (exec: Executor, id: string) => {
      const r = await q.byId(exec, id);
      return r ? { personId: r.person.id, orgPath: r.orgPath, orgUnitId: r.person.orgUnitId, orgName: r.orgName, sealed: r.person.sealed, name: r.person.name } : null;
    },

    /** The file holding an ID number, wherever it is (break-the-glass and sealed-file lookups: the caller audits). */
    async locate(exec: Executor, idType: string, idNumber: string) {
      const id = canonicalIdNumber(idType, idNumber, deps.clock.today());
      if (!id.ok) throw fieldError('idNumber', id.code);
      const r = await q.byIdHash(exec, idHash(id.idType, id.idNumber));
      return r ? { personId: r.person.id, orgPath: r.orgPath, orgUnitId: r.person.orgUnitId, orgName: r.orgName, sealed: r.person.sealed, name: r.person.name } : null;
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
      const id = /^(\d{15}|\d{17}[\dXx])$/.test(text) ? canonicalIdNumber('resident_id', text, deps.clock.today()) : null;
      if (/^[a-zA-Z]+$/.test(text)) t = { kind: 'letters', value: text };
      else if (/^\d{3}[\dXx]$/.test(text)) t = { kind: 'last4', value: idLast4Index(cipher, text) };
      else if (id?.ok) t = { kind: 'hash', value: idHash(id.idType, id.idNumber) };
      else if (id) t = { kind: 'hash', value: idHash('resident_id', text.toUpperCase()) };
      else t = { kind: 'name', value: text };
    }
    return { scope, text: t, status: query.status, measureKind: query.measureKind, riskLevel: query.riskLevel, workerId: query.workerId, sort: query.sort, order: query.order };
  }
}

export type PersonService = ReturnType<typeof createPersonService>;
