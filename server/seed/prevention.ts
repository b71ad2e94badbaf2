// A year of prevention work for the demo city (issue 16 item 9): publicity activities per
// community by audience and channel, a volunteer team per street with hours at the activities,
// and the district's staff trainings with their exam results. Plausible amounts, deterministic.
import type { Executor } from '../db/client';
import type { DataCipher } from '../lib/data-key';
import { addDays } from '../../core/rules/dates';
import { activityReach, scoreAnswers, type QuestionShape } from '../../core/rules/prevention';
import { audienceSegments, volunteerSkills, type ChannelReach, type PublicityKind } from '../../core/contracts/prevention';
import {
  publicityActivities,
  staffGrades,
  staffQualifications,
  staffTrainingAttendees,
  staffTrainings,
  surveyLinks,
  surveyResponses,
  surveys,
  tips,
  volunteerHours,
  volunteerRecognitions,
  volunteerTeams,
  volunteers,
} from '../modules/prevention/schema';
import { personName, phone } from './names';
import type { Random } from './random';
import { uuidFrom } from './random';
import type { UnitSpec } from './city';

export interface PreventionSummary {
  activities: number;
  reach: number;
  teams: number;
  volunteers: number;
  trainings: number;
  surveys: number;
  responses: number;
  /** K14/K15 raw material of all responses: knowledge items answered and right, ratings and satisfied ones. */
  survey: { knowledge: number; correct: number; rated: number; satisfied: number };
  tips: number;
  /** #16 item 3: social workers graded, certificates written, and of those expiring (within 60 days) or expired today. */
  staff: { graded: number; qualifications: number; expiring: number; expired: number };
}

const kinds: [PublicityKind, number][] = [
  ['talk', 3],
  ['school_class', 3],
  ['market_stand', 2],
  ['door_to_door', 2],
  ['exhibition', 1],
  ['performance', 1],
  ['competition', 1],
  ['online_post', 3],
  ['short_video', 2],
];
const titles: Record<PublicityKind, string> = {
  talk: '禁毒知识讲座',
  school_class: '禁毒课堂进校园',
  market_stand: '集市禁毒宣传摊位',
  door_to_door: '入户发放禁毒资料',
  exhibition: '禁毒图片展',
  performance: '禁毒文艺汇演',
  competition: '禁毒知识竞赛',
  online_post: '识别新型毒品（公众号推文）',
  short_video: '禁毒短视频',
};
const audienceFor: Partial<Record<PublicityKind, (typeof audienceSegments)[number][]>> = {
  school_class: ['youth'],
  market_stand: ['migrants', 'residents'],
  door_to_door: ['families', 'elderly'],
};

const chunked = async <T>(items: T[], write: (chunk: T[]) => Promise<unknown>) => {
  for (let i = 0; i < items.length; i += 500) await write(items.slice(i, i + 500));
};

function activity(r: Random, community: UnitSpec, today: string) {
  const kind = r.weighted(kinds);
  const online = kind === 'online_post' || kind === 'short_video';
  const channels: ChannelReach[] = online
    ? [
        {
          channel: kind === 'short_video' ? 'short_video_platform' : 'wechat_official',
          reads: kind === 'online_post' ? r.int(200, 3000) : 0,
          plays: kind === 'short_video' ? r.int(300, 6000) : 0,
          shares: r.int(5, 300),
        },
      ]
    : [];
  const attendees = online ? 0 : kind === 'school_class' ? r.int(80, 400) : r.int(20, 200);
  // 6·26 week gets its share (JOURNEYS 8); otherwise spread over the last year.
  const june = (year: number) => `${year}-06-${String(r.int(20, 26)).padStart(2, '0')}`;
  const thisJune = june(Number(today.slice(0, 4)));
  const heldOn = r.chance(0.15) ? (thisJune <= today ? thisJune : june(Number(today.slice(0, 4)) - 1)) : addDays(today, -r.int(1, 364));
  const audiences = audienceFor[kind] ?? [r.pick(audienceSegments), ...(r.chance(0.3) ? ['residents' as const] : [])];
  return {
    id: uuidFrom(r),
    orgUnitId: community.id,
    kind,
    title: titles[kind],
    audiences: [...new Set(audiences)],
    heldOn,
    place: online ? '' : `${community.name}活动室`,
    organiser: community.name,
    partners: r.chance(0.3) ? ['社区卫生服务中心'] : [],
    attendees,
    channels,
    reach: activityReach(attendees, channels),
    materials: online ? 0 : r.int(0, attendees),
    recordedBy: null,
  };
}

