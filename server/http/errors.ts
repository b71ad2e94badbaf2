import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors';
import { messageFor, registerMessages } from '../messages';

registerMessages({
  'validation.nul_character': ['不能包含空字符（\\0）', 'Must not contain a NUL character (\\0)'],
  'validation.multipart_malformed': ['上传的表单数据不完整或格式错误，请重新上传', 'The uploaded form data is incomplete or malformed: upload again'],
});

/**
 * A multipart body the parser could not read to its end (cut off, no boundary, closed early):
 * the client's fault, so a 400, wherever the route reads its parts (issue 9.11).
 */
const MULTIPART_CODES = new Set(['FST_MP_PREMATURE_CLOSE', 'FST_PROTO_VIOLATION', 'FST_INVALID_MULTIPART_CONTENT_TYPE']);
const MULTIPART_MESSAGES = /unexpected end of multipart data$|^Multipart: Boundary not found$|^Boundary required$/i;
const isMalformedMultipart = (err: FastifyError) => MULTIPART_CODES.has(err.code) || (err.statusCode === undefined && MULTIPART_MESSAGES.test(err.message ?? ''));

interface ZodIssueLike {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** A Zod issue as a field error with a stable code. Custom refinements carry their own code in params. */
function toFieldError(issue: ZodIssueLike, where: string): FieldError {
  const p = issue.params ?? {};
  const custom = (p.params as { code?: string } | undefined)?.code;
  const missing = issue.keyword === 'invalid_type' && /received undefined/.test(String((issue as { message?: string }).message ?? ''));
  const code = custom ?? (missing ? 'validation.required' : `validation.${issue.keyword}`);
  const path = [where, ...issue.instancePath.split('/').filter(Boolean)].join('.');
  const params = { expected: String(p.expected ?? ''), minimum: String(p.minimum ?? ''), maximum: String(p.maximum ?? '') };
  return { path, code, message: messageFor(code, params) };
}

/** One place turns every failure into `{ error: { code, message, fields? } }`; no stack ever leaves. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(err.toBody());
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
      const fields = (err.validation as unknown as ZodIssueLike[]).map((i) => toFieldError(i, where));
      return reply.code(400).send(new AppError('validation.failed', 400, fields).toBody());
    }
    if (isMalformedMultipart(err))
      return reply
        .code(400)
        .send(
          new AppError('validation.multipart_malformed', 400, [
            { path: 'body', code: 'validation.multipart_malformed', message: messageFor('validation.multipart_malformed') },
          ]).toBody(),
        );
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.code(429).send(new AppError('rate_limited', 429).toBody());
    if (status === 415) return reply.code(415).send(new AppError('validation.unsupported_media_type', 415).toBody());
    if (status === 413) return reply.code(413).send(new AppError('validation.payload_too_large', 413).toBody());
    if (status === 400 && (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError)) {
      return reply.code(400).send(new AppError('validation.body_malformed', 400).toBody());
    }
    if (status >= 400 && status < 500) return reply.code(status).send(new AppError('validation.failed', status).toBody());
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(new AppError('internal', 500).toBody());
  });

  app.setNotFoundHandler((req, reply) => reply.code(404).send(new AppError('route.not_found', 404).toBody()));
}
