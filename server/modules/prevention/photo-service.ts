import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/client';
import { AppError, badRequest, fieldError, notFound } from '../../errors';
import { registerMessages } from '../../messages';
import { inScope, type Principal, type RequestContext } from '../../http/context';
import type { Permission } from '../../../core/contracts/permissions';
import { maxPhotosPerActivity, type PhotoMeta, type PhotoView } from '../../../core/contracts/prevention';
import type { AuditService } from '../audit/service';
import { photoView } from './presenter';
import * as q from './queries';

registerMessages({
  'publicity_photo.not_found': ['照片不存在', 'No such photo'],
  'publicity_photo.file_required': ['请选择要上传的照片（表单字段 file）', 'Choose a photo to upload (form field "file")'],
  'publicity_photo.empty': ['照片文件为空', 'The photo file is empty'],
  'publicity_photo.too_large': ['照片过大，不能超过 {maxMb} MB', 'The photo is too large: at most {maxMb} MB'],
  'publicity_photo.type_unsupported': ['只能上传 JPG、PNG 或 WebP 照片（按文件内容判断）', 'Only JPG, PNG and WebP photos are accepted (judged by the content)'],
  'publicity_photo.type_mismatch': ['声明的类型与照片内容不符', 'The declared type does not match the content of the photo'],
  'publicity_photo.confirm_required': [
    '请确认照片中没有正在执行措施的人员（不得上传此类人员的照片）',
    'Confirm that no person under a measure is shown (such photos may not be uploaded)',
  ],
  'publicity_photo.too_many': ['每个活动最多 {max} 张照片', 'At most {max} photos per activity'],
});

type Ctx = RequestContext & { actor: Principal };
export interface PhotoFile {
  fileName: string;
  mimeType: string | undefined;
  bytes: Buffer;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** The image type told from the first bytes: JPEG, PNG or WebP (RIFF….WEBP); anything else is null. */
export function detectImageType(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  const starts = (sig: Buffer) => b.length >= sig.length && b.subarray(0, sig.length).equals(sig);
  if (starts(PNG)) return 'image/png';
  if (starts(JPEG)) return 'image/jpeg';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ALIASES: Record<string, string[]> = { 'image/jpeg': ['image/jpeg', 'image/jpg', 'image/pjpeg'], 'image/png': ['image/png', 'image/x-png'], 'image/webp': ['image/webp'] };

/** Photos of a publicity activity: the activity's scope is theirs; out of scope answers like missing. */
export function createPhotoService(deps: { db: Db; audit: AuditService; maxFileBytes: number }) {
  const { db, audit } = deps;
  const maxMb = () => Math.round((deps.maxFileBytes / (1024 * 1024)) * 100) / 100;

  async function activity(exec: Executor, actor: Principal, id: string, perm: Permission) {
    const r = await q.activityById(exec, id);
    if (!r || !inScope(actor, perm, r.orgPath)) throw notFound('publicity');
    return r;
  }
  async function photo(exec: Executor, actor: Principal, id: string, perm: Permission) {
    const p = await q.photoById(exec, id);
    if (!p) throw notFound('publicity_photo');
    const a = await q.activityById(exec, p.activityId);
    if (!a || !inScope(actor, perm, a.orgPath)) throw notFound('publicity_photo');
    return { p, a };
  }

  function checkFile(file: PhotoFile | undefined) {
    if (!file) throw badRequest('publicity_photo.file_required');
    if (file.bytes.length === 0) throw badRequest('publicity_photo.empty');
    if (file.bytes.length > deps.maxFileBytes) throw new AppError('publicity_photo.too_large', 413, [], { maxMb: maxMb() });
    const type = detectImageType(file.bytes);
    if (!type) throw badRequest('publicity_photo.type_unsupported');
    const declared = (file.mimeType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!GENERIC.has(declared) && !ALIASES[type]!.includes(declared)) throw badRequest('publicity_photo.type_mismatch');
    return type;
  }

  return {
    maxFileBytes: deps.maxFileBytes,

    /** Adds a photo (JPEG/PNG/WebP, at most 9 per activity); the no-measured-person confirmation is required. */
    async upload(ctx: Ctx, activityId: string, meta: PhotoMeta, file: PhotoFile | undefined): Promise<PhotoView> {
      await activity(db, ctx.actor, activityId, 'prevention.write');
      if (meta.noMeasuredPerson !== true) throw fieldError('meta.noMeasuredPerson', 'publicity_photo.confirm_required');
      const mimeType = checkFile(file);
      const bytes = file!.bytes;
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      return db.transaction(async (tx) => {
        const a = await activity(tx, ctx.actor, activityId, 'prevention.write');
        if ((await q.lockAndCountPhotos(tx, activityId)) >= maxPhotosPerActivity) throw badRequest('publicity_photo.too_many', [], { max: maxPhotosPerActivity });
        const row = await q.insertPhoto(tx, {
          activityId,
          mimeType,
          size: bytes.length,
          sha256,
          consent: meta.consent,
          noMeasuredPerson: true,
          bytes,
          uploadedBy: ctx.actor.userId,
        });
        await audit.record(tx, ctx, {
          action: 'publicity.photo_add',
          entityType: 'publicity_activity',
          entityId: activityId,
          orgPath: a.orgPath,
          details: { photoId: row.id, format: mimeType.slice('image/'.length), size: bytes.length, sha256, consent: meta.consent },
        });
        return photoView(row);
      });
    },

    async list(ctx: Ctx, activityId: string) {
      await activity(db, ctx.actor, activityId, 'prevention.read');
      const rows = await q.photosOf(db, activityId);
      return { items: rows.map(photoView), total: rows.length, max: maxPhotosPerActivity };
    },

    /** The photo's bytes, for the image route. */
    async file(ctx: Ctx, id: string) {
      await photo(db, ctx.actor, id, 'prevention.read');
      const p = (await q.photoById(db, id, true))!;
      return { mimeType: p.mimeType, bytes: p.bytes };
    },

    remove: (ctx: Ctx, id: string) =>
      db.transaction(async (tx) => {
        const { p, a } = await photo(tx, ctx.actor, id, 'prevention.write');
        await q.deletePhoto(tx, id);
        await audit.record(tx, ctx, {
          action: 'publicity.photo_delete',
          entityType: 'publicity_activity',
          entityId: p.activityId,
          orgPath: a.orgPath,
          details: { photoId: id, sha256: p.sha256 },
        });
        return { ok: true as const };
      }),
  };
}
export type PhotoService = ReturnType<typeof createPhotoService>;
