import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checklistView,
  documentList,
  documentListQuery,
  documentMeta,
  documentView,
  measureParams,
  personDocumentsParams,
  withdrawBody,
  type DocumentMeta,
} from '../../../core/contracts/documents';
import { errorBody, idParams } from '../../../core/contracts/common';
import { actorContext } from '../../http/auth-hook';
import { AppError, badRequest, type FieldError } from '../../errors';
import { messageFor } from '../../messages';
import { inlineDisposition } from './file-type';
import type { DocumentService, UploadedFile } from './service';

/** The `meta` field checked against its schema; problems reported per field under `meta.`. */
function parseMeta(raw: unknown): DocumentMeta {
  if (raw === undefined) throw badRequest('validation.failed', [{ path: 'meta', code: 'document.meta_required', message: messageFor('document.meta_required') }]);
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw badRequest('validation.failed', [{ path: 'meta', code: 'document.meta_malformed', message: messageFor('document.meta_malformed') }]);
    }
  }
  const parsed = documentMeta.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((i) => {
    const code = i.code === 'invalid_type' && i.input === undefined ? 'validation.required' : `validation.${i.code}`;
    const params = {
      expected: String((i as { expected?: unknown }).expected ?? ''),
      minimum: String((i as { minimum?: unknown }).minimum ?? ''),
      maximum: String((i as { maximum?: unknown }).maximum ?? ''),
    };
    return { path: ['meta', ...i.path.map(String)].join('.'), code, message: messageFor(code, params) };
  });
  throw badRequest('validation.failed', fields);
}

/** Reads the multipart body: one `file` part (kept in memory, bounded) and the `meta` field. */
export async function readUpload(req: FastifyRequest, maxFileBytes: number): Promise<{ meta: unknown; file: UploadedFile | undefined }> {
  if (!req.isMultipart()) throw new AppError('document.multipart_required', 415);
  let meta: unknown;
  let file: UploadedFile | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxFileBytes, files: 1, fields: 2, fieldSize: 64 * 1024, parts: 3 } })) {
      if (part.type === 'file') {
        const filePart: MultipartFile = part;
        if (part.fieldname !== 'file') {
          filePart.file.resume();
          throw badRequest('document.form_invalid');
        }
        file = { fileName: filePart.filename ?? '', mimeType: filePart.mimetype, bytes: await filePart.toBuffer() };
      } else if (part.fieldname === 'meta') {
        meta = part.value;
      } else {
        throw badRequest('document.form_invalid');
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('document.too_large', 413, [], { maxMb: Math.round((maxFileBytes / 1048576) * 100) / 100 });
    if (code === 'FST_FILES_LIMIT') throw badRequest('document.one_file');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') throw badRequest('document.form_invalid');
    if (code === 'FST_INVALID_JSON_FIELD_ERROR')
      throw badRequest('validation.failed', [{ path: 'meta', code: 'document.meta_malformed', message: messageFor('document.meta_malformed') }]);
    throw err;
  }
  return { meta, file };
}

export function documentRoutes(app: FastifyInstance, documents: DocumentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.post('/api/persons/:personId/documents', {
    config: { access: { permission: 'document.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Upload a document (PDF, JPG or PNG; the type is judged from the bytes) with its structured fields',
      description:
        'multipart/form-data with exactly two parts: `file` (the document) and `meta`, a JSON text matching ' +
        '{ kind, measureId?, title?, fields } (fields per kind, see DocumentMeta). A name or type that disagrees with the ' +
        'content is refused (document.type_mismatch); anything but PDF/JPG/PNG too (document.type_unsupported). Nothing is saved then.',
      consumes: ['multipart/form-data'],
      params: personDocumentsParams,
      response: { 201: documentView, 400: errorBody, 404: errorBody, 413: errorBody, 415: errorBody },
    },
    handler: async (req, reply) => {
      const ctx = actorContext(req);
      const upload = await readUpload(req, documents.maxFileBytes);
      const meta = parseMeta(upload.meta);
      return reply.code(201).send(await documents.upload(ctx, req.params.personId, meta, upload.file));
    },
  });

  r.get('/api/persons/:personId/documents', {
    config: { access: { permission: 'document.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: "A person's documents, withdrawn ones marked (the read is audited)",
      params: personDocumentsParams,
      querystring: documentListQuery,
      response: { 200: documentList },
    },
    handler: (req) => documents.list(actorContext(req), req.params.personId, req.query),
  });

  r.get('/api/documents/:id/file', {
    config: { access: { permission: 'document.read', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'The document file itself (audited download)',
      params: idParams,
      produces: ['application/pdf', 'image/png', 'image/jpeg'],
      response: { 200: z.any().describe('The file bytes (application/pdf, image/png or image/jpeg)'), 404: errorBody },
    },
    handler: async (req, reply) => {
      const { document, bytes } = await documents.download(actorContext(req), req.params.id);
      return reply
        .header('content-type', document.mimeType)
        .header('content-disposition', inlineDisposition(document.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  });

  r.delete('/api/documents/:id', {
    config: { access: { permission: 'document.write', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'Withdraw a document (kept on file, marked withdrawn, no longer counted; audited)',
      params: idParams,
      body: withdrawBody,
      response: { 200: documentView },
    },
    handler: (req) => documents.withdraw(actorContext(req), req.params.id, req.body.reason),
  });

  r.get('/api/measures/:measureId/checklist', {
    config: { access: { permission: 'document.read', scope: 'org_subtree' } },
    schema: { tags, summary: 'Which required documents a measure holds and which are missing', params: measureParams, response: { 200: checklistView } },
    handler: (req) => documents.checklist(actorContext(req), req.params.measureId),
  });
}
