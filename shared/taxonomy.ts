// The category taxonomy the duty room files incidents under. Codes are stable API;
// names are what people read.

export interface Category {
  code: string;
  zh: string;
  en: string;
}

export const CATEGORIES: readonly Category[] = [
  { code: 'illegalConstruction', zh: '违法建设', en: 'Illegal construction' },
  { code: 'streetVending', zh: '占道经营', en: 'Street vending' },
  { code: 'sanitation', zh: '环境卫生', en: 'Sanitation' },
  { code: 'noise', zh: '噪声扰民', en: 'Noise nuisance' },
  { code: 'fireHazard', zh: '消防隐患', en: 'Fire hazard' },
  { code: 'fire', zh: '火警', en: 'Fire' },
  { code: 'workSafety', zh: '安全生产', en: 'Work safety' },
  { code: 'trafficAccident', zh: '交通事故', en: 'Traffic accident' },
  { code: 'publicOrder', zh: '治安纠纷', en: 'Public order' },
  { code: 'neighbourDispute', zh: '邻里纠纷', en: 'Neighbour dispute' },
  { code: 'municipalFacility', zh: '市政设施', en: 'Municipal facility' },
  { code: 'waterPollution', zh: '河道污染', en: 'Water pollution' },
  { code: 'groupRenting', zh: '群租房', en: 'Group renting' },
  { code: 'foodSafety', zh: '食品安全', en: 'Food safety' },
  { code: 'gasLeak', zh: '燃气泄漏', en: 'Gas leak' },
  { code: 'other', zh: '其他', en: 'Other' },
];

export const CATEGORY_CODES: ReadonlySet<string> = new Set(CATEGORIES.map((c) => c.code));

export function categoryName(code: string, lang: 'zh' | 'en'): string {
  const found = CATEGORIES.find((c) => c.code === code);
  return found ? found[lang] : code;
}