/** Writes the year into an empty prevention schema; `staffOf(unitId)` gives the social workers of a community. */
export async function seedPrevention(
  exec: Executor,
  r: Random,
  cipher: DataCipher,
  plan: { units: UnitSpec[]; communities: UnitSpec[] },
  staffOf: (communityId: string) => string[],
  today: string,
): Promise<PreventionSummary> {
  const acts = plan.communities.flatMap((c) => Array.from({ length: r.int(12, 20) }, () => activity(r, c, today)));
  await chunked(acts, (chunk) => exec.insert(publicityActivities).values(chunk));
  const streets = plan.units.filter((u) => u.level === 'street');
  const actsOfStreet = new Map<string, typeof acts>();
  const parentOf = new Map(plan.units.map((u) => [u.id, u.parentId]));
  for (const a of acts) {
    const s = parentOf.get(a.orgUnitId)!;
    actsOfStreet.set(s, [...(actsOfStreet.get(s) ?? []), a]);
  }
  const teams = streets.map((s) => ({ id: uuidFrom(r), orgUnitId: s.id, name: `${s.name}禁毒志愿服务队` }));
  await chunked(teams, (chunk) => exec.insert(volunteerTeams).values(chunk));
  const people = teams.flatMap((t) =>
    Array.from({ length: r.int(18, 40) }, () => ({
      id: uuidFrom(r),
      teamId: t.id,
      name: personName(r, r.chance(0.6) ? 'female' : 'male'),
      phoneEnc: cipher.encrypt(phone(r)),
      skills: [r.pick(volunteerSkills)],
      registeredOn: addDays(today, -r.int(30, 900)),
    })),
  );
  await chunked(people, (chunk) => exec.insert(volunteers).values(chunk));
  const teamStreet = new Map(teams.map((t) => [t.id, t.orgUnitId]));
  const hours = people.flatMap((v) => {
    const at = actsOfStreet.get(teamStreet.get(v.teamId)!) ?? [];
    return Array.from({ length: r.int(0, 6) }, () => {
      const a = at.length ? r.pick(at) : null;
      return { id: uuidFrom(r), volunteerId: v.id, servedOn: a?.heldOn ?? addDays(today, -r.int(1, 364)), minutes: r.pick([60, 120, 180, 240]), activityId: a?.id ?? null };
    });
  });
  await chunked(hours, (chunk) => exec.insert(volunteerHours).values(chunk));
  // About one in ten volunteers recognised as outstanding (优秀志愿者) this year.
  const recognised = people.filter(() => r.chance(0.1)).map((v) => ({ volunteerId: v.id, year: Number(today.slice(0, 4)), recognisedOn: today }));
  await chunked(recognised, (chunk) => exec.insert(volunteerRecognitions).values(chunk));
  // Trainings: 4–5 a year per district, the district's social workers attend; rare failures.
  const districts = plan.units.filter((u) => u.level === 'district');
  const communitiesOf = (d: UnitSpec) => plan.communities.filter((c) => parentOf.get(parentOf.get(c.id)!) === d.id);
  const topics = ['新型毒品识别', '社区戒毒社区康复工作规范', '心理疏导技巧', '禁毒法律法规', '个案管理与档案规范'];
  let trainings = 0;
  for (const d of districts) {
    const workers = communitiesOf(d).flatMap((c) => staffOf(c.id));
    if (!workers.length) continue;
    for (let k = 0, n = r.int(4, 5); k < n; k++) {
      const t = { id: uuidFrom(r), orgUnitId: d.id, topic: topics[k % topics.length]!, heldOn: addDays(today, -r.int(1, 360)), minutes: r.pick([120, 180, 240, 480]) };
      await exec.insert(staffTrainings).values(t);
      await chunked(workers, (chunk) =>
        exec
          .insert(staffTrainingAttendees)
          .values(chunk.map((userId) => ({ trainingId: t.id, userId, result: r.chance(0.03) ? 'failed' : r.chance(0.05) ? 'not_examined' : 'passed' }))),
      );
      trainings++;
    }
  }
  const answers = await seedSurveys(exec, r, districts, communitiesOf, today);
  const tipCount = await seedTips(exec, r, cipher, streets, today);
  const staff = await seedStaff(
    exec,
    r,
    plan.communities.flatMap((c) => staffOf(c.id)),
    today,
  );
  return { activities: acts.length, reach: acts.reduce((n, a) => n + a.reach, 0), teams: teams.length, volunteers: people.length, trainings, ...answers, tips: tipCount, staff };
}

