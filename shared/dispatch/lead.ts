// Which department leads an incident of each category (主办). An admin may change it; this is
// the table a new room starts with.
import type { Department } from '../town';

export type LeadTable = Record<string, Department>;

export const DEFAULT_LEAD: LeadTable = {
  illegalConstruction: 'cityManagement',
  streetVending: 'cityManagement',
  sanitation: 'cityManagement',
  noise: 'cityManagement',
  fireHazard: 'emergencyManagement',
  fire: 'emergencyManagement',
  workSafety: 'emergencyManagement',
  trafficAccident: 'trafficPolice',
  publicOrder: 'police',
  neighbourDispute: 'gridService',
  municipalFacility: 'cityManagement',
  waterPollution: 'cityManagement',
  groupRenting: 'police',
  foodSafety: 'marketSupervision',
  gasLeak: 'emergencyManagement',
  other: 'streetOffice',
};

export function leadFor(category: string, table: LeadTable = DEFAULT_LEAD): Department {
  return table[category] ?? 'streetOffice';
}
