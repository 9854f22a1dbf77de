// Word lists for a town in Hangzhou's western suburbs: people, roads, waters, communities
// and enterprises named the way local registers name them.
import type { Random } from './random';
import type { TownAdmin } from '../../../shared/town';

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '方', '俞', '邵', '钱', '严', '章', '楼', '应', '施', '傅',
];
// Zhejiang registers are dominated by a few surnames; the first twenty carry most weight.
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => (i < 10 ? 6 : i < 20 ? 3 : i < 40 ? 1.5 : 1));

const GIVEN_ONE = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '斌', '宇', '浩', '婷', '雪', '琳', '鑫', '鹏', '辉', '玲', '红', '燕', '琴', '云', '华', '萍', '健', '波', '峰', '晨'];
const GIVEN_TWO_A = ['建', '志', '海', '晓', '文', '国', '永', '春', '丽', '俊', '子', '雨', '佳', '家', '嘉', '思', '梦', '一', '天', '金', '荣', '秀', '美', '立', '宏'];
const GIVEN_TWO_B = ['华', '国', '强', '燕', '东', '军', '明', '平', '红', '伟', '杰', '涵', '轩', '怡', '欣', '琪', '豪', '辰', '宁', '峰', '林', '英', '萍', '玲', '芬', '龙', '成', '良'];

export function personName(rng: Random): string {
  const surname = SURNAMES[rng.weighted(SURNAME_WEIGHTS)]!;
  return rng.chance(0.3) ? surname + rng.pick(GIVEN_ONE) : surname + rng.pick(GIVEN_TWO_A) + rng.pick(GIVEN_TWO_B);
}

const MOBILE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '181', '187', '188', '189', '199'];

export function mobilePhone(rng: Random): string {
  let digits = rng.pick(MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return digits;
}

/** Real names of the area's arterial roads, longest first. */
export const MAIN_ROADS = [
  '文一西路', '振华路', '紫金港路', '三墩路', '古墩路', '留祥路', '西园路', '石祥西路', '墩余路', '丰潭路', '申花路', '金渡北路',
  '双桥路', '政苑路', '西湖大道', '绕城北路', '文二西路', '学院北路',
];
const ROAD_FIRST = ['兰', '桂', '竹', '枫', '梧', '荷', '杏', '柳', '桃', '松', '梅', '樱', '禾', '稻', '溪', '港', '墩', '湾', '塘', '桥', '祥', '和', '安', '宁', '康', '福', '瑞', '华', '兴', '振', '紫', '金', '丰', '庆', '永', '新', '东', '西', '南', '北'];
const ROAD_SECOND = ['园', '苑', '里', '溪', '塘', '港', '湾', '林', '桥', '源', '泽', '堤', '畈', '家', '庄', '坝', '田', '洲', '岸', '圩'];
const ROAD_SUFFIX_BRANCH = ['路', '路', '路', '街', '街'];
const ROAD_SUFFIX_LANE = ['巷', '弄', '街', '路'];

/** A new road name not yet in `taken`: 某某路/某某街 for branch roads, 某某巷 for lanes. */
export function roadName(rng: Random, kind: 'branch' | 'lane', taken: Set<string>): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const suffix = rng.pick(kind === 'branch' ? ROAD_SUFFIX_BRANCH : ROAD_SUFFIX_LANE);
    const name = rng.pick(ROAD_FIRST) + rng.pick(ROAD_SECOND) + suffix;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // The lists give 800 names per suffix; a town never needs that many, but never loop forever.
  const name = `${rng.pick(ROAD_FIRST)}${rng.pick(ROAD_SECOND)}${taken.size}号${kind === 'branch' ? '路' : '巷'}`;
  taken.add(name);
  return name;
}

export const RIVER = '西溪河';
export const CANALS = ['余杭塘河', '沿山河', '五常港', '紫金港河', '东西港', '墩余港'];

/** Thirty communities and villages: one per joint-enforcement region. */
export const COMMUNITIES = [
  '金家渡', '振华', '城东', '城西', '墩余', '绕城', '西城', '双桥', '兰里', '五联', '三墩', '紫金港', '华联', '北港', '东港',
  '石祥', '塘河', '上坝', '长桥', '方家', '庙桥', '杨家', '沿山', '港湾', '溪畔', '和家', '绿城', '申花', '厚仁', '西溪',
];
/** The demo town's administrative names, its town.json `admin`: 三墩 has been a 镇 and is now a 街道. */
export const DEMO_ADMIN: TownAdmin = {
  province: { name: '浙江省', aliases: [] },
  city: { name: '杭州市', aliases: [] },
  district: { name: '西湖区', aliases: [] },
  town: { name: '三墩镇', aliases: ['三墩街道'] },
  communities: COMMUNITIES.map((c) => ({ name: `${c}社区`, aliases: [] })),
};
export const RISK_PREVENTION_AREAS = ['三墩北部', '三墩南部', '紫金港', '城西', '城东', '绕城'];
export const EMERGENCY_AREAS = ['墩北', '墩南', '港东', '港西', '溪北', '溪南', '振华', '古墩', '兰里', '双桥', '五联', '塘北'];

