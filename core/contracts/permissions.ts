// The permission catalogue and the built-in roles. Shared by server (enforcement) and web (menus);
// the permissions' labels are in core/labels.

export const permissions = {
  'person.read': { group: 'person' },
  'person.write': { group: 'person' },
  'person.pii.read': { group: 'person' },
  'person.import': { group: 'person' },
  'person.export': { group: 'person' },
  'person.sealed.read': { group: 'person' },
  'measure.write': { group: 'person' },
  'document.read': { group: 'person' },
  'document.write': { group: 'person' },
  'supervision.read': { group: 'person' },
  'supervision.write': { group: 'person' },
  'leave.approve': { group: 'person' },
  'notice.read': { group: 'person' },
  'notice.acknowledge': { group: 'person' },
  'assistance.read': { group: 'person' },
  'assistance.write': { group: 'person' },
  'assistance.approve': { group: 'person' },
  'partner.manage': { group: 'person' },
  'referral.respond': { group: 'person' },
  // #14 sealing: delisting (D2, D3), the person's access report (PIPL §44–45), break-the-glass reads.
  'delisting.review': { group: 'person' },
  'delisting.approve': { group: 'person' },
  'person.access_report': { group: 'person' },
  'person.break_glass': { group: 'person' },
  'report.read': { group: 'report' },
  // Prevention (issue 16): publicity, volunteers, staff trainings. Volunteers' phones are masked in lists.
  'prevention.read': { group: 'prevention' },
  'prevention.write': { group: 'prevention' },
  // #15 governance: the work plan's numbers (targets, baselines, milestones) are set by the district office.
  'target.manage': { group: 'report' },
  // #16 tips: tip reports routed to the police of the unit; who gave a tip is for tip.handle (the police role) alone.
  'tip.read': { group: 'person' },
  'tip.handle': { group: 'person' },
  // #15 governance-ops: joint meetings, risk register, budget and 七有, the weekly dispatch; police figures (K18).
  'govops.read': { group: 'report' },
  'govops.write': { group: 'report' },
  'police_figure.write': { group: 'report' },
  // #15 reports: generating the monthly bulletin (月通报) is for the district and city offices.
  'report.generate': { group: 'report' },
  'org.read': { group: 'admin' },
  'org.manage': { group: 'admin' },
  'user.read': { group: 'admin' },
  'user.manage': { group: 'admin' },
  'role.manage': { group: 'admin' },
  'session.manage': { group: 'admin' },
  'audit.read': { group: 'admin' },
  'policy.manage': { group: 'admin' },
} as const;

export type Permission = keyof typeof permissions;
export const allPermissions = Object.keys(permissions) as Permission[];
export const isPermission = (p: string): p is Permission => p in permissions;

/** Permissions that read or change person-level data. */
export const personPermissions = allPermissions.filter((p) => permissions[p].group === 'person');
/** Permissions of the three separated administrators (三员分立). */
export const adminPermissions: Permission[] = ['org.manage', 'user.manage', 'role.manage', 'session.manage', 'audit.read', 'policy.manage'];

export interface BuiltinRole {
  code: string;
  zh: string;
  en: string;
  permissions: Permission[];
  /** Administrator roles require two-factor sign-in (RULES P7). */
  admin: boolean;
}

export const builtinRoles: BuiltinRole[] = [
  // 三员分立: system, security and audit administrators; none of them reads person files.
  { code: 'system_admin', zh: '系统管理员', en: 'System administrator', admin: true, permissions: ['org.read', 'org.manage', 'user.read', 'user.manage', 'policy.manage'] },
  { code: 'security_admin', zh: '安全管理员', en: 'Security administrator', admin: true, permissions: ['org.read', 'user.read', 'role.manage', 'session.manage'] },
  { code: 'audit_admin', zh: '审计管理员', en: 'Audit administrator', admin: true, permissions: ['org.read', 'user.read', 'audit.read'] },
  {
    code: 'drug_control_office',
    zh: '禁毒办',
    en: 'Drug-control office',
    admin: false,
    permissions: [
      'org.read',
      'person.read',
      'person.write',
      'person.pii.read',
      'person.import',
      'person.export',
      'person.sealed.read',
      'delisting.review', // #14 sealing
      'delisting.approve', // #14 sealing
      'person.access_report', // #14 sealing
      'person.break_glass', // #14 sealing
      'measure.write',
      'document.read',
      'document.write',
      'supervision.read',
      'supervision.write',
      'leave.approve',
      'notice.read',
      'assistance.read',
      'assistance.approve',
      'partner.manage',
      'report.read',
      'prevention.read',
      'prevention.write',
      'target.manage',
      'tip.read',
      'govops.read',
      'govops.write',
      'report.generate', // #15 reports
    ],
  },
  // The 禁毒专干 of a street (街道) decides leave for the persons in its subtree: the regulation
  // gives the decision to the street (RULES C4, 条例§19), and the officer is the street's
  // drug-control staff. Granted on a community, the same role decides there only.
  {
    code: 'officer',
    zh: '禁毒专干',
    en: 'Officer',
    admin: false,
    permissions: [
      'org.read',
      'person.read',
      'person.write',
      'person.pii.read',
      'person.import',
      'person.export',
      'delisting.review', // #14 sealing
      'delisting.approve', // #14 sealing: the street decides (its officer, never the one who reviewed)
      'person.access_report', // #14 sealing
      'person.break_glass', // #14 sealing
      'measure.write',
      'document.read',
      'document.write',
      'supervision.read',
      'supervision.write',
      'leave.approve',
      'notice.read',
      'assistance.read',
      'assistance.write',
      'assistance.approve',
      'partner.manage',
      'report.read',
      'prevention.read',
      'prevention.write',
      'govops.read',
    ],
  },
  {
    code: 'social_worker',
    zh: '禁毒社工',
    en: 'Social worker',
    admin: false,
    permissions: [
      'org.read',
      'person.read',
      'person.write',
      'document.read',
      'document.write',
      'supervision.read',
      'supervision.write',
      'assistance.read',
      'assistance.write',
      'prevention.read',
      'prevention.write',
    ],
  },
  { code: 'grid_worker', zh: '网格员', en: 'Grid worker', admin: false, permissions: ['org.read', 'person.read', 'supervision.read', 'supervision.write'] },
  {
    code: 'police_officer',
    zh: '社区民警',
    en: 'Police officer',
    admin: false,
    permissions: ['org.read', 'person.read', 'person.pii.read', 'supervision.read', 'notice.read', 'notice.acknowledge', 'tip.read', 'tip.handle', 'police_figure.write'],
  },
  // Partner staff answer the referrals sent to their own organisation and read nothing else
  // (least privilege, RULES P1): no person.read, no assistance.read (issue 12 item 5).
  { code: 'partner', zh: '合作单位', en: 'Partner', admin: false, permissions: ['referral.respond'] },
  { code: 'leader', zh: '领导（只读）', en: 'Leader (read only)', admin: false, permissions: ['org.read', 'report.read', 'prevention.read', 'govops.read'] },
];

export const isAdminPermission = (p: string) => (adminPermissions as string[]).includes(p);
