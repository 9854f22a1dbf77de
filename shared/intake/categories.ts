// Each channel's own category codes, mapped to the duty room's taxonomy. Every channel also
// accepts the taxonomy's codes as they are. An unknown code files the report under 'other'
// and keeps the code in the description, so nothing is dropped and the table can grow.
import type { Channel } from '../domain';
import { CATEGORY_CODES } from '../taxonomy';

export interface ChannelCode {
  code: string;
  /** The source system's name for it. */
  name: string;
  category: string;
}

const codes = (rows: Array<[code: string, name: string, category: string]>): ChannelCode[] => rows.map(([code, name, category]) => ({ code, name, category }));

/** Documented in electron/hub/README.md; keep the two in step. */
export const CHANNEL_CODES: Partial<Record<Channel, readonly ChannelCode[]>> = {
  // 12345 政务服务便民热线: 诉求分类 (subject / item).
  hotline12345: codes([
    ['0301', '城乡建设/违法建筑', 'illegalConstruction'],
    ['0302', '城市管理/占道经营', 'streetVending'],
    ['0303', '城市管理/环境卫生', 'sanitation'],
    ['0304', '环境保护/噪声污染', 'noise'],
    ['0305', '环境保护/水污染', 'waterPollution'],
    ['0306', '城乡建设/市政设施', 'municipalFacility'],
    ['0401', '公共安全/消防安全', 'fireHazard'],
    ['0402', '公共安全/燃气安全', 'gasLeak'],
    ['0403', '公共安全/安全生产', 'workSafety'],
    ['0501', '市场监管/食品安全', 'foodSafety'],
    ['0601', '社会治理/邻里纠纷', 'neighbourDispute'],
    ['0602', '社会治理/出租房屋', 'groupRenting'],
  ]),
  // 110 接处警: 警情类别.
  police110: codes([
    ['01', '刑事警情', 'publicOrder'],
    ['02', '治安警情', 'publicOrder'],
    ['03', '交通警情', 'trafficAccident'],
    ['04', '火灾警情', 'fire'],
    ['05', '纠纷', 'neighbourDispute'],
    ['06', '群众求助', 'other'],
    ['07', '噪声扰民', 'noise'],
  ]),
  // 119 消防接警: 警情类型.
  fire119: codes([
    ['FIRE', '火灾扑救', 'fire'],
    ['RESCUE', '抢险救援', 'other'],
    ['GAS', '燃气泄漏', 'gasLeak'],
    ['HAZARD', '消防隐患举报', 'fireHazard'],
    ['HAZMAT', '危化品泄漏', 'workSafety'],
  ]),
  // 数字城管: 事件/部件 classes (GB/T 30428 style, abridged).
  cityManagement: codes([
    ['SJ0101', '暴露垃圾', 'sanitation'],
    ['SJ0102', '积存垃圾渣土', 'sanitation'],
    ['SJ0104', '河道漂浮物', 'waterPollution'],
    ['SJ0301', '施工扰民', 'noise'],
    ['SJ0302', '违法建设', 'illegalConstruction'],
    ['SJ0501', '无照经营游商', 'streetVending'],
    ['SJ0502', '店外经营', 'streetVending'],
    ['BJ0101', '井盖', 'municipalFacility'],
    ['BJ0102', '路灯', 'municipalFacility'],
    ['BJ0103', '道路破损', 'municipalFacility'],
  ]),
  // 网格通 (grid workers' app) uses the taxonomy's codes directly.
  gridApp: [],
  // IoT platform: sensor alarm types.
  iot: codes([
    ['smoke', '烟感报警', 'fire'],
    ['gas', '可燃气体报警', 'gasLeak'],
    ['electrical', '电气火灾监测', 'fireHazard'],
    ['noise', '噪声超标', 'noise'],
    ['waterQuality', '水质异常', 'waterPollution'],
    ['manhole', '井盖位移', 'municipalFacility'],
    ['waterLevel', '积水水位', 'municipalFacility'],
  ]),
  // Video analytics: detection classes.
  videoAi: codes([
    ['vendor', '流动摊贩', 'streetVending'],
    ['storeOverflow', '出店经营', 'streetVending'],
    ['garbage', '垃圾堆放', 'sanitation'],
    ['smokeFire', '烟火识别', 'fire'],
    ['crowd', '人员聚集', 'publicOrder'],
    ['accident', '交通事故', 'trafficAccident'],
    ['construction', '违规施工', 'illegalConstruction'],
  ]),
};

export interface MappedCategory {
  category: string;
  /** The source's name for its code, where the table knows it. */
  sourceName: string | null;
  known: boolean;
}

export function mapCategory(channel: Channel, code: string): MappedCategory {
  const row = CHANNEL_CODES[channel]?.find((c) => c.code === code);
  if (row) return { category: row.category, sourceName: row.name, known: true };
  if (CATEGORY_CODES.has(code)) return { category: code, sourceName: null, known: true };
  return { category: 'other', sourceName: null, known: false };
}
