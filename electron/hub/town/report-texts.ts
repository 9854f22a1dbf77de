// How people word reports, per category: several ways to say what is wrong, so two reports
// of one event rarely read alike, and two events of one kind often do.
import type { Channel } from '../../../shared/domain';
import type { Random } from './random';

export const ISSUE_WORDINGS: Record<string, readonly string[]> = {
  illegalConstruction: ['私自搭建彩钢棚', '违规加盖一层', '楼顶违章搭建', '院内违法建设', '擅自扩建围墙', '占用公共绿地搭建房屋'],
  streetVending: ['流动摊贩占道经营', '早市摊位占用人行道', '夜宵摊占道', '水果摊堵住非机动车道', '小商贩占用盲道', '店外占道经营'],
  sanitation: ['垃圾堆放未清运', '生活垃圾满溢', '建筑垃圾乱倒', '绿化带内垃圾成堆', '垃圾桶破损异味大', '污水外溢有臭味'],
  noise: ['夜间施工噪声扰民', '广场舞音响过大', '凌晨装修噪音', 'KTV噪声扰民', '工地机械深夜作业', '商铺音箱外放扰民'],
  fireHazard: ['楼道堆放杂物堵塞消防通道', '电动车在楼道充电', '消防栓损坏', '私拉电线给电瓶车充电', '消防通道被车辆占用', '仓库堆放易燃物'],
  fire: ['冒出浓烟疑似起火', '厨房起火', '电瓶车起火', '仓库着火', '垃圾桶着火', '配电箱冒烟'],
  workSafety: ['工人高空作业未系安全带', '脚手架搭设不规范', '企业违规储存危化品', '车间安全通道堵塞', '塔吊作业无人指挥', '粉尘作业无防护'],
  trafficAccident: ['两车追尾', '电动车与汽车碰擦', '行人被撞倒', '货车侧翻', '路口车辆刮擦堵塞交通', '车辆撞上护栏'],
  publicOrder: ['有人在店内吵闹', '酒后闹事', '群体聚集争执', '有人持械威胁', '疑似诈骗人员在发传单', '商户与顾客发生冲突'],
  neighbourDispute: ['邻居漏水纠纷', '楼上楼下噪音纠纷', '停车位纠纷', '宠物扰邻纠纷', '公共区域堆物纠纷', '装修引发邻里矛盾'],
  municipalFacility: ['窨井盖缺失', '路灯不亮', '道路塌陷', '人行道板松动', '护栏倒伏', '消防栓漏水'],
  waterPollution: ['河面漂浮垃圾', '排污口排放黑水', '河道有异味', '河面出现死鱼', '企业偷排污水', '河道水质发黑'],
  groupRenting: ['出租屋群租', '一套房住十几人', '隔断出租存在隐患', '地下室住人', '厂房内违规住人', '出租房人员频繁进出'],
  foodSafety: ['饭店卫生状况差', '售卖过期食品', '无证经营小吃店', '食物中毒疑似', '后厨老鼠出没', '菜市场销售病死禽'],
  gasLeak: ['闻到煤气味', '燃气管道泄漏', '液化气瓶漏气', '餐馆燃气泄漏', '楼道有燃气味', '燃气表处嘶嘶漏气'],
  other: ['求助', '咨询政策', '反映问题', '有情况需要处理', '请求协助', '需要上门查看'],
};

const OPENINGS: Partial<Record<Channel, readonly string[]>> = {
  hotline12345: ['市民来电反映：', '来电人称：', '市民反映：'],
  police110: ['110联动：', '110转警：'],
  fire119: ['119警情：', '119推送：'],
  cityManagement: ['数字城管采集：', '城管信息员上报：'],
  gridApp: ['网格员巡查发现：', '网格员上报：'],
  iot: ['物联感知告警：', '传感器告警：'],
  videoAi: ['视频智能识别：', 'AI识别告警：'],
  walkIn: ['来访群众反映：'],
  phone: ['来电反映：'],
};

const AFTERS = ['，请尽快处理。', '，影响周边居民。', '，已持续一段时间。', '，希望相关部门到场。', '。', '，多次反映未解决。'];
const PLACE_FORMS = ['{address}', '{road}{number}号附近', '{road}上靠近{number}号', '{address}门口', '{road}{number}号一带'];

export interface Wording {
  title: string;
  description: string;
}

/** One report's words for an event; `variant` picks the wording of what is wrong. */
export function wordReport(random: Random, channel: Channel, category: string, where: { address: string; road: string; number: number }, variant: number): Wording {
  const issues = ISSUE_WORDINGS[category] ?? ISSUE_WORDINGS.other!;
  const issue = issues[variant % issues.length]!;
  const place = random
    .pick(PLACE_FORMS)
    .replace('{address}', where.address)
    .replace('{road}', where.road)
    .replace('{number}', String(where.number));
  const opening = random.pick(OPENINGS[channel] ?? ['']);
  return {
    title: `${where.road}${issue}`.slice(0, 60),
    description: `${opening}${place}${issue}${random.pick(AFTERS)}`,
  };
}
