// GET services and GET services/{service_code}: the taxonomy as Open311 services, and the
// spec's service_definition for those that ask more than a description.
import { serviceDefinition, type ServiceDefinition } from '../../../../shared/intake/open311-attributes';
import { CATEGORIES, CATEGORY_CODES } from '../../../../shared/taxonomy';
import { fail } from './answer';

export function services() {
  return CATEGORIES.map((c) => ({
    service_code: c.code,
    service_name: c.zh,
    description: c.en,
    metadata: serviceDefinition(c.code) !== null,
    type: 'realtime',
    keywords: c.en.toLowerCase(),
    group: 'dutydeck',
  }));
}

/** The definition as the spec writes it: its fields only, in its order; values for lists alone. */
function asSpec(definition: ServiceDefinition) {
  return {
    service_code: definition.service_code,
    attributes: [...definition.attributes]
      .sort((a, b) => a.order - b.order)
      .map((a) => ({
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatype_description,
        order: a.order,
        description: a.description,
        ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: v.name })) } : {}),
      })),
  };
}

export function definitionOf(code: string) {
  if (!CATEGORY_CODES.has(code)) fail(404, `service_code ${code.slice(0, 64)} was not found.`);
  // A service whose metadata is false asks nothing beyond the description: no attributes.
  const definition = serviceDefinition(code);
  return definition ? asSpec(definition) : { service_code: code, attributes: [] };
}
