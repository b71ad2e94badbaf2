// Seed values of the dictionaries, from the national code lists where one exists:
// GB 3304 (ethnic groups), GB/T 4658 (education), GB/T 2261.2 (marital status),
// GB/T 6565 (occupation major groups), GB/T 2659 / ISO 3166 (nationality), the ID document
// types of public-security practice, and the drug catalogue split into traditional and synthetic.
// Administrators edit these in the app; a seed never overwrites an edited entry.

type Entry = [code: string, zh: string, en: string, category?: string];

const ethnicity: Entry[] = [
  ['01', '汉族', 'Han'],
  ['02', '蒙古族', 'Mongol'],
  ['03', '回族', 'Hui'],
  ['04', '藏族', 'Tibetan'],
  ['05', '维吾尔族', 'Uyghur'],
  ['06', '苗族', 'Miao'],
  ['07', '彝族', 'Yi'],
  ['08', '壮族', 'Zhuang'],
  ['09', '布依族', 'Buyei'],
  ['10', '朝鲜族', 'Korean'],
  ['11', '满族', 'Manchu'],
  ['12', '侗族', 'Dong'],
  ['13', '瑶族', 'Yao'],
  ['14', '白族', 'Bai'],
  ['15', '土家族', 'Tujia'],
  ['16', '哈尼族', 'Hani'],
  ['17', '哈萨克族', 'Kazakh'],
  ['18', '傣族', 'Dai'],
  ['19', '黎族', 'Li'],
  ['20', '傈僳族', 'Lisu'],
  ['21', '佤族', 'Va'],
  ['22', '畲族', 'She'],
  ['23', '高山族', 'Gaoshan'],
  ['24', '拉祜族', 'Lahu'],
  ['25', '水族', 'Sui'],
  ['26', '东乡族', 'Dongxiang'],
  ['27', '纳西族', 'Naxi'],
  ['28', '景颇族', 'Jingpo'],
  ['29', '柯尔克孜族', 'Kyrgyz'],
  ['30', '土族', 'Tu'],
  ['31', '达斡尔族', 'Daur'],
  ['32', '仫佬族', 'Mulao'],
  ['33', '羌族', 'Qiang'],
  ['34', '布朗族', 'Blang'],
  ['35', '撒拉族', 'Salar'],
  ['36', '毛南族', 'Maonan'],
  ['37', '仡佬族', 'Gelao'],
  ['38', '锡伯族', 'Xibe'],
  ['39', '阿昌族', 'Achang'],
  ['40', '普米族', 'Pumi'],
  ['41', '塔吉克族', 'Tajik'],
  ['42', '怒族', 'Nu'],
  ['43', '乌孜别克族', 'Uzbek'],
  ['44', '俄罗斯族', 'Russian'],
  ['45', '鄂温克族', 'Evenki'],
  ['46', '德昂族', 'Deang'],
  ['47', '保安族', 'Bonan'],
  ['48', '裕固族', 'Yugur'],
  ['49', '京族', 'Gin'],
  ['50', '塔塔尔族', 'Tatar'],
  ['51', '独龙族', 'Derung'],
  ['52', '鄂伦春族', 'Oroqen'],
  ['53', '赫哲族', 'Hezhen'],
  ['54', '门巴族', 'Monba'],
  ['55', '珞巴族', 'Lhoba'],
  ['56', '基诺族', 'Jino'],
  ['97', '其他', 'Other'],
  ['98', '外国血统中国籍人士', 'Chinese citizen of foreign origin'],
];

const idType: Entry[] = [
  ['resident_id', '居民身份证', 'Resident ID card'],
  ['passport', '护照', 'Passport'],
  ['hk_macao_permit', '港澳居民来往内地通行证', 'Mainland travel permit for Hong Kong and Macao residents'],
  ['taiwan_permit', '台湾居民来往大陆通行证', 'Mainland travel permit for Taiwan residents'],
  ['hk_macao_taiwan_residence', '港澳台居民居住证', 'Residence permit for Hong Kong, Macao and Taiwan residents'],
  ['foreign_permanent_residence', '外国人永久居留身份证', 'Foreign permanent resident ID card'],
  ['military_id', '军官证', 'Military officer ID'],
  ['other', '其他证件', 'Other document'],
];

