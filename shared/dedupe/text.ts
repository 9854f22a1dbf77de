// Text similarity that works for Chinese: no word segmentation, just character bigrams of a
// normalised string (full-width folded, punctuation and spaces dropped, digits kept).

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC') // full-width letters and digits → half-width
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function bigrams(text: string): Set<string> {
  const chars = [...normalizeText(text)];
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

/** Dice coefficient of two bigram sets: 1 for the same text, 0 for nothing shared. */
export function textSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const gram of small) if (large.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}
