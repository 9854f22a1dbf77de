// The demo room's accounts: one of every role, so a newcomer can try each window.
import type { Role } from '../../shared/domain';

export const DEMO_PASSWORD = 'dutydeck-demo';

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; name: string; role: Role }> = [
  { username: 'operator1', name: '坐席员 王敏', role: 'operator' },
  { username: 'operator2', name: '坐席员 李强', role: 'operator' },
  { username: 'commander1', name: '值班指挥长 陈建国', role: 'commander' },
  { username: 'regionhead1', name: '区域长 赵丽', role: 'regionHead' },
  { username: 'wall1', name: '大屏', role: 'wall' },
  { username: 'admin', name: '系统管理员', role: 'admin' },
];
