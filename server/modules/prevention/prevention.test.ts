import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDbKinds, userWith, type Client } from '../../test/harness';
import { auditLog } from '../audit/schema';
import { world, type World } from '../../test/supervision-world';

// Issue 16 items 1–3 and 8 (K13, K16 of RULES §6): publicity, volunteers, staff trainings.
describe.each(testDbKinds())('prevention on %s', (kind) => {
  let w: World;
  let leader: Client;
  beforeAll(async () => {
    w = await world(kind, {}, 'pv');
    leader = await userWith(w.t, w.admin, 'pv.leader', 'leader', w.units.district);
  });
  afterAll(() => w.t.close());

  const talk = (orgUnitId: string, extra: Record<string, unknown> = {}) => ({
    orgUnitId,
    kind: 'school_class',
    title: '6·26 禁毒课堂',
    audiences: ['youth'],
    heldOn: '2026-06-26',
    place: '第五中学',
    organiser: '多福巷社区',
    partners: ['第五中学'],
    attendees: 320,
    materials: 200,
    ...extra,
  });

  it('logs an activity with its reach (K13: attendees plus online reads and plays) and audits it without free text', async () => {
    const res = await w.worker.post('/api/prevention/activities', talk(w.units.community));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'school_class', reach: 320, audiences: ['youth'], orgUnitName: '多福巷社区', recordedByName: 'pv.worker' });
    const online = await w.worker.post(
      '/api/prevention/activities',
      talk(w.units.community, {
        kind: 'short_video',
        title: '识别新型毒品',
        audiences: ['youth', 'residents'],
        attendees: 0,
        channels: [
          { channel: 'wechat_official', reads: 1200, shares: 80 },
          { channel: 'short_video_platform', plays: 3000, shares: 400 },
        ],
      }),
    );
    expect(online.statusCode, online.body).toBe(201);
    expect(online.json().reach).toBe(4200);
    const [row] = await w.t.services.db.select().from(auditLog).where(eq(auditLog.entityId, res.json().id));
    expect(row).toMatchObject({ action: 'publicity.create', details: { kind: 'school_class', audiences: ['youth'], heldOn: '2026-06-26', reach: 320 } });
    expect(JSON.stringify(row)).not.toContain('第五中学');
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['no audience', { audiences: [] }, 'body.audiences', 'validation.too_small'],
    ['an unknown kind', { kind: 'banner' }, 'body.kind', 'validation.invalid_value'],
    ['a date in the future', { heldOn: '2026-12-01' }, 'heldOn', 'prevention.date_future'],
    ['an online post without figures', { kind: 'online_post', attendees: 0 }, 'channels', 'publicity.channels_required'],
    [
      'a channel twice',
      {
        kind: 'online_post',
        channels: [
          { channel: 'weibo', reads: 1 },
          { channel: 'weibo', reads: 2 },
        ],
      },
      'channels',
      'publicity.channel_twice',
    ],
    ['a negative attendance', { attendees: -1 }, 'body.attendees', 'validation.too_small'],
    ['an unknown field', { photos: [] }, 'body', 'validation.unrecognized_keys'],
  ])('refuses %s with a 400 naming the field', async (_l, extra, path, code) => {
    const res = await w.worker.post('/api/prevention/activities', talk(w.units.community, extra));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('is scoped by the org subtree: out of scope is a 404 like a missing record; read-only roles cannot write', async () => {
    const theirs = await w.outsider.post('/api/prevention/activities', talk(w.units.otherStreet, { audiences: ['migrants'], kind: 'market_stand', attendees: 150 }));
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await w.worker.get(`/api/prevention/activities/${theirs.json().id}`)).statusCode).toBe(404);
    expect((await w.worker.get('/api/prevention/activities/00000000-0000-4000-8000-000000000000')).json().error.code).toBe('publicity.not_found');
    expect((await w.worker.post('/api/prevention/activities', talk(w.units.otherStreet))).statusCode).toBe(404);
    expect((await w.officer.get(`/api/prevention/activities/${theirs.json().id}`)).statusCode).toBe(200);
    expect((await leader.post('/api/prevention/activities', talk(w.units.community))).statusCode).toBe(403);
    const mine = (await w.worker.get('/api/prevention/activities?from=2026-01-01&to=2026-12-31')).json();
    expect(mine.items.every((a: { orgUnitId: string }) => a.orgUnitId === w.units.community)).toBe(true);
    expect((await w.worker.get(`/api/prevention/activities?from=2026-01-01&to=2026-12-31&orgUnitId=${w.units.otherStreet}`)).statusCode).toBe(404);
  });

  it('sums reach by audience, kind and child unit for the subtree, and K13 moves with each activity', async () => {
    const q = `orgUnitId=${w.units.district}&from=2026-01-01&to=2026-12-31`;
    const before = (await leader.get(`/api/prevention/indicators?${q}`)).json();
    const migrantsReach = (summary: { byAudience: { audience: string; reach: number }[] }) => summary.byAudience.find((a) => a.audience === 'migrants')?.reach ?? 0;
    const migrantsBefore = migrantsReach((await leader.get(`/api/prevention/publicity-summary?${q}`)).json());
    expect((await w.worker.post('/api/prevention/activities', talk(w.units.community, { audiences: ['migrants'], kind: 'market_stand', attendees: 150 }))).statusCode).toBe(201);
    const after = (await leader.get(`/api/prevention/indicators?${q}`)).json();
    expect(after.k13).toMatchObject({ activities: before.k13.activities + 1, reach: before.k13.reach + 150, activitiesTarget: 12, reachTarget: 5000 });
    const s = (await leader.get(`/api/prevention/publicity-summary?${q}`)).json();
    expect(migrantsReach(s)).toBe(migrantsBefore + 150);
    const streets = Object.fromEntries(s.byUnit.map((u: { orgUnitId: string; reach: number }) => [u.orgUnitId, u.reach]));
    expect(streets[w.units.street]).toBe((await w.worker.get(`/api/prevention/publicity-summary?orgUnitId=${w.units.community}&from=2026-01-01&to=2026-12-31`)).json().total.reach);
    expect(s.total.reach).toBe(s.byUnit.reduce((n: number, u: { reach: number }) => n + u.reach, 0));
    expect((await leader.get(`/api/prevention/indicators?orgUnitId=${w.units.district}&from=2026-12-31&to=2026-01-01`)).json().error.fields[0]).toMatchObject({
      path: 'from',
      code: 'prevention.period_invalid',
    });
  });

  it('registers volunteers in a team with masked phones, logs hours, names a leader; the list read is audited without names', async () => {
    const team = await w.worker.post('/api/prevention/teams', { orgUnitId: w.units.community, name: '多福巷禁毒志愿队' });
    expect(team.statusCode, team.body).toBe(201);
    const v = await w.worker.post('/api/prevention/volunteers', { teamId: team.json().id, name: '王芳', phone: '13812345678', skills: ['publicity'], registeredOn: '2026-03-01' });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json().phone).toBe('138****5678');
    const activity = (await w.worker.post('/api/prevention/activities', talk(w.units.community))).json();
    const h = await w.worker.post(`/api/prevention/volunteers/${v.json().id}/hours`, { servedOn: '2026-06-26', minutes: 180, activityId: activity.id });
    expect(h.statusCode, h.body).toBe(201);
    expect((await w.worker.post(`/api/prevention/volunteers/${v.json().id}/hours`, { servedOn: '2026-06-26', minutes: 5 })).statusCode).toBe(400);
    const led = await w.worker.patch(`/api/prevention/teams/${team.json().id}`, { leaderVolunteerId: v.json().id });
    expect(led.json()).toMatchObject({ leaderName: '王芳', members: 1, minutes: 180 });
    const list = await w.worker.get(`/api/prevention/volunteers?teamId=${team.json().id}`);
    expect(list.json()).toMatchObject({ total: 1, items: [{ name: '王芳', phone: '138****5678', minutes: 180 }] });
    const rows = await w.t.services.db.select().from(auditLog).where(eq(auditLog.action, 'volunteer.list'));
    expect(rows.at(-1)?.details).toMatchObject({ returned: 1, total: 1 });
    const all = JSON.stringify(await w.t.services.db.select().from(auditLog).where(eq(auditLog.entityType, 'volunteer')));
    expect(all).not.toContain('王芳');
    expect(all).not.toContain('13812345678');
    expect((await w.outsider.get(`/api/prevention/volunteers?teamId=${team.json().id}`)).json().total).toBe(0);
    expect((await w.outsider.post(`/api/prevention/volunteers/${v.json().id}/hours`, { servedOn: '2026-06-26', minutes: 60 })).statusCode).toBe(404);
    const other = (await w.outsider.post('/api/prevention/teams', { orgUnitId: w.units.otherStreet, name: '景山志愿队' })).json();
    const stranger = (await w.outsider.post('/api/prevention/volunteers', { teamId: other.id, name: '李雷', phone: '13900001111', registeredOn: '2026-03-01' })).json();
    expect((await w.worker.patch(`/api/prevention/teams/${team.json().id}`, { leaderVolunteerId: stranger.id })).json().error.fields[0].code).toBe(
      'volunteer_team.leader_not_member',
    );
  });

  it('recognises an outstanding volunteer (优秀志愿者) once a year; the unit counts its recognised volunteers', async () => {
    const team = (await w.worker.post('/api/prevention/teams', { orgUnitId: w.units.community, name: '表彰测试队' })).json();
    const v = (await w.worker.post('/api/prevention/volunteers', { teamId: team.id, name: '刘洋', phone: '13600001111', registeredOn: '2026-01-05' })).json();
    const q = `orgUnitId=${w.units.community}&from=2026-01-01&to=2026-12-31`;
    const before = (await w.worker.get(`/api/prevention/indicators?${q}`)).json().volunteers.recognised;
    const res = await w.worker.post(`/api/prevention/volunteers/${v.id}/recognitions`, { recognisedOn: '2026-11-20' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().recognised).toEqual([2026]);
    const again = await w.worker.post(`/api/prevention/volunteers/${v.id}/recognitions`, { recognisedOn: '2026-11-21' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('volunteer.recognised_already');
    expect((await w.worker.post(`/api/prevention/volunteers/${v.id}/recognitions`, { recognisedOn: '2026-12-01' })).json().error.fields[0].code).toBe('prevention.date_future');
    expect((await w.outsider.post(`/api/prevention/volunteers/${v.id}/recognitions`, { recognisedOn: '2026-11-20' })).statusCode).toBe(404);
    expect((await w.worker.get(`/api/prevention/indicators?${q}`)).json().volunteers.recognised).toBe(before + 1);
  });

  it('records trainings with exam results; K16 shows the pass rate and the count against 4 a year', async () => {
    const q = `orgUnitId=${w.units.street}&from=2026-01-01&to=2026-12-31`;
    const attendees = [
      { userId: w.worker.userId, result: 'passed' },
      { userId: w.police.userId, result: 'failed' },
      { userId: w.streetOffice.userId, result: 'not_examined' },
    ];
    const res = await w.streetOffice.post('/api/prevention/trainings', { orgUnitId: w.units.street, topic: '新型毒品识别', heldOn: '2026-05-10', minutes: 180, attendees });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ examined: 2, passed: 1, attendees: expect.arrayContaining([expect.objectContaining({ displayName: 'pv.worker', result: 'passed' })]) });
    const k16 = (await w.streetOffice.get(`/api/prevention/indicators?${q}`)).json().k16;
    expect(k16).toMatchObject({ trainings: 1, trainingsTarget: 4, passRate: { numerator: 1, denominator: 2, rate: 0.5 }, met: false });
    const twice = await w.streetOffice.post('/api/prevention/trainings', {
      orgUnitId: w.units.street,
      topic: 'x',
      heldOn: '2026-05-10',
      minutes: 60,
      attendees: [attendees[0], attendees[0]],
    });
    expect(twice.json().error.fields[0]).toMatchObject({ path: 'attendees.1.userId', code: 'training.attendee_twice' });
    const foreign = await w.streetOffice.post('/api/prevention/trainings', {
      orgUnitId: w.units.street,
      topic: 'x',
      heldOn: '2026-05-10',
      minutes: 60,
      attendees: [{ userId: w.outsider.userId, result: 'passed' }],
    });
    expect(foreign.json().error.fields[0]).toMatchObject({ path: 'attendees.0.userId', code: 'training.attendee_unknown' });
    const list = (await w.worker.get(`/api/prevention/trainings?from=2026-01-01&to=2026-12-31`)).json();
    expect(list.total).toBe(0);
    expect((await w.officer.get(`/api/prevention/trainings?${q}`)).json().total).toBe(1);
  });

  it('a unit holding prevention records cannot be deleted', async () => {
    const res = await w.admin.del(`/api/org-units/${w.units.community2}`);
    expect(res.statusCode, res.body).toBe(200);
    const street = await w.admin.post('/api/org-units', { parentId: w.units.district, level: 'street', name: '北新桥街道' });
    await w.officer.post('/api/prevention/teams', { orgUnitId: street.json().id, name: '北新桥志愿队' });
    expect((await w.admin.del(`/api/org-units/${street.json().id}`)).statusCode).toBe(409);
  });
});
