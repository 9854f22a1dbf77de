// URLs and origins typed by people end in any number of slashes. Trimmed by a loop, not by
// /\/+$/: that pattern retries from every slash of a long run and is quadratic in it.
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}
