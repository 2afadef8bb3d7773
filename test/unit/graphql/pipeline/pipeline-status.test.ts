import { partitionLags } from '../../../../src/graphql/pipeline/pipeline-status';

describe('partitionLags', () => {
  it('subtracts committed from end offsets, counting all of a partition nothing was committed on', () => {
    const lags = partitionLags(
      [
        { topic: 'b', partitions: [{ partition: 0, offset: '-1' }] },
        {
          topic: 'a',
          partitions: [
            { partition: 1, offset: '5' },
            { partition: 0, offset: '12' },
          ],
        },
      ],
      new Map([
        [
          'a',
          [
            { partition: 0, high: '10' },
            { partition: 1, high: '9' },
          ],
        ],
        ['b', [{ partition: 0, high: '3' }]],
      ]),
    );
    expect(lags).toEqual([
      { topic: 'a', partition: 0, committedOffset: 12n, endOffset: 10n, lag: 0n },
      { topic: 'a', partition: 1, committedOffset: 5n, endOffset: 9n, lag: 4n },
      { topic: 'b', partition: 0, committedOffset: null, endOffset: 3n, lag: 3n },
    ]);
  });
});