const education: Entry[] = [
  ['10', '研究生', 'Postgraduate'],
  ['20', '大学本科', 'Bachelor'],
  ['30', '大学专科', 'Junior college'],
  ['40', '中等职业教育', 'Secondary vocational'],
  ['60', '普通高中', 'Senior high school'],
  ['70', '初中', 'Junior high school'],
  ['80', '小学', 'Primary school'],
  ['90', '文盲或半文盲', 'Illiterate or semi-literate'],
];

const maritalStatus: Entry[] = [
  ['10', '未婚', 'Never married'],
  ['20', '已婚', 'Married'],
  ['21', '初婚', 'First marriage'],
  ['22', '再婚', 'Remarried'],
  ['23', '复婚', 'Remarried to former spouse'],
  ['30', '丧偶', 'Widowed'],
  ['40', '离婚', 'Divorced'],
  ['90', '未说明', 'Not stated'],
];

const employmentStatus: Entry[] = [
  ['employed', '在业', 'Employed'],
  ['self_employed', '个体经营', 'Self-employed'],
  ['flexible', '灵活就业', 'Flexible employment'],
  ['unemployed', '无业', 'Unemployed'],
  ['student', '在校学生', 'Student'],
  ['retired', '退休', 'Retired'],
  ['unable', '丧失劳动能力', 'Unable to work'],
  ['farming', '务农', 'Farming'],
];

const occupation: Entry[] = [
  ['1', '党的机关、国家机关、群众团体和社会组织、企事业单位负责人', 'Heads of party, state, mass organisations and enterprises'],
  ['2', '专业技术人员', 'Professional and technical personnel'],
  ['3', '办事人员和有关人员', 'Clerical and related personnel'],
  ['4', '社会生产服务和生活服务人员', 'Production and life service personnel'],
  ['5', '农、林、牧、渔业生产及辅助人员', 'Agriculture, forestry, husbandry and fishery'],
  ['6', '生产制造及有关人员', 'Production and manufacturing personnel'],
  ['7', '军人', 'Military personnel'],
  ['8', '不便分类的其他从业人员', 'Others not classifiable'],
];

const drugType: Entry[] = [
  ['heroin', '海洛因', 'Heroin', 'traditional'],
  ['opium', '鸦片', 'Opium', 'traditional'],
  ['morphine', '吗啡', 'Morphine', 'traditional'],
  ['cannabis', '大麻', 'Cannabis', 'traditional'],
  ['cocaine', '可卡因', 'Cocaine', 'traditional'],
  ['pethidine', '杜冷丁（哌替啶）', 'Pethidine', 'traditional'],
  ['methamphetamine', '甲基苯丙胺（冰毒）', 'Methamphetamine', 'synthetic'],
  ['meth_tablet', '麻古', 'Methamphetamine tablets (yaba)', 'synthetic'],
  ['mdma', '摇头丸（MDMA）', 'Ecstasy (MDMA)', 'synthetic'],
  ['ketamine', '氯胺酮（K粉）', 'Ketamine', 'synthetic'],
  ['mcat', '甲卡西酮（浴盐）', 'Methcathinone', 'synthetic'],
  ['ghb', 'γ-羟丁酸', 'GHB', 'synthetic'],
  ['lsd', '麦角酸二乙胺（LSD）', 'LSD', 'synthetic'],
  ['synthetic_cannabinoids', '合成大麻素', 'Synthetic cannabinoids', 'synthetic'],
  ['fentanyl', '芬太尼类', 'Fentanyl analogues', 'synthetic'],
  ['nitrous_oxide', '笑气（一氧化二氮）', 'Nitrous oxide', 'synthetic'],
  ['triazolam', '三唑仑', 'Triazolam', 'synthetic'],
  ['codeine_syrup', '含可待因止咳水', 'Codeine cough syrup', 'synthetic'],
  ['other', '其他', 'Other', 'synthetic'],
];

