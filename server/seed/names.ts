import type { Random } from './random';

// Common surnames and given-name characters, for plausible synthetic names only.
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenMale = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰建国志文';
const givenFemale = '芳娜敏静丽艳娟霞燕玲婷雪琳洁颖倩慧晶莉琴云红梅兰英丹萍';
const districtNames = ['东城', '西城', '朝阳', '海淀', '丰台', '石景山', '门头沟', '房山', '通州', '顺义', '昌平', '大兴', '怀柔', '平谷', '密云', '延庆'];
const streetWords = '和平新华建设人民解放胜利光明幸福团结长安永安安定东风向阳北新南苑西湖东湖春晖朝阳紫竹金台'.match(/../g)!;
const communityWords = '花园家园新村小区里巷苑园庭居'.split('');
const roads = ['中山路', '解放路', '人民路', '建设路', '和平街', '胜利路', '光明路', '新华街', '长安街', '朝阳路'];

export function personName(r: Random, sex: 'male' | 'female'): string {
  const given = sex === 'male' ? givenMale : givenFemale;
  const len = r.chance(0.7) ? 2 : 1;
  return r.pick([...surnames]) + Array.from({ length: len }, () => r.pick([...given])).join('');
}

export const districtName = (i: number) => `${districtNames[i % districtNames.length]}${i >= districtNames.length ? Math.floor(i / districtNames.length) + 1 : ''}区`;
export const streetName = (r: Random, i: number) => `${r.pick(streetWords)}${i + 1}街道`;
export const communityName = (r: Random, i: number) => `${r.pick(streetWords)}${r.pick(communityWords)}${i + 1}社区`;
export const address = (r: Random, city: string, district: string) => `${city}${district}${r.pick(roads)}${r.int(1, 300)}号${r.int(1, 30)}栋${r.int(101, 2405)}室`;
export const phone = (r: Random) => `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
