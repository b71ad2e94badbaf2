// The one place that shapes prevention records for the API.
import type { DataCipher } from '../../lib/data-key';
import { maskPhone } from '../../../core/rules/id-number';
import type { AudienceSegment, ChannelReach, PublicityKind, PublicityView, TrainingResult, TrainingView, VolunteerSkill } from '../../../core/contracts/prevention';
import type * as q from './queries';

export function activityView(r: q.ActivityWithUnit): PublicityView {
  const a = r.a;
  return {
    id: a.id,
    orgUnitId: a.orgUnitId,
    orgUnitName: r.orgUnitName,
    kind: a.kind as PublicityKind,
    title: a.title,
    audiences: a.audiences as AudienceSegment[],
    heldOn: a.heldOn,
    place: a.place,
    organiser: a.organiser,
    partners: a.partners,
    attendees: a.attendees,
    channels: a.channels as ChannelReach[],
    materials: a.materials,
    reach: a.reach,
    recordedByName: r.recordedByName,
    createdAt: a.createdAt.toISOString(),
  };
}

export function teamView(r: q.TeamWithCounts) {
  return {
    id: r.t.id,
    orgUnitId: r.t.orgUnitId,
    orgUnitName: r.orgUnitName,
    name: r.t.name,
    leaderVolunteerId: r.t.leaderVolunteerId,
    leaderName: r.leaderName,
    members: Number(r.members),
    minutes: Number(r.minutes),
    createdAt: r.t.createdAt.toISOString(),
  };
}

/** A volunteer as lists show him: the phone decrypted only to be masked. */
export function volunteerView(r: q.VolunteerWithTeam, cipher: DataCipher) {
  return {
    id: r.v.id,
    teamId: r.v.teamId,
    teamName: r.teamName,
    orgUnitId: r.orgUnitId,
    name: r.v.name,
    phone: maskPhone(cipher.decrypt(r.v.phoneEnc)),
    skills: r.v.skills as VolunteerSkill[],
    registeredOn: r.v.registeredOn,
    minutes: Number(r.minutes),
  };
}

export function trainingView(r: { t: q.TrainingRow; orgUnitName: string }, attendees: { userId: string; displayName: string; result: string }[]): TrainingView {
  const results = attendees.map((a) => a.result as TrainingResult);
  return {
    id: r.t.id,
    orgUnitId: r.t.orgUnitId,
    orgUnitName: r.orgUnitName,
    topic: r.t.topic,
    heldOn: r.t.heldOn,
    minutes: r.t.minutes,
    attendees: attendees.map((a) => ({ userId: a.userId, displayName: a.displayName, result: a.result as TrainingResult })),
    examined: results.filter((x) => x !== 'not_examined').length,
    passed: results.filter((x) => x === 'passed').length,
    createdAt: r.t.createdAt.toISOString(),
  };
}
