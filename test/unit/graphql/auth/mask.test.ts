import { maskEmail, maskPhone } from '../../../../src/graphql/auth/mask';

describe('masking for agents', () => {
  it('keeps the first letter and the domain of an email, trimmed and lower-cased', () => {
    expect(maskEmail('zhang.wei@example.cn')).toBe('z***@example.cn');
    expect(maskEmail(' Li.Na@Example.CN ')).toBe('l***@example.cn');
    expect(maskEmail('not-an-email')).toBe('***');
    expect(maskEmail(null)).toBeNull();
  });

  it('keeps the first three and last four digits of a phone', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone(' 13912345678 ')).toBe('139****5678');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone(null)).toBeNull();
  });
});