const surveyQuestions: (QuestionShape & { text: string; options: string[] })[] = [
  { kind: 'single', text: '“奶茶”“跳跳糖”包装的物品可能是新型毒品吗？', options: ['可能', '不可能'], correct: [0] },
  { kind: 'multiple', text: '以下哪些属于毒品？', options: ['冰毒', '摇头丸', '咖啡', '氯胺酮（K粉）'], correct: [0, 1, 3] },
  { kind: 'single', text: '吸食新型毒品会成瘾吗？', options: ['会', '不会'], correct: [0] },
  { kind: 'single', text: '您主要从哪里了解禁毒知识？', options: ['学校', '社区宣传', '网络', '其他'] },
  { kind: 'satisfaction', text: '您对本社区的禁毒宣传教育工作满意吗？', options: [] },
];

/** One answer set: knowledge right with a community's own likelihood (about 75–95 %), ratings mostly 4 or 5. */
function answerSet(r: Random, knows: number): number[][] {
  return surveyQuestions.map((q) => {
    if (q.kind === 'satisfaction') return [r.chance(0.92) ? r.pick([4, 5, 5]) : r.pick([2, 3])];
    if (q.correct && r.chance(knows)) return [...q.correct];
    if (q.kind === 'multiple') return [r.int(0, 1), 2];
    return [r.int(0, q.options.length - 1)];
  });
}

/** A survey per district with a link per community; 20–60 answers per community over the last year. */
async function seedSurveys(exec: Executor, r: Random, districts: UnitSpec[], communitiesOf: (d: UnitSpec) => UnitSpec[], today: string) {
  const total = { surveys: 0, responses: 0, survey: { knowledge: 0, correct: 0, rated: 0, satisfied: 0 } };
  for (const d of districts) {
    const id = uuidFrom(r);
    await exec
      .insert(surveys)
      .values({ id, orgUnitId: d.id, title: '禁毒知识与满意度居民问卷', audiences: ['residents', 'youth', 'elderly', 'migrants'], questions: surveyQuestions });
    total.surveys++;
    const rows = [];
    for (const c of communitiesOf(d)) {
      await exec.insert(surveyLinks).values({ token: Buffer.from(uuidFrom(r).replace(/-/g, ''), 'hex').toString('base64url'), surveyId: id, orgUnitId: c.id });
      const knows = 0.75 + r.int(0, 20) / 100;
      for (let k = 0, n = r.int(20, 60); k < n; k++) {
        const answers = answerSet(r, knows);
        const score = scoreAnswers(surveyQuestions, answers);
        for (const key of ['knowledge', 'correct', 'rated', 'satisfied'] as const) total.survey[key] += score[key];
        rows.push({
          id: uuidFrom(r),
          surveyId: id,
          orgUnitId: c.id,
          audience: r.chance(0.8) ? r.pick(['residents', 'youth', 'elderly', 'migrants']) : null,
          answers,
          ...score,
          answeredOn: addDays(today, -r.int(0, 330)),
        });
      }
    }
    total.responses += rows.length;
    await chunked(rows, (chunk) => exec.insert(surveyResponses).values(chunk));
  }
  return total;
}

