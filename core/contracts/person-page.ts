import { z } from 'zod';
import { personView, timeline } from './persons';
import { measureView } from './measures';

/**
 * 人员详情 in one request (issue 11 item 2): the file, its measures and the first page of the
 * timeline, read under one scope check and written to the audit trail as one row.
 */
export const personPage = z.object({
  person: personView,
  measures: z.array(measureView),
  timeline,
});
export type PersonPage = z.infer<typeof personPage>;
