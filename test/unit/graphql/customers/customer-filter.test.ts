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
        { after: '1005', before: null },
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
    expect(customerQuery(null)).toEqual({});
    expect(customerQuery({ namePrefix: '' })).toEqual({});
    expect(() => customerQuery({ email: '  ' })).toThrow('blank');
  });

  it('bounds a backward page by before, and a page between two cursors by both', () => {
    expect(customerQuery(null, { after: null, before: '2000' })).toEqual({ _id: { $lt: '2000' } });
    expect(customerQuery(null, { after: '1000', before: '2000' })).toEqual({
      _id: { $gt: '1000', $lt: '2000' },
    });
  });
});
