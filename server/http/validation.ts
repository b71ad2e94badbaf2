import { validatorCompiler } from 'fastify-type-provider-zod';
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { withoutNulCharacters } from '../../core/contracts/common';

/**
 * The validator of every route: the route's Zod schema, after a check that no string of the
 * input (query, params, body, headers) holds a NUL character, which no text column can store
 * (issue 9.11: `?q=%00` was a 500). Failures are the usual 400 with a field per problem.
 */
export const inputValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => validatorCompiler({ ...route, schema: withoutNulCharacters(route.schema) } as never);
