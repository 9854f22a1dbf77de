// Walking up the region tree: grid → joint-enforcement → emergency → risk-prevention → command.

export interface RegionNode {
  id: string;
  level: string;
  parentId: string | null;
}

export function regionChainOf(regions: ReadonlyMap<string, RegionNode>, gridId: string): Array<{ id: string; level: string }> {
  const chain: Array<{ id: string; level: string }> = [];
  let current = regions.get(gridId);
  // The depth bound guards against a cycle in imported data.
  while (current && chain.length < 16) {
    chain.push({ id: current.id, level: current.level });
    current = current.parentId ? regions.get(current.parentId) : undefined;
  }
  return chain;
}
