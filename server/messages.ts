// User-facing messages for every stable error code, in the two UI languages.
// A code missing here still gets a generic message, and a test lists codes without one.
export interface Localized {
  'zh-CN': string;
  'en-US': string;
}

type Catalog = Record<string, [zh: string, en: string]>;

export const catalog: Catalog = {
  internal: ['服务器内部错误，请稍后重试', 'Internal server error, please try again later'],
  'route.not_found': ['接口不存在', 'No such API route'],
  'validation.failed': ['输入有误，请检查标出的字段', 'Some fields are invalid'],
  'validation.invalid_type': ['类型不正确（应为 {expected}）', 'Wrong type (expected {expected})'],
  'validation.required': ['必填', 'Required'],
  'validation.too_small': ['太短或太小（至少 {minimum}）', 'Too short or too small (minimum {minimum})'],
  'validation.too_big': ['太长或太大（至多 {maximum}）', 'Too long or too large (maximum {maximum})'],
  'validation.invalid_format': ['格式不正确', 'Invalid format'],
  'validation.invalid_value': ['不是允许的取值', 'Not an allowed value'],
  'validation.unrecognized_keys': ['包含未知字段', 'Contains unknown fields'],
  'validation.invalid_union': ['取值不正确', 'Invalid value'],
  'validation.custom': ['取值不正确', 'Invalid value'],
  'validation.body_malformed': ['请求体不是合法的 JSON', 'Request body is not valid JSON'],
  'validation.unsupported_media_type': ['不支持的内容类型', 'Unsupported content type'],
  'validation.payload_too_large': ['请求体过大', 'Request body too large'],
  rate_limited: ['请求过于频繁，请稍后再试', 'Too many requests, please wait'],
  'auth.required': ['请先登录', 'Please sign in'],
  'auth.forbidden': ['没有权限执行此操作', 'You are not allowed to do this'],
  // One answer for unknown names, wrong passwords and locks alike (issue 9 §6), so it names them all.
  'auth.invalid_credentials': [
    '用户名或密码错误。连续输错多次后将暂时无法登录，可稍后再试或联系安全管理员解锁',
    'Wrong username or password. After repeated failures sign-in is paused for a while: try again later or ask the security administrator to unlock',
  ],
  'auth.inactive': ['账号已停用', 'Account deactivated'],
  'auth.csrf': ['请求校验失败，请刷新页面后重试', 'Request check failed: reload the page and try again'],
  'auth.stage': ['请先完成登录步骤', 'Finish the sign-in steps first'],
  'auth.mfa_invalid': ['动态验证码错误', 'Wrong one-time code'],
  'auth.mfa_used': ['该动态验证码已使用过，请等待身份验证器显示下一个验证码', 'This code has been used already: wait for the next code in your authenticator app'],
  'auth.mfa_locked': ['动态验证码错误次数过多，本次登录已结束，请重新输入密码登录', 'Too many wrong codes: this sign-in has ended, start again with your password'],
  'auth.mfa_proof_required': ['更换身份验证器须先输入当前的动态验证码或密码', 'To replace the authenticator, enter the current code or your password first'],
  'auth.mfa_not_pending': ['没有待启用的两步验证', 'No two-factor setup is pending'],
  'auth.mfa_required_for_role': ['管理员角色必须启用两步验证', 'Administrator roles require two-factor sign-in'],
  'auth.password_wrong': ['当前密码错误', 'Current password is wrong'],
  'auth.password_reused': ['新密码不能与当前密码相同', 'The new password must differ from the current one'],
  'password.too_short': ['密码至少 {min} 位', 'Password must have at least {min} characters'],
  'password.too_few_classes': ['密码须包含大写字母、小写字母、数字、符号中的至少 {classes} 类', 'Password must mix at least {classes} of: upper case, lower case, digits, symbols'],
  'password.contains_username': ['密码不能包含用户名', 'Password must not contain the username'],
  'session.not_found': ['会话不存在', 'No such session'],
  'org.not_found': ['组织单位不存在', 'No such org unit'],
  'org.level_invalid': ['下级单位的层级必须低于上级单位', 'A unit must be at a lower level than its parent'],
  'org.cycle': ['不能把单位移动到它自己的下级', 'A unit cannot be moved under itself'],
  'org.root_exists': ['已存在根单位，新单位必须有上级', 'A root unit exists: a new unit needs a parent'],
  'org.has_records': ['该单位下仍有记录（{what}），不能删除', 'The unit still holds records ({what}) and cannot be deleted'],
  'org.inactive_parent': ['上级单位已停用', 'The parent unit is deactivated'],
  'org.name_taken': ['同一上级下已有同名单位', 'A sibling unit already has this name'],
  'user.not_found': ['用户不存在', 'No such user'],
  'user.username_taken': ['用户名已被使用', 'Username already taken'],
  'user.cannot_change_self': ['不能停用或降级自己的账号', 'You cannot deactivate or demote your own account'],
  'user.reset_not_pending': ['该用户没有等待签发第二段的密码重置', 'No password reset of this user waits for its second part'],
  'user.reset_same_administrator': [
    '重置密码的管理员不能同时签发第二段，须由另一位安全管理员签发（三员分立）',
    'The administrator who reset the password cannot also issue its second part: another security administrator must (separation of duties)',
  ],
  'role.not_found': ['角色不存在', 'No such role'],
  'role.code_taken': ['角色代码已被使用', 'Role code already taken'],
  'role.builtin': ['内置角色不能修改或删除', 'Built-in roles cannot be changed or deleted'],
  'role.in_use': ['角色仍被授权使用，不能删除', 'The role is still granted and cannot be deleted'],
  'role.separation_of_duties': [
    '管理员权限与人员档案权限不能在同一角色中（三员分立）',
    'Administrator permissions cannot be combined with person-file permissions (separation of duties)',
  ],
  'role.separation_of_duties_granted': [
    '该角色已授予 {count} 个账号，修改后他们将同时持有管理员权限和人员档案权限（三员分立），不能这样修改',
    'The role is granted to {count} account(s) that would then hold administrator and person-file permissions at once (separation of duties)',
  ],
  'role.unknown_permission': ['未知权限：{permission}', 'Unknown permission: {permission}'],
  'grant.not_found': ['授权不存在', 'No such grant'],
  'grant.duplicate': ['该授权已存在', 'This grant exists already'],
  'grant.separation_of_duties': [
    '该用户已持有人员档案权限，不能再授予管理员角色（三员分立）',
    'The user holds person-file permissions and cannot also hold an administrator role (separation of duties)',
  ],
  'audit.not_found': ['审计记录不存在', 'No such audit record'],
};

/** A parameter is the same in both languages, or given per language (e.g. a translated name). */
export type MessageParam = string | number | undefined | Localized;

export function messageFor(code: string, params: Record<string, MessageParam> = {}): Localized {
  const entry = catalog[code] ?? catalog[code.split('.')[0] + '.invalid'] ?? catalog['validation.custom']!;
  const fill = (s: string, lang: keyof Localized) =>
    s.replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = params[k];
      return v === undefined ? '' : typeof v === 'object' ? v[lang] : String(v);
    });
  return { 'zh-CN': fill(entry[0], 'zh-CN'), 'en-US': fill(entry[1], 'en-US') };
}

/** Modules add their own codes at import time, keeping messages beside the code that throws them. */
export function registerMessages(entries: Catalog): void {
  Object.assign(catalog, entries);
}