/** A few tips per street, most anonymous, the older ones verified or closed. */
async function seedTips(exec: Executor, r: Random, cipher: DataCipher, streets: UnitSpec[], today: string): Promise<number> {
  const texts = ['小区地下室夜间常有人聚集，疑似吸毒', '出租屋内常有陌生人出入，有异味', '网上有人兜售“聊天水”', '某KTV包厢疑似有人吸毒'];
  const rows = streets.flatMap((s) =>
    Array.from({ length: r.int(0, 4) }, () => {
      const age = r.int(0, 300);
      const anonymous = r.chance(0.7);
      return {
        id: uuidFrom(r),
        orgUnitId: s.id,
        receiptHash: uuidFrom(r).replace(/-/g, '').padEnd(64, '0'),
        category: r.pick(['drug_use', 'venue', 'online', 'dealing']),
        descriptionEnc: cipher.encrypt(r.pick(texts)),
        place: '',
        anonymous,
        tipsterNameEnc: anonymous ? null : cipher.encrypt(personName(r, 'male')),
        tipsterPhoneEnc: anonymous ? null : cipher.encrypt(phone(r)),
        status: age > 60 ? r.pick(['verified', 'closed']) : 'received',
        receivedOn: addDays(today, -age),
      };
    }),
  );
  await chunked(rows, (chunk) => exec.insert(tips).values(chunk));
  return rows.length;
}

// ——— #16 item 3: grades and certificates of the social workers

const certificateOf = { assistant: 'sw_assistant', intermediate: 'sw_intermediate', senior: 'sw_senior' } as const;

/**
 * Every social worker gets a grade (about a fifth 未取得, most 助理社会工作师 or 社会工作师, a few
 * 高级) with the matching certificate, and most a post certificate (禁毒社工上岗证) valid three
 * years. Every sixth worker's post certificate runs out within the 60 days, every eleventh ran
 * out already, so the staff page shows both.
 */
async function seedStaff(exec: Executor, r: Random, workers: string[], today: string) {
  const grades: { userId: string; grade: string }[] = [];
  const quals: (typeof staffQualifications.$inferInsert)[] = [];
  let expiring = 0;
  let expired = 0;
  for (const [i, userId] of workers.entries()) {
    const roll = r.next();
    const grade = roll < 0.2 ? 'unqualified' : roll < 0.65 ? 'assistant' : roll < 0.95 ? 'intermediate' : 'senior';
    grades.push({ userId, grade });
    if (grade !== 'unqualified') {
      quals.push({
        id: uuidFrom(r),
        userId,
        kind: certificateOf[grade],
        number: `SW${today.slice(0, 4)}${String(100000 + i)}`,
        issuedOn: addDays(today, -r.int(200, 2500)),
        expiresOn: null,
      });
    }
    if (i % 11 === 5) {
      expired++;
      quals.push({
        id: uuidFrom(r),
        userId,
        kind: 'drug_control_post',
        number: `JD-${String(1000 + i)}`,
        issuedOn: addDays(today, -3 * 365 - r.int(10, 90)),
        expiresOn: addDays(today, -r.int(1, 60)),
      });
    } else if (i % 6 === 2) {
      expiring++;
      quals.push({
        id: uuidFrom(r),
        userId,
        kind: 'drug_control_post',
        number: `JD-${String(1000 + i)}`,
        issuedOn: addDays(today, -3 * 365 + 30),
        expiresOn: addDays(today, r.int(3, 55)),
      });
    } else if (r.chance(0.8)) {
      quals.push({
        id: uuidFrom(r),
        userId,
        kind: 'drug_control_post',
        number: `JD-${String(1000 + i)}`,
        issuedOn: addDays(today, -r.int(30, 900)),
        expiresOn: addDays(today, r.int(200, 1000)),
      });
    }
  }
  await chunked(grades, (chunk) => exec.insert(staffGrades).values(chunk));
  await chunked(quals, (chunk) => exec.insert(staffQualifications).values(chunk));
  return { graded: grades.length, qualifications: quals.length, expiring, expired };
}