export const LANDMARKS = [
  '三墩镇人民政府', '三墩中学', '三墩小学', '紫金港小学', '三墩农贸市场', '三墩镇社区卫生服务中心', '三墩派出所', '三墩消防救援站',
  '三墩文化中心', '三墩老街', '兰里景区', '三墩公交站', '西湖科技园', '振华路农贸市场', '三墩镇便民服务中心', '城西体育公园',
  '三墩综合执法中队', '紫金港科技城', '墩余公园', '三墩敬老院',
];

export const PLACE_PREFIXES = ['三墩', '杭州', '西湖', '紫金', '振华', '墩余', '兰里', '双桥', '城西', '浙江'];
const TRADE_NAMES = [
  '鑫达', '恒昌', '华美', '永盛', '金诚', '宏远', '利民', '兴旺', '瑞丰', '德胜', '众鑫', '天成', '嘉禾', '新锐', '佳源',
  '荣信', '明发', '顺通', '锦程', '泰和', '万家', '诚信', '长兴', '联创', '卓越', '汇丰', '康达', '隆盛', '博远', '晨光',
];

export interface Industry {
  name: string;
  suffixes: readonly string[];
  /** Relative count in the town's register. */
  share: number;
  /** How much riskier than average its safety code runs. */
  risk: number;
  zone: 'industrial' | 'commercial' | 'any';
}

export const INDUSTRIES: readonly Industry[] = [
  { name: '零售', suffixes: ['超市', '便利店', '商行', '百货店'], share: 18, risk: 0.6, zone: 'commercial' },
  { name: '餐饮', suffixes: ['餐饮店', '小吃店', '面馆', '酒楼'], share: 16, risk: 1.2, zone: 'commercial' },
  { name: '五金加工', suffixes: ['五金加工厂', '五金制品厂', '机械加工厂'], share: 9, risk: 1.6, zone: 'industrial' },
  { name: '服装', suffixes: ['服装厂', '制衣有限公司', '服饰有限公司'], share: 7, risk: 1.3, zone: 'industrial' },
  { name: '物流仓储', suffixes: ['物流有限公司', '仓储中心', '快递网点'], share: 6, risk: 1.4, zone: 'industrial' },
  { name: '汽车维修', suffixes: ['汽车维修部', '汽修厂', '汽车服务中心'], share: 5, risk: 1.3, zone: 'any' },
  { name: '电子', suffixes: ['电子有限公司', '电子科技有限公司'], share: 5, risk: 0.9, zone: 'industrial' },
  { name: '印刷包装', suffixes: ['印刷厂', '包装有限公司'], share: 3, risk: 1.4, zone: 'industrial' },
  { name: '家具', suffixes: ['家具厂', '木业有限公司'], share: 3, risk: 1.7, zone: 'industrial' },
  { name: '食品加工', suffixes: ['食品厂', '食品有限公司'], share: 3, risk: 1.3, zone: 'industrial' },
  { name: '建材', suffixes: ['建材商行', '建材有限公司'], share: 3, risk: 1.1, zone: 'any' },
  { name: '住宿', suffixes: ['宾馆', '酒店', '民宿'], share: 3, risk: 1.1, zone: 'commercial' },
  { name: '美容美发', suffixes: ['美发店', '美容院'], share: 4, risk: 0.5, zone: 'commercial' },
  { name: '文化娱乐', suffixes: ['KTV', '网吧', '棋牌室'], share: 2, risk: 1.5, zone: 'commercial' },
  { name: '教育培训', suffixes: ['培训学校', '教育咨询有限公司'], share: 3, risk: 0.6, zone: 'commercial' },
  { name: '信息技术', suffixes: ['网络科技有限公司', '信息技术有限公司', '软件有限公司'], share: 7, risk: 0.3, zone: 'any' },
  { name: '化工', suffixes: ['化工有限公司', '涂料厂'], share: 1, risk: 3.0, zone: 'industrial' },
  { name: '医药', suffixes: ['大药房', '医疗器械有限公司'], share: 2, risk: 0.7, zone: 'commercial' },
];

export function enterpriseName(rng: Random, industry: Industry): string {
  return rng.pick(PLACE_PREFIXES) + rng.pick(TRADE_NAMES) + rng.pick(industry.suffixes);
}

const SITE_KINDS = ['地块项目工地', '安置房工程', '道路改造工程', '科创园项目工地', '学校新建工程', '商业综合体工地', '污水管网工程'];

export function siteName(rng: Random, community: string, n: number): string {
  const kind = rng.pick(SITE_KINDS);
  return kind.startsWith('地块') ? `${community}${n}号${kind}` : `${community}${kind}`;
}
