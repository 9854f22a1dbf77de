// What the simulated people write back: a unit's feedback from the scene, the seat's
// resolution summary, and the reasons given when an assignment is handed back or a report
// is called off. Varied enough that the queue does not read like a test fixture.
import type { Random } from '../town/random';

const FEEDBACK: Record<string, readonly string[]> = {
  illegalConstruction: ['已到现场核实，违建部分已责令当事人限期自行拆除', '现场拍照取证，已下达整改通知书'],
  streetVending: ['已劝离占道摊贩，现场秩序恢复', '已对占道经营者进行教育并登记'],
  sanitation: ['已通知环卫清运，现场已清理干净', '垃圾已清运，已提醒物业加强巡查'],
  noise: ['已到场制止，施工方已停止夜间作业', '已劝导降低音量，现场已恢复安静'],
  fireHazard: ['已清理楼道杂物，消防通道已畅通', '已责令停止违规充电并张贴提示'],
  fire: ['明火已扑灭，无人员伤亡，现场已移交', '火情已控制，已疏散周边群众'],
  workSafety: ['已责令停工整改，安全员已到场', '已督促企业落实安全措施并复查'],
  trafficAccident: ['事故车辆已移至路边，交通已恢复', '双方已协商处理，现场已清理'],
  publicOrder: ['已到场处置，当事双方情绪稳定', '已将相关人员带离并登记'],
  neighbourDispute: ['已组织双方调解，达成一致意见', '已上门沟通，双方同意各退一步'],
  municipalFacility: ['已设置警示围挡，已通知养护单位维修', '设施已修复，现场安全'],
  waterPollution: ['已采样送检，已排查上游排污口', '已组织打捞清理河面垃圾'],
  groupRenting: ['已上门核查，责令房东限期整改', '已登记租住人员信息并告知整改要求'],
  foodSafety: ['已现场检查并责令整改卫生问题', '问题食品已下架封存，已立案调查'],
  gasLeak: ['已关闭阀门并通风，燃气公司已到场检修', '泄漏点已处置，现场无危险'],
  other: ['已上门了解情况并答复诉求人', '已协调相关单位处理'],
};
const AFTER = ['。', '，已拍照留档。', '，诉求人表示满意。', '，将持续跟踪。'];
const SETTLED = ['已电话联系诉求人，现场协调解决', '坐席电话调解，双方达成一致', '已电话答复诉求人，诉求已解决'];
const RESOLVED = ['处置完毕，已回访诉求人', '已办结，现场已恢复正常', '处置完成，整改到位', '已办结，诉求人认可处理结果'];
const RETURNS = ['非本部门职责，请改派', '人员正在处置其他警情，无法及时到场', '地址有误，现场未找到', '已有其他单位在现场处置'];
const CANCELS = ['经核实为误报', '来电人已撤回诉求', '重复来电，已电话回复', '信息不全，无法核实'];

export const feedbackText = (rng: Random, category: string) => rng.pick(FEEDBACK[category] ?? FEEDBACK.other!) + rng.pick(AFTER);
export const settledText = (rng: Random) => rng.pick(SETTLED);
export const resolvedText = (rng: Random) => rng.pick(RESOLVED);
export const returnReason = (rng: Random) => rng.pick(RETURNS);
export const cancelReason = (rng: Random) => rng.pick(CANCELS);
