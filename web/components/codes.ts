// Code lists of the person file in display order, from the label catalogue (core/labels).
import { codesOf } from '../../core/labels';

export const measureKinds = codesOf('measureKind');
export const personStatuses = codesOf('personStatus');
export const riskLevels = codesOf('riskLevel');
export const teamRoles = codesOf('teamRole');
/** A refusal is its own event (refuse_report), never a reason given when terminating. */
export const terminationReasons = codesOf('terminationReason').filter((r) => r !== 'refused');
export const documentKindCodes = codesOf('documentKind');
