import { customerQuery } from '../../../../src/graphql/customers/customer-filter';

describe('customerQuery', () => {
  it('turns each condition into an index-friendly predicate', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      customerQuery(
        {
          status: ['ACTIVE'],
          vipLevelAtLeast: 2,
          updatedAfter: at,
          email: ' Li.Na@Example.CN ',
          namePrefix: 'Li N',
        },
        '1005',
      ),
    ).toEqual({
      'status.value': { $in: ['ACTIVE'] },
      vipLevel: { $gte: 2 },
      updatedAt: { $gt: at },
      emailNorm: 'li.na@example.cn',
      nameLower: { $gte: 'li n', $lt: 'li n\uffff' },
      _id: { $gt: '1005' },
    });
  });

  it('matches everything without a filter, and refuses a blank email', () => {
    expect(customerQuery(null, null)).toEqual({});
    expect(customerQuery({ namePrefix: '' }, null)).toEqual({});
    expect(() => customerQuery({ email: '  ' }, null)).toThrow('blank');
  });
});
