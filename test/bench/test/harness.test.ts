import { describe, expect, it } from 'vitest';
import { median, medianOf, ratioOf, type RoundMedians } from '../src/harness.js';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('refuses an empty list instead of returning NaN', () => {
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('ratios over interleaved rounds', () => {
  // Load changed between rounds (round 2 ran three times slower); round 3 had a glitch.
  const rounds: RoundMedians = [
    { raw: 1, ours: 1.2 },
    { raw: 3, ours: 3.6 },
    { raw: 2, ours: 1 },
  ];
  it('pairs each case with the baseline of the same round, so load shared by a round cancels out', () => {
    expect(ratioOf(rounds, 'ours', 'raw')).toBeCloseTo(1.2);
    // Dividing the unpaired medians would report 0.6: ours from round 1, raw from round 3.
    expect(medianOf(rounds, 'ours') / medianOf(rounds, 'raw')).toBeCloseTo(0.6);
  });
  it('names a case that was never measured', () => {
    expect(() => ratioOf(rounds, 'ours', 'fetch')).toThrow('no measurement named "fetch"');
  });
});
