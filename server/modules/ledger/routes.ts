import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inputValidatorCompiler } from '../../http/validation';
import { exportQuery, importAccepted, importFields, importJobParams, importJobQuery, importJobView, importUploadBody, ledgerMaxBytes } from '../../../core/contracts/ledger';
import { withoutNulCharacters } from '../../../core/contracts/common';
import { actorContext } from '../../http/auth-hook';
import { AppError, badRequest } from '../../errors';
import { messageFor } from '../../messages';
import type { LedgerService } from './service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, fileName: string, data: Buffer) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(data);
}

/** The upload's own name, without any directory part, bounded. */
const cleanFileName = (name: string | undefined) =>
  (name ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, '')
    .slice(0, 200) || 'ledger';

export function ledgerRoutes(app: FastifyInstance, ledger: LedgerService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];
  // An import still running when the server stops ends as "interrupted" after its current batch.
  app.addHook('onClose', () => ledger.shutdown());

  r.get('/api/persons/import/template', {
    config: { access: { permission: 'person.import', scope: 'none' } },
    schema: { tags, summary: 'The ledger template (.xlsx): fixed headers, drop-downs of dictionary values and my units, instructions in Chinese' },
    handler: async (req, reply) => sendXlsx(reply, '人员台账导入模板.xlsx', await ledger.template(actorContext(req))),
  });

  r.post('/api/persons/import', {
    config: { access: { permission: 'person.import', scope: 'org_subtree' } },
    // The multipart body is read by the handler; the schema is there for the API description.
    validatorCompiler: (s) => (s.httpPart === 'body' ? () => ({ value: undefined }) : inputValidatorCompiler(s as never)),
    schema: {
      tags,
      summary: 'Import a ledger (.xlsx, or .csv in UTF-8 or GBK): wrong headers are refused at once (400); else the job is queued (202) and runs in the background',
      description:
        'Every row is checked; valid rows are imported or update the file with the same ID number, invalid rows are reported with reasons. Each row is written whole or not at all. At most 20 MB and 50,000 rows.',
      consumes: ['multipart/form-data'],
      body: importUploadBody,
      response: { 202: importAccepted },
    },
    handler: async (req, reply) => {
      if (!req.isMultipart()) throw badRequest('ledger.file_required');
      let file: { name: string; data: Buffer } | null = null;
      const fields: Record<string, string> = {};
      try {
        for await (const part of req.parts({ limits: { fileSize: ledgerMaxBytes, files: 1 } })) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            if (part.fieldname === 'file' && !file) file = { name: cleanFileName(part.filename), data };
          } else fields[part.fieldname] = String(part.value ?? '');
        }
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ledger.file_too_large', 413, [], { max: ledgerMaxBytes / 1024 / 1024 });
        if (code === 'FST_FILES_LIMIT') throw badRequest('ledger.one_file');
        throw err;
      }
      if (!file) throw badRequest('ledger.file_required');
      const parsed = withoutNulCharacters(importFields).safeParse(fields);
      if (!parsed.success) {
        const code = fields.orgUnitId ? 'validation.invalid_format' : 'validation.required';
        throw badRequest('validation.failed', [{ path: 'body.orgUnitId', code, message: messageFor(code) }]);
      }
      const res = await ledger.startImport(actorContext(req), { fileName: file.name, data: file.data, orgUnitId: parsed.data.orgUnitId });
      return reply.code(202).send(res);
    },
  });

  r.get('/api/persons/import/:jobId', {
    config: { access: { permission: 'person.import', scope: 'org_subtree' } },
    schema: {
      tags,
      summary: 'An import job: status, counts and progress; the row report (filter by outcome, paged) when it has ended',
      params: importJobParams,
      querystring: importJobQuery,
      response: { 200: importJobView },
    },
    handler: (req) => ledger.job(actorContext(req), req.params.jobId, req.query),
  });

  r.get('/api/persons/import/:jobId/report.xlsx', {
    config: { access: { permission: 'person.import', scope: 'org_subtree' } },
    schema: { tags, summary: 'The row report of an import as .xlsx (watermarked)', params: importJobParams },
    handler: async (req, reply) => {
      const res = await ledger.reportXlsx(actorContext(req), req.params.jobId);
      return sendXlsx(reply, res.fileName, res.data);
    },
  });

  r.get('/api/persons/export.xlsx', {
    config: { access: { permission: 'person.export', scope: 'org_subtree' } },
    schema: {
      tags,
      summary:
        'Export the person list (same filters as GET /api/persons) as .xlsx: in scope, identifiers masked unless unmasked=true with a purpose (needs person.pii.read), watermarked, audited',
      querystring: exportQuery,
    },
    handler: async (req, reply) => {
      const res = await ledger.exportXlsx(actorContext(req), req.query);
      return sendXlsx(reply, res.fileName, res.data);
    },
  });
}
