// The permission catalogue and the built-in roles. Shared by server (enforcement) and web (menus).

export const permissions = {
  'person.read': { zh: '查看人员档案', en: 'Read person files', group: 'person' },
  'person.write': { zh: '编辑人员档案', en: 'Edit person files', group: 'person' },
  'person.pii.read': { zh: '查看完整身份证号、电话、地址', en: 'Unmask ID numbers, phones and addresses', group: 'person' },
  'person.import': { zh: '导入台账', en: 'Import ledgers', group: 'person' },
  'person.export': { zh: '导出台账', en: 'Export ledgers', group: 'person' },
  'person.sealed.read': { zh: '查阅封存档案（须说明理由）', en: 'Open sealed files (with a stated reason)', group: 'person' },
  'measure.write': { zh: '登记和变更措施', en: 'Record and change measures', group: 'person' },
  'document.read': { zh: '查看文书', en: 'Read documents', group: 'person' },
  'document.write': { zh: '上传文书', en: 'Upload documents', group: 'person' },
  'supervision.read': { zh: '查看管控记录与待办', en: 'Read supervision records and tasks', group: 'person' },
  'supervision.write': { zh: '登记报到、检测、走访', en: 'Record check-ins, tests and visits', group: 'person' },
  'leave.approve': { zh: '审批请假', en: 'Approve leave requests', group: 'person' },
  'notice.read': { zh: '查看通报公安的通知', en: 'Read police notices', group: 'person' },
  'notice.acknowledge': { zh: '签收通知', en: 'Acknowledge notices', group: 'person' },
  'assistance.read': { zh: '查看转介的帮扶事项', en: 'Read referred assistance', group: 'person' },
  'assistance.write': { zh: '登记帮扶', en: 'Record assistance', group: 'person' },
  'report.read': { zh: '查看统计与指标', en: 'Read statistics and indicators', group: 'report' },
  'org.read': { zh: '查看组织机构', en: 'Read the org tree', group: 'admin' },
  'org.manage': { zh: '管理组织机构', en: 'Manage the org tree', group: 'admin' },
  'user.read': { zh: '查看用户', en: 'Read users', group: 'admin' },
  'user.manage': { zh: '管理用户账号', en: 'Manage user accounts', group: 'admin' },
  'role.manage': { zh: '管理角色与授权', en: 'Manage roles and grants', group: 'admin' },
  'session.manage': { zh: '查看和注销他人会话', en: 'List and revoke other users\' sessions', group: 'admin' },
  'audit.read': { zh: '查阅审计日志', en: 'Read the audit trail', group: 'admin' },
  'policy.manage': { zh: '管理业务参数与字典', en: 'Manage policy and dictionaries', group: 'admin' },
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
    code: 'drug_control_office', zh: '禁毒办', en: 'Drug-control office', admin: false,
    permissions: ['org.read', 'person.read', 'person.write', 'person.pii.read', 'person.import', 'person.export', 'person.sealed.read', 'measure.write', 'document.read', 'document.write', 'supervision.read', 'supervision.write', 'leave.approve', 'notice.read', 'assistance.read', 'report.read'],
  },
  // The 禁毒专干 of a street (街道) decides leave for the persons in its subtree: the regulation
  // gives the decision to the street (RULES C4, 条例§19), and the officer is the street's
  // drug-control staff. Granted on a community, the same role decides there only.
  {
    code: 'officer', zh: '禁毒专干', en: 'Officer', admin: false,
    permissions: ['org.read', 'person.read', 'person.write', 'person.pii.read', 'person.import', 'person.export', 'measure.write', 'document.read', 'document.write', 'supervision.read', 'supervision.write', 'leave.approve', 'notice.read', 'assistance.read', 'assistance.write', 'report.read'],
  },
  {
    code: 'social_worker', zh: '禁毒社工', en: 'Social worker', admin: false,
    permissions: ['org.read', 'person.read', 'person.write', 'document.read', 'document.write', 'supervision.read', 'supervision.write', 'assistance.read', 'assistance.write'],
  },
  { code: 'grid_worker', zh: '网格员', en: 'Grid worker', admin: false, permissions: ['org.read', 'person.read', 'supervision.read', 'supervision.write'] },
  { code: 'police_officer', zh: '社区民警', en: 'Police officer', admin: false, permissions: ['org.read', 'person.read', 'person.pii.read', 'supervision.read', 'notice.read', 'notice.acknowledge'] },
  { code: 'partner', zh: '合作单位', en: 'Partner', admin: false, permissions: ['assistance.read', 'assistance.write'] },
  { code: 'leader', zh: '领导（只读）', en: 'Leader (read only)', admin: false, permissions: ['org.read', 'report.read'] },
];

export const isAdminPermission = (p: string) => (adminPermissions as string[]).includes(p);
