import { registerAuditActions } from '../audit/actions';

// Prevention records are staff-side (activities, teams, trainings): no person under a measure
// is named. Volunteers are people too, so their rows keep ids, codes and counts: never a
// volunteer's name or phone.
registerAuditActions({
  'publicity.create': { person: false, details: { kind: 'code', audiences: 'codes', heldOn: 'date', reach: 'count' } },
  'volunteer_team.create': { person: false },
  'volunteer_team.leader': { person: false, details: { leaderVolunteerId: 'id' } },
  'volunteer.register': { person: false, details: { teamId: 'id', skills: 'codes' } },
  'volunteer.list': { person: false, details: { teamId: 'id', returned: 'count', total: 'count' } },
  'volunteer.hours': { person: false, details: { volunteerId: 'id', servedOn: 'date', minutes: 'count', activityId: 'id' } },
  'training.create': { person: false, details: { heldOn: 'date', attendees: 'count', examined: 'count', passed: 'count' } },
});
