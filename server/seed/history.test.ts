import { describe, expect, it } from 'vitest';
import { Random } from './random';
import { generatePerson } from './person';
import { generateHistory, type PersonHistory } from './history';
import { assessPerson } from '../../core/rules/assessment';
import type { RecordInput } from '../../core/rules/records';
import { compareDates, daysBetween } from '../../core/rules/dates';
import { computeEndDate, isCommunityMeasure } from '../../core/rules/measures';
import { defaultPolicy } from '../../core/rules/policy';

const TODAY = '2026-11-22';
const actors = { workerId: 'w', workerName: '社工', gridWorkerId: 'g', officerId: 'o' };

/** A synthetic population and its history, as the generator writes it, without a database. */
function population(seed: number, n: number) {
  const r = new Random(seed);
  const pr = r.fork('persons');
  const hr = r.fork('history');
  return Array.from({ length: n }, (_, i) => {
    const p = generatePerson(pr, i, TODAY, 3, '110101', '', '东城区');
    const measures = p.measures.map((x) => x.measure);
    const history = generateHistory(hr, { personId: `p${i}`, measures, employmentStatus: p.input.employmentStatus, today: TODAY, policy: defaultPolicy, actors });
    return { p, measures, history };
  });
}

const engineInput = (measures: ReturnType<typeof population>[number]['measures'], h: PersonHistory) => ({
  measures,
  records: h.records.map((x): RecordInput => ({
    id: x.id!,
    measureId: x.measureId,
    kind: x.kind,
    date: x.date,
    result: x.result ?? null,
    random: x.random ?? false,
    retestOfId: null,
    contactMode: x.contactMode ?? null,
  })),
  leaves: h.leaves.map((l) => ({ id: l.id!, fromDate: l.fromDate, toDate: l.toDate, status: l.status, returnedOn: l.returnedOn ?? null })),
  absences: h.absences.map((a) => ({ id: a.id!, kind: a.kind, fromDate: a.fromDate, toDate: a.toDate ?? null })),
  policy: defaultPolicy,
  today: TODAY,
});

