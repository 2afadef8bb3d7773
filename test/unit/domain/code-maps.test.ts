import codeMapsJson from '../../../mappings/code-maps.json';
import { createCodeMaps } from '../../../src/domain/code-maps';

describe('code maps', () => {
  const maps = createCodeMaps(codeMapsJson);

  it('maps every code of the legacy spec', () => {
    expect(['P', 'A', 'I', 'F', 'X'].map(maps.crmStatus)).toEqual([
      'PROSPECT',
      'ACTIVE',
      'INACTIVE',
      'FROZEN',
      'CLOSED',
    ]);
    expect(['OPEN', 'GRACE', 'DUNNING', 'SUSPENDED', 'WRITTEN_OFF', 'CLOSED'].map(maps.billingState)).toEqual(
      ['OPEN', 'GRACE', 'DUNNING', 'SUSPENDED', 'WRITTEN_OFF', 'CLOSED'],
    );
    expect([10, 11, 20, 30, 31, 40, 50, 70, 80, 90].map(maps.orderStatus)).toEqual([
      'PENDING_PAYMENT',
      'PENDING_PAYMENT',
      'PAID',
      'FULFILLING',
      'FULFILLING',
      'SHIPPED',
      'DELIVERED',
      'CANCELLED',
      'REFUNDING',
      'REFUNDED',
    ]);
  });

  it('never guesses: unknown, differently cased or padded codes are UNKNOWN', () => {
    expect(maps.orderStatus(45)).toBe('UNKNOWN');
    expect(maps.crmStatus('a')).toBe('UNKNOWN');
    expect(maps.billingState('OPEN ')).toBe('UNKNOWN');
    expect(maps.crmStatus('toString')).toBe('UNKNOWN');
  });

  it('rejects a file with a meaning outside the canonical set, listing every problem', () => {
    const bad = structuredClone(codeMapsJson) as {
      version: unknown;
      systems: { oms: { 'orders.state': Record<string, string> } };
    };
    bad.systems.oms['orders.state']['60'] = 'LOST';
    bad.version = 0;
    expect(() => createCodeMaps(bad)).toThrow(/version[\s\S]*systems\.oms\.orders\.state\.60/);
  });

  it('rejects unknown systems or columns instead of ignoring them', () => {
    expect(() => createCodeMaps({ ...codeMapsJson, systems: { ...codeMapsJson.systems, erp: {} } })).toThrow(
      /erp/,
    );
  });
});
