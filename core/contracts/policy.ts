import { z } from 'zod';
import { policySchema } from '../rules/policy';

// The policy (RULES sections 1–4 as numbers), its overrides and their history.

/** The effective policy as sent to clients: the rules' own schema (core/rules/policy.ts), not a copy. */
export const policyBody = policySchema;

export const policyScope = z.enum(['default', 'deployment', 'district']);

/** One link of the chain an effective policy is built from: default, then deployment, then district. */
export const policyChainLink = z.object({
  scope: policyScope,
  orgUnitId: z.uuid().nullable(),
  version: z.string(),
  versionId: z.uuid().nullable(),
});

export const effectivePolicyQuery = z.object({ orgUnitId: z.uuid().optional() });

export const effectivePolicyView = z.object({
  /** What decisions record: the versions of the chain joined with "+". */
  version: z.string(),
  orgUnitId: z.uuid().nullable(),
  chain: z.array(policyChainLink),
  policy: policyBody,
});

export const policyVersionView = z.object({
  id: z.uuid(),
  scope: z.enum(['deployment', 'district']),
  orgUnitId: z.uuid().nullable(),
  orgUnitName: z.string().nullable(),
  version: z.string(),
  effectiveVersion: z.string(),
  override: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  /** The newest version of its scope, the one in force. */
  current: z.boolean(),
});

export const policyVersionList = z.object({ items: z.array(policyVersionView) });

export const createPolicyVersionBody = z.object({
  /** null: the whole deployment; else a district. */
  orgUnitId: z.uuid().nullable(),
  /** Checked in the service with policyOverrideSchema and resolvePolicy, so issues come back per field. */
  override: z.record(z.string(), z.unknown()),
  reason: z.string().trim().max(500).optional(),
});
export type CreatePolicyVersionBody = z.infer<typeof createPolicyVersionBody>;

export const createPolicyVersionResult = z.object({
  version: policyVersionView,
  effective: effectivePolicyView,
  /** Persons whose schedules were recomputed in the same transaction; null when left to the daily job. */
  recomputedPersons: z.number().int().nullable(),
});