const useMethod: Entry[] = [
  ['smoking', '烫吸', 'Smoking (chasing)'],
  ['inhaling', '鼻吸', 'Snorting'],
  ['injecting', '注射', 'Injecting'],
  ['oral', '口服', 'Oral'],
  ['vaping', '吸食（壶吸）', 'Inhaling (pipe)'],
  ['other', '其他', 'Other'],
];

const relation: Entry[] = [
  ['spouse', '配偶', 'Spouse'],
  ['father', '父亲', 'Father'],
  ['mother', '母亲', 'Mother'],
  ['son', '儿子', 'Son'],
  ['daughter', '女儿', 'Daughter'],
  ['sibling', '兄弟姐妹', 'Sibling'],
  ['grandparent', '祖父母/外祖父母', 'Grandparent'],
  ['other_relative', '其他亲属', 'Other relative'],
  ['guardian', '监护人', 'Guardian'],
  ['friend', '朋友', 'Friend'],
];

const nationality: Entry[] = [
  ['CHN', '中国', 'China'],
  ['HKG', '中国香港', 'Hong Kong, China'],
  ['MAC', '中国澳门', 'Macao, China'],
  ['TWN', '中国台湾', 'Taiwan, China'],
  ['MMR', '缅甸', 'Myanmar'],
  ['LAO', '老挝', 'Laos'],
  ['VNM', '越南', 'Viet Nam'],
  ['KOR', '韩国', 'Republic of Korea'],
  ['JPN', '日本', 'Japan'],
  ['USA', '美国', 'United States'],
  ['RUS', '俄罗斯', 'Russia'],
  ['OTH', '其他', 'Other'],
];

const kinds: Record<string, Entry[]> = {
  ethnicity,
  id_type: idType,
  education,
  marital_status: maritalStatus,
  employment_status: employmentStatus,
  occupation,
  drug_type: drugType,
  use_method: useMethod,
  relation,
  nationality,
};

/**
 * Other ways the values are written in the registers streets keep (issue 9.19): everyday
 * names of the education levels, street names of drugs, common variants. Administrators edit
 * them; a seed sets them only on entries whose aliases were never set.
 */
const seedAliases: Record<string, Record<string, string[]>> = {
  education: {
    '10': ['硕士', '博士', '硕士研究生', '博士研究生'],
    '20': ['本科', '大学'],
    '30': ['大专', '专科', '高职'],
    '40': ['中专', '职高', '技校', '中技', '职业高中', '中等专科'],
    '60': ['高中'],
    '80': ['小学及以下'],
    '90': ['文盲', '半文盲'],
  },
  drug_type: {
    heroin: ['白粉', '四号'],
    methamphetamine: ['冰毒', '甲基苯丙胺'],
    meth_tablet: ['麻果', '马古'],
    mdma: ['摇头丸', 'MDMA', '迷魂药'],
    ketamine: ['K粉', 'K仔', '氯胺酮'],
    cannabis: ['大麻叶', '大麻烟'],
    mcat: ['浴盐', '喵喵'],
    nitrous_oxide: ['笑气'],
    codeine_syrup: ['止咳水', '咳水'],
    ghb: ['GHB', '神仙水'],
  },
  use_method: { smoking: ['烫吸', '烤吸'], vaping: ['壶吸', '冰壶'], injecting: ['静脉注射', '肌肉注射'] },
  marital_status: { '20': ['已婚有配偶', '有配偶'], '40': ['离异'] },
  employment_status: { unemployed: ['待业', '失业', '无职业'], employed: ['在职', '就业'], flexible: ['打零工', '零工'], farming: ['农民'] },
  id_type: { resident_id: ['身份证', '二代身份证', '居民身份证号码'] },
  nationality: { CHN: ['中华人民共和国', '中国籍'] },
};

export const dictionaryKinds = Object.keys(kinds);

export function dictionarySeed() {
  return Object.entries(kinds).flatMap(([kind, entries]) =>
    entries.map(([code, nameZh, nameEn, category], i) => ({ kind, code, nameZh, nameEn, category: category ?? null, sort: i, aliases: seedAliases[kind]?.[code] ?? null })),
  );
}
