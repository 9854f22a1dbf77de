import { describe, expect, it } from 'vitest';
import { withoutTrailingSlashes } from './trim';

describe('withoutTrailingSlashes', () => {
  it('drops every slash at the end and nothing else', () => {
    expect(withoutTrailingSlashes('https://hub:8443///')).toBe('https://hub:8443');
    expect(withoutTrailingSlashes('https://hub/a/b')).toBe('https://hub/a/b');
    expect(withoutTrailingSlashes('///')).toBe('');
  });

  it('is linear in a long run of slashes', () => {
    const started = performance.now();
    expect(withoutTrailingSlashes(`a${'/'.repeat(200_000)}x`)).toHaveLength(200_002);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
