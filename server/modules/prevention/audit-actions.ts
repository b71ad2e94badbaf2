import { registerAuditActions } from '../audit/actions';

// Prevention records are staff-side (activities, teams, trainings): no person under a measure
// is named. Volunteers are people too, so their rows keep ids, codes and counts: never a
// volunteer's name or phone.
registerAuditActions({
  'publicity.create': { person: false, details: { kind: 'code', audiences: 'codes', heldOn: 'date', reach: 'count' } },
  // Photos: the bytes' hash, type, size and consent code; never the image.
  'publicity.photo_add': { person: false, details: { photoId: 'id', format: 'code', size: 'count', sha256: 'hash', consent: 'code' } },
  'publicity.photo_delete': { person: false, details: { photoId: 'id', sha256: 'hash' } },
  'volunteer_team.create': { person: false },
  'volunteer_team.leader': { person: false, details: { leaderVolunteerId: 'id' } },
  'volunteer.register': { person: false, details: { teamId: 'id', skills: 'codes' } },
  'volunteer.list': { person: false, details: { teamId: 'id', returned: 'count', total: 'count' } },
  'volunteer.hours': { person: false, details: { volunteerId: 'id', servedOn: 'date', minutes: 'count', activityId: 'id' } },
  'training.create': { person: false, details: { heldOn: 'date', attendees: 'count', examined: 'count', passed: 'count' } },
  'volunteer.recognise': { person: false, details: { year: 'count' } },
  // Surveys: an anonymous answer's row keeps neither address nor browser (issue 16 item 4).
  'survey.create': { person: false, details: { questions: 'count' } },
  'survey.link': { person: false, details: { orgUnitId: 'id' } },
  'survey.state': { person: false, details: { state: 'code' } },
  'survey.answer': { person: false, details: { responseId: 'id', orgUnitId: 'id' } },
  // Tips: never the description, the place or who gave it; a read notes whether the tipster was shown.
  'tip.submit': { person: true, details: { category: 'code', anonymous: 'flag' } },
  'tip.list': { person: true, details: { returned: 'count', total: 'count' } },
  'tip.read': { person: true, details: { tipster: 'flag' } },
  'tip.status': { person: true, details: { from: 'code', to: 'code' } },
  'tip.reward': { person: true, details: { amountYuan: 'count', paidOn: 'date' } },
  // #16 item 3 staff capacity: grades and certificates of staff; never a certificate's number.
  'staff.list': { person: false, details: { orgUnitId: 'id', returned: 'count' } },
  'staff.grade': { person: false, details: { from: 'code', to: 'code' } },
  'staff.qualification_add': { person: false, details: { qualificationId: 'id', kind: 'code', issuedOn: 'date', expiresOn: 'date' } },
  'staff.qualification_remove': { person: false, details: { qualificationId: 'id', kind: 'code' } },
});