describe('synthetic supervision history (issue 5: three years, field proportions)', () => {
  const people = population(7, 2000);

  it('is deterministic: the same seed gives the same persons and the same history', () => {
    const again = population(7, 50);
    expect(again.map((x) => x.history)).toEqual(people.slice(0, 50).map((x) => x.history));
    expect(population(8, 50).map((x) => x.history)).not.toEqual(again.map((x) => x.history));
  });

  it('keeps the field proportions of the population: two thirds synthetic drugs, a majority aged 18–35', () => {
    const synthetic = people.filter((x) => x.p.input.drugTypes.some((d) => ['methamphetamine', 'ketamine', 'meth_tablet', 'mdma', 'synthetic_cannabinoids'].includes(d))).length;
    const young = people.filter((x) => {
      const age = daysBetween(x.p.identity.birthDate, TODAY) / 365.25;
      return age >= 18 && age < 36;
    }).length;
    expect(synthetic / people.length).toBeGreaterThan(0.6);
    expect(synthetic / people.length).toBeLessThan(0.74);
    expect(young / people.length).toBeGreaterThan(0.5);
  });

  it('writes records only inside the term of a community measure, before today, never while detained or away', () => {
    let records = 0;
    const wrong: string[] = [];
    const startOfToday = new Date(`${TODAY}T00:00:00+08:00`).getTime();
    for (const { measures, history } of people) {
      const byId = new Map(measures.map((m) => [m.id, m]));
      for (const rec of history.records) {
        const m = byId.get(rec.measureId)!;
        records++;
        if (!isCommunityMeasure(m.kind)) wrong.push(`${rec.id}: ${m.kind}`);
        if (compareDates(rec.date, m.startDate!) < 0 || compareDates(rec.date, m.endedOn ?? TODAY) > 0) wrong.push(`${rec.id}: ${rec.date} outside the term`);
        // Nothing is dated today (the day has just begun) except a relapse ending a measure earlier.
        if (compareDates(rec.date, TODAY) >= 0 || rec.recordedAt.getTime() >= startOfToday) wrong.push(`${rec.id}: ${rec.date} not in the past`);
        const during = (from: string, to: string | null | undefined) => compareDates(from, rec.date) <= 0 && compareDates(rec.date, to ?? TODAY) <= 0;
        if (m.suspensions.some((x) => during(x.start, x.end)) || history.absences.some((a) => during(a.fromDate, a.toDate)))
          wrong.push(`${rec.id}: ${rec.date} while detained or away`);
        if (rec.kind === 'drug_test' && !['negative', 'positive', 'refused'].includes(rec.result!)) wrong.push(`${rec.id}: ${rec.result}`);
        // The structured visit form (JOURNEYS 2) on every contact but a check-in.
        if (rec.kind !== 'drug_test' && rec.kind !== 'check_in' && !rec.form) wrong.push(`${rec.id}: no form`);
      }
    }
    expect(wrong).toEqual([]);
    // About three years of weekly grid visits, monthly check-ins and the tests of T4/T5.
    expect(records / people.length).toBeGreaterThan(60);
  });

  it('ends a relapse with a positive test on the day the measure ended, and nothing after (C6)', () => {
    const relapsed = people.filter((x) => x.measures.some((m) => m.kind === 'compulsory_isolation'));
    expect(relapsed.length / people.length).toBeGreaterThan(0.05);
    for (const { measures, history } of relapsed) {
      const ended = measures.find((m) => m.status === 'terminated' && m.terminationReason === 'compulsory_isolation')!;
      const own = history.records.filter((r) => r.measureId === ended.id);
      expect(own.some((r) => r.kind === 'drug_test' && r.result === 'positive' && r.date === ended.endedOn)).toBe(true);
      expect(own.every((r) => compareDates(r.date, ended.endedOn!) <= 0)).toBe(true);
    }
  });

  it('gives leave requests that do not overlap, decided by the street, a few waiting today (C4)', () => {
    const all = people.flatMap((x) => x.history.leaves);
    expect(all.length).toBeGreaterThan(people.length * 0.15);
    const pending = all.filter((l) => l.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const l of pending) expect(compareDates(l.fromDate, TODAY)).toBeGreaterThan(0);
    // Nothing happened after today: every step of every leave lies before the day began.
    const endOfYesterday = new Date(`${TODAY}T00:00:00+08:00`).getTime();
    const steps = people.flatMap((x) => x.history.leaveEvents.map((e) => e.at.getTime()));
    expect(steps.filter((t) => t >= endOfYesterday)).toEqual([]);
    for (const l of all.filter((x) => x.status !== 'pending')) expect(l.decidedBy).toBe('o');
    for (const { history } of people) {
      const sorted = [...history.leaves].sort((a, b) => compareDates(a.fromDate, b.fromDate));
      for (let i = 1; i < sorted.length; i++) expect(compareDates(sorted[i - 1]!.toDate, sorted[i]!.fromDate)).toBeLessThan(0);
    }
    // Every leave lies within its measure's term.
    const ends = new Map(people.flatMap((x) => x.measures.map((m) => [m.id, computeEndDate(m, defaultPolicy)] as const)));
    expect(
      all.filter((l) => {
        const end = ends.get(l.measureId!);
        return end && compareDates(l.toDate, end) >= 0;
      }),
    ).toEqual([]);
    const events = people.flatMap((x) => x.history.leaveEvents);
    expect(events.filter((e) => e.event === 'request').length).toBe(all.length);
    expect(events.filter((e) => e.event === 'return').length).toBe(all.filter((l) => l.status === 'returned').length);
  });

  it('yields, through the rules, some lost contact and some breaches but mostly persons in order (C5, C11)', () => {
    let assessed = 0,
      lost = 0,
      serious = 0,
      breach = 0,
      excused = 0;
    for (const { measures, history } of people) {
      const out = assessPerson(engineInput(measures, history));
      excused += out.tasks.filter((t) => t.state === 'excused').length;
      if (!out.status || !out.status.lostContact.checked) continue;
      assessed++;
      if (out.status.lostContact.lost) lost++;
      if (out.status.assessment.level === 'serious_breach') serious++;
      if (out.status.assessment.level === 'breach') breach++;
    }
    expect(assessed).toBeGreaterThan(1000);
    expect(lost / assessed).toBeGreaterThan(0.01);
    expect(lost / assessed).toBeLessThan(0.08);
    expect(serious / assessed).toBeLessThan(0.05);
    expect(breach / assessed).toBeGreaterThan(0.02);
    expect(breach / assessed).toBeLessThan(0.25);
    expect(excused).toBeGreaterThan(0); // leave and hospital stays excuse their tasks (T7)
  });
});
