import './audit-actions';
import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/client';
import type { Clock } from '../../clock';
import { AppError, badRequest, conflict, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import type { Principal, RequestContext } from '../../http/context';
import type { FileCipher } from '../../lib/file-cipher';
import { compareDates } from '../../../core/rules/dates';
import { documentChecklist } from '../../../core/rules/document-checklist';
import { label, localized } from '../../../core/labels';
import { documentDateFields, documentFileTypes, type ChecklistView, type DocumentKind, type DocumentMeta, type DocumentView } from '../../../core/contracts/documents';
import type { AuditService } from '../audit/service';
import type { PersonService } from '../persons/service';
import { TIE, wants, type TimelineEntry } from '../persons/timeline';
import { cleanFileName, declaredAgrees, declaredLabel, detectFileType } from './file-type';
import { createFileStore, type StagedFile } from './storage';
import * as q from './queries';

registerMessages({
  'document.not_found': ['文书不存在', 'No such document'],
  'measure.not_found': ['措施不存在', 'No such measure'],
  'document.file_required': ['请选择要上传的文件（表单字段 file）', 'Choose a file to upload (form field "file")'],
  'document.one_file': ['每次只能上传一个文件', 'Upload one file at a time'],
  'document.form_invalid': ['上传表单格式不正确：只需 file 与 meta 两个字段', 'Malformed upload form: send only the "file" and "meta" fields'],
  'document.multipart_required': ['上传文书须使用 multipart/form-data', 'Uploads must be sent as multipart/form-data'],
  'document.meta_required': ['请填写文书信息（表单字段 meta）', 'Document details are required (form field "meta")'],
  'document.meta_malformed': ['文书信息（meta）不是合法的 JSON', 'The document details ("meta") are not valid JSON'],
  'document.empty': ['文件为空', 'The file is empty'],
  'document.too_large': ['文件过大，不能超过 {maxMb} MB', 'The file is too large: at most {maxMb} MB'],
  'document.type_unsupported': ['只能上传 PDF、JPG 或 PNG 文件（按文件内容判断）', 'Only PDF, JPG and PNG files are accepted (judged by the content)'],
  'document.type_mismatch': [
    '文件名或类型为 {declared}，但文件内容是 {detected}；请确认文件后重新上传',
    'The name or type says {declared} but the content is {detected}: check the file and upload it again',
  ],
  'document.date_future': ['日期不能晚于今天', 'The date cannot be in the future'],
  'document.measure_invalid': ['所选措施不属于该人员', 'The measure does not belong to this person'],
  'document.already_withdrawn': ['该文书已撤回', 'The document has already been withdrawn'],
  'document.file_unavailable': ['文书文件无法读取，请联系系统管理员', 'The document file cannot be read: contact the system administrator'],
});

type Ctx = RequestContext & { actor: Principal };

/** The measure columns documents need; injected, so documents do not depend on the measures module. */
export type MeasureOf = (exec: Executor, measureId: string) => Promise<{ id: string; personId: string; kind: string; status: string; reportDate?: string | null } | undefined>;

export interface UploadedFile {
  fileName: string;
  mimeType: string | undefined;
  bytes: Buffer;
}

const unitDocumentView = (r: q.UnitDocumentRow) => ({
  id: r.id,
  orgUnitId: r.orgUnitId,
  purpose: r.purpose,
  fileName: r.fileName,
  mimeType: r.mimeType,
  size: r.size,
  sha256: r.sha256,
  createdAt: r.createdAt.toISOString(),
});

export function createDocumentService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  persons: PersonService;
  /** Root of the stored files (DATA_DIR/files); never under a served path. */
  filesDir: string;
  fileCipher: FileCipher;
  maxFileBytes: number;
  measureOf: MeasureOf;
}) {
  const { db, audit, persons } = deps;
  const store = createFileStore(deps.filesDir, deps.fileCipher);
  const maxMb = () => Math.round((deps.maxFileBytes / (1024 * 1024)) * 100) / 100;

  // The person's timeline shows each upload and each withdrawal (titles only, never contents).
  persons.registerTimelineSource(async (exec, personId, w) =>
    !wants(w, 'document')
      ? []
      : (await q.timelineOf(exec, personId)).flatMap((d): TimelineEntry[] => {
          const kind = localized('documentKind', d.kind);
          const lines: TimelineEntry[] = [
            {
              at: d.createdAt,
              date: d.createdAt.toISOString().slice(0, 10),
              kind: 'document',
              title: { 'zh-CN': `上传文书 · ${kind['zh-CN']}`, 'en-US': `Document uploaded · ${kind['en-US']}` },
              detail: d.title,
              refId: d.id,
              tie: TIE.document,
              key: `${d.id}:1`,
            },
          ];
          if (d.withdrawnAt) {
            lines.push({
              at: d.withdrawnAt,
              date: d.withdrawnAt.toISOString().slice(0, 10),
              kind: 'document',
              title: { 'zh-CN': `撤回文书 · ${kind['zh-CN']}`, 'en-US': `Document withdrawn · ${kind['en-US']}` },
              detail: [d.title, d.withdrawReason].filter(Boolean).join(' — '),
              refId: d.id,
              tie: TIE.document,
              key: `${d.id}:2`,
            });
          }
          return lines;
        }),
  );

  const view = (r: q.DocumentWithNames): DocumentView => {
    const d = r.doc;
    return {
      id: d.id,
      personId: d.personId,
      measureId: d.measureId,
      kind: d.kind as DocumentKind,
      title: d.title,
      fields: d.fields as Record<string, unknown>,
      fileName: d.fileName,
      mimeType: d.mimeType,
      size: d.size,
      sha256: d.sha256,
      uploadedBy: d.uploadedBy,
      uploadedByName: r.uploadedByName,
      createdAt: d.createdAt.toISOString(),
      status: d.withdrawnAt ? 'withdrawn' : 'valid',
      withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
      withdrawnBy: d.withdrawnBy,
      withdrawnByName: r.withdrawnByName,
      withdrawReason: d.withdrawReason,
    };
  };
  /** What the audit trail keeps of a document: its description, never its bytes. */
  const snapshot = (d: q.DocumentRow) => ({
    kind: d.kind,
    title: d.title,
    measureId: d.measureId,
    fields: d.fields,
    fileName: d.fileName,
    mimeType: d.mimeType,
    size: d.size,
    sha256: d.sha256,
    withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
    withdrawReason: d.withdrawReason,
  });

  /** The file's type from its bytes; size, emptiness and the declared name/type checked. */
  function checkFile(file: UploadedFile | undefined) {
    if (!file) throw badRequest('document.file_required');
    if (file.bytes.length === 0) throw badRequest('document.empty');
    if (file.bytes.length > deps.maxFileBytes) throw new AppError('document.too_large', 413, [], { maxMb: maxMb() });
    const detected = detectFileType(file.bytes);
    if (!detected) throw badRequest('document.type_unsupported');
    if (!declaredAgrees(detected, file.fileName, file.mimeType)) {
      throw badRequest('document.type_mismatch', [], { declared: declaredLabel(file.fileName, file.mimeType), detected: detected.toUpperCase() });
    }
    return { type: detected, mimeType: documentFileTypes[detected].mimeType, fileName: cleanFileName(file.fileName, detected) };
  }

  /** Dates not in the future; the measure, if any, is one of this person's. */
  async function checkMeta(exec: Executor, personId: string, meta: DocumentMeta) {
    const today = deps.clock.today();
    const fields = meta.fields as Record<string, unknown>;
    for (const f of documentDateFields[meta.kind]) {
      const v = fields[f];
      if (typeof v === 'string' && compareDates(v, today) > 0) throw fieldError(`meta.fields.${f}`, 'document.date_future');
    }
    if (meta.measureId) {
      const m = await deps.measureOf(exec, meta.measureId);
      if (!m || m.personId !== personId) throw fieldError('meta.measureId', 'document.measure_invalid');
    }
  }

  const defaultTitle = (meta: DocumentMeta) => {
    const number = 'documentNumber' in meta.fields ? meta.fields.documentNumber : undefined;
    const name = label('documentKind', meta.kind, 'zh-CN');
    return number ? `${name} ${number}` : name;
  };

  /** A document outside the caller's scope answers like a missing one. */
  async function reach(exec: Executor, actor: Principal, id: string, perm: 'document.read' | 'document.write') {
    const r = await q.byId(exec, id);
    if (!r) throw notFound('document');
    try {
      const person = await persons.access(exec, actor, r.doc.personId, perm);
      return { r, person };
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw notFound('document');
      throw err;
    }
  }

  return {
    /**
     * P4, issue 14: the retention purge of a person's documents: the rows, then their files. A purge
     * rolled back after this leaves rows whose files are gone; the next day's purge deletes them.
     */
    async purgePerson(tx: Executor, personId: string): Promise<Record<string, number>> {
      const gone = await q.purgePerson(tx, personId);
      for (const d of gone) await store.remove(d.storageKey);
      return { documents: gone.length };
    },
    view,
    maxFileBytes: deps.maxFileBytes,

    /**
     * Stores an uploaded document. Bad input (no file, empty, too large, unknown type, a name
     * that lies about the content, bad fields) is refused before anything touches the disk.
     */
    async upload(ctx: Ctx, personId: string, meta: DocumentMeta, file: UploadedFile | undefined): Promise<DocumentView> {
      await persons.access(db, ctx.actor, personId, 'document.write');
      await checkMeta(db, personId, meta);
      const checked = checkFile(file);
      const bytes = file!.bytes;
      const id = crypto.randomUUID();
      const storageKey = store.keyFor(deps.clock.today(), id);
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      const staged: StagedFile = await store.stage(storageKey, id, bytes);
      try {
        const row = await db.transaction(async (tx) => {
          const person = await persons.access(tx, ctx.actor, personId, 'document.write');
          await checkMeta(tx, personId, meta);
          const inserted = await q.insert(tx, {
            id,
            personId,
            measureId: meta.measureId ?? null,
            kind: meta.kind,
            title: meta.title ?? defaultTitle(meta),
            fields: meta.fields,
            fileName: checked.fileName,
            mimeType: checked.mimeType,
            size: bytes.length,
            sha256,
            storageKey,
            uploadedBy: ctx.actor.userId,
          });
          await audit.record(tx, ctx, {
            action: 'document.upload',
            entityType: 'document',
            entityId: id,
            personId,
            orgPath: person.orgPath,
            after: snapshot(inserted),
            details: { kind: meta.kind, sha256 },
          });
          // Last step before the commit: the file takes its place. A failed commit removes it again.
          await staged.commit();
          return inserted;
        });
        return view((await q.byId(db, row.id))!);
      } catch (err) {
        await staged.discard();
        throw err;
      }
    },

    /** A person's documents, withdrawn ones included and marked; the read is audited (P3). */
    async list(ctx: Ctx, personId: string, filter: { measureId?: string; includeWithdrawn: boolean }) {
      const person = await persons.access(db, ctx.actor, personId, 'document.read');
      const rows = await q.ofPerson(db, personId, filter);
      await audit.record(db, ctx, {
        action: 'person.documents.read',
        entityType: 'person',
        entityId: personId,
        personId,
        orgPath: person.orgPath,
        details: { measureId: filter.measureId ?? null, returned: rows.length },
      });
      return { items: rows.map(view), total: rows.length };
    },

    /** The clear bytes of one document; every download is audited (P3). */
    async download(ctx: Ctx, id: string) {
      const { r, person } = await reach(db, ctx.actor, id, 'document.read');
      let bytes: Buffer;
      try {
        bytes = await store.read(r.doc.storageKey, r.doc.id);
      } catch {
        throw new AppError('document.file_unavailable', 500);
      }
      if (crypto.createHash('sha256').update(bytes).digest('hex') !== r.doc.sha256) throw new AppError('document.file_unavailable', 500);
      await audit.record(db, ctx, {
        action: 'document.download',
        entityType: 'document',
        entityId: id,
        personId: r.doc.personId,
        orgPath: person.orgPath,
        details: { kind: r.doc.kind, fileName: r.doc.fileName, size: r.doc.size, sha256: r.doc.sha256 },
      });
      return { document: view(r), bytes };
    },

    /**
     * Stores a document of a unit (a receipt, a 七有 evidence). The caller has checked that the
     * actor may write for the unit (its own permission and scope); the file is checked as any upload.
     */
    async uploadUnitDocument(ctx: Ctx, unit: { id: string; path: string }, purpose: string, file: UploadedFile | undefined) {
      const checked = checkFile(file);
      const bytes = file!.bytes;
      const id = crypto.randomUUID();
      const storageKey = store.keyFor(deps.clock.today(), id);
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      const staged: StagedFile = await store.stage(storageKey, id, bytes);
      try {
        const row = await db.transaction(async (tx) => {
          const inserted = await q.insertUnitDocument(tx, {
            id,
            orgUnitId: unit.id,
            purpose,
            fileName: checked.fileName,
            mimeType: checked.mimeType,
            size: bytes.length,
            sha256,
            storageKey,
            uploadedBy: ctx.actor.userId,
          });
          await audit.record(tx, ctx, {
            action: 'unit_document.upload',
            entityType: 'unit_document',
            entityId: id,
            orgPath: unit.path,
            details: { purpose, size: bytes.length, sha256 },
          });
          await staged.commit();
          return inserted;
        });
        return unitDocumentView(row);
      } catch (err) {
        await staged.discard();
        throw err;
      }
    },

    /** A unit document's description (no bytes), for the owner module's scope check. */
    unitDocumentOf: async (exec: Executor, id: string) => {
      const r = await q.unitDocumentById(exec, id);
      return r ? unitDocumentView(r) : undefined;
    },

    /** The clear bytes of a unit document; the caller has checked its scope. Audited. */
    async downloadUnitDocument(ctx: Ctx, id: string, orgPath: string) {
      const r = await q.unitDocumentById(db, id);
      if (!r) throw notFound('document');
      let bytes: Buffer;
      try {
        bytes = await store.read(r.storageKey, r.id);
      } catch {
        throw new AppError('document.file_unavailable', 500);
      }
      if (crypto.createHash('sha256').update(bytes).digest('hex') !== r.sha256) throw new AppError('document.file_unavailable', 500);
      await audit.record(db, ctx, {
        action: 'unit_document.download',
        entityType: 'unit_document',
        entityId: id,
        orgPath,
        details: { purpose: r.purpose, size: r.size, sha256: r.sha256 },
      });
      return { document: unitDocumentView(r), bytes };
    },

    /** Whether a record of the person may attach the document: his own and not withdrawn. */
    async attachable(exec: Executor, id: string, personId: string): Promise<boolean> {
      const d = await q.ownerOf(exec, id);
      return !!d && d.personId === personId && !d.withdrawnAt;
    },

    /** Legal documents are never deleted: a withdrawn one stays on file, marked, and no longer counts. */
    withdraw: (ctx: Ctx, id: string, reason: string) =>
      db.transaction(async (tx) => {
        const { r, person } = await reach(tx, ctx.actor, id, 'document.write');
        const row = await q.withdraw(tx, id, ctx.actor.userId, reason, deps.clock.now());
        if (!row) throw conflict('document.already_withdrawn');
        await audit.record(tx, ctx, {
          action: 'document.withdraw',
          entityType: 'document',
          entityId: id,
          personId: r.doc.personId,
          orgPath: person.orgPath,
          before: snapshot(r.doc),
          after: snapshot(row),
          purpose: reason,
        });
        return view((await q.byId(tx, id))!);
      }),

    /** Which required documents a measure holds and which are missing (rules M1, C2, C8, M7, C10). */
    async checklist(ctx: Ctx, measureId: string): Promise<ChecklistView> {
      const m = await deps.measureOf(db, measureId);
      if (!m) throw notFound('measure');
      let orgPath: string;
      try {
        orgPath = (await persons.access(db, ctx.actor, m.personId, 'document.read')).orgPath;
      } catch (err) {
        if (err instanceof AppError && err.status === 404) throw notFound('measure');
        throw err;
      }
      const docs = await q.validOfMeasure(db, measureId);
      const result = documentChecklist({ kind: m.kind, status: m.status, reported: !!m.reportDate }, docs);
      await audit.record(db, ctx, {
        action: 'document.checklist.read',
        entityType: 'measure',
        entityId: measureId,
        personId: m.personId,
        orgPath,
        details: { complete: result.complete, missing: result.items.filter((i) => i.required && !i.present).map((i) => i.kind) },
      });
      return {
        measureId,
        personId: m.personId,
        measureKind: m.kind,
        measureStatus: m.status,
        complete: result.complete,
        items: result.items.map((i) => ({ ...i, kind: i.kind as DocumentKind })),
      };
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
