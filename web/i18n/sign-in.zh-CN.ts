// The sign-in page's words: the first screen loads them without the rest of the dictionary
// (issue 17 §6, docs/decisions/0016-light-sign-in-entry.md); the full dictionary spreads them back in.
export const signInZhCN = {
  'app.name': '向日葵',
  'app.subtitle': '社区戒毒社区康复工作平台',
  'common.required': '必填',
  'common.loadFailed': '加载失败',
  'lang.label': '语言',
  'login.title': '登录',
  'login.demoTitle': '演示环境：全部为合成数据',
  'login.demoHint': '演示账号（密码见启动时的控制台输出）：c1.sw1 社工、g… 网格员、s1.officer 街道专干（审批请假）、s1.police 派出所民警、d1.office 区禁毒办、admin 管理员。',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
};

export type SignInKey = keyof typeof signInZhCN;
