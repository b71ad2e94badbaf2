import { codesOf, hasLabel } from '../../../core/labels';
import type { LabelOf } from '../../components/useLabel';

/** Actions with a readable name; their codes also feed the filter's suggestions. */
export const knownActions = codesOf('auditAction');

export const knownEntityTypes = codesOf('auditEntity');

export const actionLabel = (label: LabelOf, action: string): string | null => (hasLabel('auditAction', action) ? label('auditAction', action) : null);

export const entityLabel = (label: LabelOf, type: string): string => label('auditEntity', type);
