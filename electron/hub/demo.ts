// The demo room's accounts: one of every role, so a newcomer can try each window.
import type { Role } from '../../shared/domain';

export const DEMO_PASSWORD = 'dutydeck-demo';

export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  /** A region head answers for one joint-enforcement circle: the town's first. */
  region?: 'firstCircle';
  /** A unit account acts for one unit of the demo town: its first. */
  unit?: 'firstUnit';
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'operator1', name: '坐席员 王敏', role: 'operator' },
  { username: 'operator2', name: '坐席员 李强', role: 'operator' },
  { username: 'commander1', name: '值班指挥长 陈建国', role: 'commander' },
  // Two commanders, so a shift can be handed over and signed for.
  { username: 'commander2', name: '值班指挥长 刘洋', role: 'commander' },
  { username: 'regionhead1', name: '区域长 赵丽', role: 'regionHead', region: 'firstCircle' },
  { username: 'unit1', name: '处置单位账号', role: 'unit', unit: 'firstUnit' },
  { username: 'wall1', name: '大屏', role: 'wall' },
  { username: 'admin', name: '系统管理员', role: 'admin' },
];
