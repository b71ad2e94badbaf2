import { uuidFrom, type Random } from './random';
import { addDays, addYears } from '../../core/rules/dates';
import { idNumberCheckChar } from '../../core/rules/id-number';
import { createMeasure, type Measure } from '../../core/rules/measures';
import { applyMeasureEvent } from '../../core/rules/measure-events';
import { defaultPolicy } from '../../core/rules/policy';
import type { PersonInput } from '../../core/contracts/persons';
import { address, personName, phone } from './names';

const synthetic = ['methamphetamine', 'methamphetamine', 'methamphetamine', 'ketamine', 'meth_tablet', 'mdma', 'synthetic_cannabinoids'];
const traditional = ['heroin', 'heroin', 'heroin', 'opium', 'cannabis', 'morphine'];
const syntheticMethods = ['vaping', 'oral', 'inhaling'];
const traditionalMethods = ['smoking', 'injecting', 'inhaling'];

export interface GeneratedPerson {
  input: Omit<PersonInput, 'orgUnitId'>;
  identity: { idType: string; idNumber: string; sex: 'male' | 'female'; birthDate: string };
  measures: { measure: Measure; events: { event: string; date: string; from: string | null; to: string }[]; decisionNumber: string }[];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * One synthetic person in the proportions the field reports: about two thirds on synthetic
 * drugs, a majority aged 18–35, mostly men, measures decided over the last `years` years,
 * about one in seven relapsing into compulsory isolation.
 */
export function generatePerson(r: Random, index: number, today: string, years: number, region: string, cityName: string, districtName: string): GeneratedPerson {
  const sex = r.chance(0.86) ? 'male' : 'female';
  const age = r.weighted([
    [r.int(18, 35), 60],
    [r.int(36, 50), 30],
    [r.int(51, 65), 10],
  ] as const);
  const birthDate = addDays(addYears(today, -age), -r.int(0, 364));
  const seq = (index % 500) * 2 + (sex === 'male' ? 1 : 0);
  const first17 = `${region}${birthDate.replace(/-/g, '')}${pad(seq, 3)}`;
  const idNumber = first17 + idNumberCheckChar(first17);
  const isSynthetic = r.chance(2 / 3);
  const drugs = [...new Set([r.pick(isSynthetic ? synthetic : traditional), ...(r.chance(0.25) ? [r.pick(isSynthetic ? synthetic : traditional)] : [])])];
  const registered = address(r, cityName, districtName);
  const input: GeneratedPerson['input'] = {
    name: personName(r, sex),
    formerNames: [],
    nationality: 'CHN',
    idType: 'resident_id',
    idNumber,
    ethnicity: r.chance(0.92) ? '01' : r.pick(['03', '11', '08', '06']),
    phone: phone(r),
    registeredAddress: registered,
    residenceAddress: r.chance(0.3) ? address(r, cityName, districtName) : registered,
    education: r.weighted([
      ['70', 45],
      ['60', 20],
      ['40', 15],
      ['80', 12],
      ['30', 6],
      ['20', 2],
    ] as const),
    maritalStatus: r.weighted([
      ['10', 45],
      ['20', 30],
      ['40', 22],
      ['30', 3],
    ] as const),
    employmentStatus: r.weighted([
      ['unemployed', 45],
      ['flexible', 25],
      ['employed', 18],
      ['self_employed', 10],
      ['unable', 2],
    ] as const),
    drugTypes: drugs,
    useMethods: [r.pick(isSynthetic ? syntheticMethods : traditionalMethods)],
    firstUseDate: addDays(birthDate, 365 * r.int(16, Math.max(17, age - 1))),
    familyContacts: r.chance(0.8) ? [{ name: personName(r, r.chance(0.5) ? 'male' : 'female'), relation: r.pick(['mother', 'father', 'spouse', 'sibling']), phone: phone(r) }] : [],
    riskLevel: r.weighted([
      ['low', 60],
      ['medium', 30],
      ['high', 10],
    ] as const),
  };
  return { input, identity: { idType: 'resident_id', idNumber, sex, birthDate }, measures: generateMeasures(r, today, years, index) };
}

function generateMeasures(r: Random, today: string, years: number, index: number): GeneratedPerson['measures'] {
  const out: GeneratedPerson['measures'] = [];
  const policy = defaultPolicy;
  const kind = r.chance(0.65) ? 'community_detox' : 'community_rehab';
  const decisionDate = addDays(today, -r.int(20, Math.max(40, years * 365)));
  const received = addDays(decisionDate, r.int(0, 3));
  let m = createMeasure({ id: uuidFrom(r), kind, decisionDate, decisionReceivedDate: received, decisionTermMonths: kind === 'community_rehab' ? 36 : null });
  const events: GeneratedPerson['measures'][number]['events'] = [{ event: 'create', date: decisionDate, from: null, to: m.status }];
  const step = (event: Parameters<typeof applyMeasureEvent>[1]) => {
    const res = applyMeasureEvent(m, event, policy);
    if (!res.ok) return false;
    events.push({ event: event.type, date: event.date, from: m.status, to: res.measure.status });
    m = res.measure;
    return true;
  };
  const reportOn = addDays(received, r.int(1, 14));
  if (reportOn > today || r.chance(0.02)) {
    // Ordered recently (or refusing): still awaiting the report.
    if (reportOn <= today && step({ type: 'refuse_report', date: addDays(received, 16) })) {
      /* refused */
    }
  } else {
    step({ type: 'report', date: reportOn });
    const relapseOn = addDays(reportOn, r.int(60, 700));
    if (r.chance(0.14) && relapseOn < today) {
      step({ type: 'terminate', date: relapseOn, reason: 'compulsory_isolation' });
      out.push({ measure: m, events, decisionNumber: `公（禁）决字〔${decisionDate.slice(0, 4)}〕${index}号` });
      const iso = createMeasure({ id: uuidFrom(r), kind: 'compulsory_isolation', decisionDate: relapseOn });
      out.push({ measure: iso, events: [{ event: 'create', date: relapseOn, from: null, to: iso.status }], decisionNumber: `公（强）决字〔${relapseOn.slice(0, 4)}〕${index}号` });
      return out;
    }
    if (r.chance(0.03)) {
      const s = addDays(reportOn, r.int(30, 300));
      if (s < today) {
        step({ type: 'suspend', date: s });
        const back = addDays(s, r.int(5, 40));
        if (back < today) step({ type: 'resume', date: back });
      }
    }
    const end = m.status === 'active' ? addYears(reportOn, 3) : null;
    if (end && end <= today) step({ type: 'complete', date: end });
  }
  out.push({ measure: m, events, decisionNumber: `公（禁）决字〔${decisionDate.slice(0, 4)}〕${index}号` });
  return out;
}
