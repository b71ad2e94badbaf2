// T3: the outcomes of a drug test, shared by the schedule (what satisfies a scheduled test)
// and the breach assessment (what counts toward C5).

export const testResults = ['negative', 'positive', 'refused', 'evaded', 'invalid'] as const;

export type TestResult = (typeof testResults)[number];

/** A sample was taken and gave a result: the person cooperated (K5), whatever the result. */
export const isSampleResult = (result: TestResult): boolean => result === 'negative' || result === 'positive';

/** C5 counts these; 'invalid' is a failed sample, not a lack of cooperation, and is re-tested. */
export const isNonCooperation = (result: TestResult): boolean => result === 'refused' || result === 'evaded';
