import type { Db } from 'mongodb';
import type { Admin } from '../../../../src/kafka/kafka-client';
import {
  createPipelineStatus,
  partitionLags,
  pipelineSources,
} from '../../../../src/graphql/pipeline/pipeline-status';

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

describe('createPipelineStatus without CONNECT_URL', () => {
  it('reports each connector as UNREACHABLE and still reads the progress and the consumer lag', async () => {
    const db = { collection: () => ({ find: () => ({ toArray: async () => [] }) }) } as unknown as Db;
    const admin = async () =>
      ({ fetchOffsets: async () => [], fetchTopicOffsets: async () => [] }) as unknown as Admin;
    const read = createPipelineStatus({
      db: () => db,
      admin,
      connect: null,
      sources: pipelineSources({
        PROCESSOR_GROUP_ID: 'g',
        CRM_TOPIC: 'c',
        BILLING_TOPIC: 'b',
        OMS_TOPIC: 'o',
      }),
    });
    const report = await read();
    expect(report.systems.map((s) => s.connector)).toEqual(
      ['crm', 'billing', 'oms'].map((name) => ({
        name,
        state: 'UNREACHABLE',
        tasks: [],
        error: 'CONNECT_URL is not set for this API',
      })),
    );
    expect(report.consumerGroup).toMatchObject({ groupId: 'g', totalLag: 0n, error: null });
  });
});
