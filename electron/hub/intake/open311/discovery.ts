// GET discovery.{format}: the Service Discovery document that tells a client where this
// GeoReport v2 endpoint is, what it speaks and whom to ask for a key. Beside the spec's
// fields it says the jurisdiction_id this endpoint answers for: a client configures it once.
import { SERVICES_CHANGESET } from '../../../../shared/intake/open311-attributes';
import type { Open311Town } from './town';

export const GEOREPORT_V2_SPEC = 'http://wiki.open311.org/GeoReport_v2';

/** `endpointUrl`: this endpoint as the client reached it (scheme, host, /open311/v2). */
export function discovery(town: Open311Town, endpointUrl: string) {
  const room = town.townName ? `${town.townName}综合指挥室（DutyDeck）` : 'DutyDeck 综合指挥室';
  return {
    changeset: SERVICES_CHANGESET,
    contact: `${room}：接入与问题请联系本指挥室的系统管理员。`,
    key_service: `api_key 由本指挥室的系统管理员为每个接入系统签发（npm run dutydeck -- integrations add）；查询服务与工单无需 api_key。`,
    jurisdiction_id: town.jurisdictionId,
    endpoints: [
      {
        specification: GEOREPORT_V2_SPEC,
        url: endpointUrl,
        changeset: SERVICES_CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
