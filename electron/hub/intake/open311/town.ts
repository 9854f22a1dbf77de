// What Open311 says about the town in force: its jurisdiction id and the names of the agencies
// responsible. Both follow the imported town (its town.json `admin`), read per request, so a
// new town's names hold from its import on without a restart.
import type { Department, TownAdmin } from '../../../../shared/town';
import { pinyinKeys } from '../../geocode/pinyin';
import type { StoreClient } from '../../store/thread/client';

/** The jurisdiction of a hub whose town names no place (no town imported, or no `admin`). */
export const FALLBACK_JURISDICTION = 'dutydeck';

export interface Open311Town {
  jurisdictionId: string;
  /** The town's own name (三墩镇), null when the town gives none. */
  townName: string | null;
  agencies: Record<Department, string>;
}

/**
 * A jurisdiction id from the town's administrative names, innermost first, in toneless pinyin
 * and dotted like a domain: 三墩镇, 西湖区, 杭州市, 浙江省 → sandunzhen.xihuqu.hangzhoushi.zhejiangsheng.
 * Stable for as long as the town keeps its names; a town that wants another sets its own.
 */
export function derivedJurisdictionId(admin: TownAdmin | null): string {
  const names = admin ? [admin.town, admin.district, admin.city, admin.province].map((n) => n?.name.trim()).filter((n): n is string => !!n) : [];
  const labels = names.map((n) => pinyinKeys(n).full || n.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '')).filter(Boolean);
  return labels.length ? labels.join('.') : FALLBACK_JURISDICTION;
}

/** Each department's unit as a resident knows it: 三墩镇派出所; without a town name, the kind of unit alone. */
export function agencyNames(townName: string | null): Record<Department, string> {
  const t = townName ?? '';
  return {
    police: `${t}派出所`,
    trafficPolice: `${t}交警中队`,
    cityManagement: `${t}综合行政执法中队`,
    marketSupervision: `${t}市场监督管理所`,
    emergencyManagement: `${t}应急管理站`,
    gridService: `${t}网格服务中心`,
    // A 街道 is run by its 办事处, a 镇 or 乡 by its 人民政府.
    streetOffice: townName === null ? '街道办事处' : townName.endsWith('街道') ? `${townName}办事处` : `${townName}人民政府`,
  };
}

export class Open311TownReader {
  private memo: { key: string; town: Open311Town } | null = null;

  /** `configured`: the jurisdiction id the hub was started with (IntakeOptions.open311), else derived. */
  constructor(
    private readonly store: StoreClient,
    private readonly configured: string | undefined,
  ) {}

  async read(): Promise<Open311Town> {
    const admin = (await this.store.town.meta())?.admin ?? null;
    const key = JSON.stringify(admin);
    if (this.memo?.key === key) return this.memo.town;
    const townName = admin?.town?.name.trim() || null;
    const town: Open311Town = { jurisdictionId: this.configured ?? derivedJurisdictionId(admin), townName, agencies: agencyNames(townName) };
    this.memo = { key, town };
    return town;
  }
}

/** A request's jurisdiction_id: absent or empty is this hub's (it serves one); another is refused. */
export function isOurJurisdiction(given: string | undefined, town: Open311Town): boolean {
  const id = given?.trim();
  return !id || id.toLowerCase() === town.jurisdictionId.toLowerCase();
}
