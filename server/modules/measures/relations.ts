// What the measures module publishes for other modules' SQL: which person a measure is of, its
// kind and its status, so a list of tasks or warnings can keep only running measures in the
// database. The measure's dates, documents and events go through the service.
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { measures } from './schema';

const qb = new QueryBuilder();

/** A measure as other modules may join it (`name` is the alias in their SQL). */
export const measureRef = (name = 'measures') => qb.select({ id: measures.id, personId: measures.personId, kind: measures.kind, status: measures.status }).from(measures).as(name);

/** #15 governance: a measure's dates for the indicators (K1: decision received and report, C1; the term, M2). */
export const measureTermRef = (name = 'measure_terms') =>
  qb
    .select({
      personId: measures.personId,
      kind: measures.kind,
      status: measures.status,
      decisionReceivedDate: measures.decisionReceivedDate,
      reportDate: measures.reportDate,
      startDate: measures.startDate,
      endDate: measures.endDate,
    })
    .from(measures)
    .as(name);
