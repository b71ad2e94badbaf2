// Code lists of the person file, as the contracts define them. Kept here as plain values so the
// web bundle does not pull in the contracts' schema library; `satisfies` keeps them in step.
import type { DocumentKind } from '../api/documents';
import type { MeasureKind, MeasureEventType } from '../api/measures';
import type { WorkTeamMember } from '../api/persons';

export const measureKinds = [
  'community_detox', 'community_rehab', 'compulsory_isolation', 'voluntary_treatment', 'maintenance_treatment',
] as const satisfies readonly MeasureKind[];

export const personStatuses = [
  'awaiting_report', 'under_community_detox', 'under_community_rehab', 'suspended', 'in_compulsory_isolation', 'no_active_measure',
] as const;

export const riskLevels = ['high', 'medium', 'low'] as const;

export const teamRoles = [
  'officer', 'social_worker', 'police_officer', 'medic', 'family', 'volunteer', 'grid_worker',
] as const satisfies readonly WorkTeamMember['role'][];

export const terminationReasons = ['prison_sentence', 'compulsory_education', 'compulsory_isolation', 'death'] as const;

export const documentKindCodes = [
  'decision', 'agreement', 'release_notice', 'warning_letter', 'handover_receipt', 'report_receipt', 'other',
] as const satisfies readonly DocumentKind[];

export const measureEventTypes = [
  'report', 'refuse_report', 'suspend', 'resume', 'terminate', 'complete', 'convert', 'extend',
] as const satisfies readonly MeasureEventType[];
