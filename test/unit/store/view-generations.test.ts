import { generationDbName, initialGeneration, REV_STEP, revFloor } from '../../../src/store/view-generations';

describe('view generations', () => {
  it('names generation databases after the configured one', () => {
    expect(generationDbName('customer_state_view', 3)).toBe('customer_state_view_g3');
    expect(initialGeneration('v')).toEqual({
      db: 'v',
      seq: 0,
      previous: null,
      switchedAt: null,
      switchOffsets: [],
    });
  });

  it('puts every switch above all revisions of the switches before it', () => {
    expect(revFloor(0)).toBe(0);
    expect(revFloor(2)).toBe(2 * REV_STEP);
    // Still exact integers after a million switches: revisions stay safe in a double.
    expect(Number.isSafeInteger(revFloor(1_000_000) + 1)).toBe(true);
  });
});
