import { diffConnector, formatDiff } from '../../../src/connect/config-diff';
import { redactConfig, redactValue } from '../../../src/connect/redact';

describe('redactValue', () => {
  it('hides literal values of secret-looking keys', () => {
    expect(redactValue('database.password', 'hunter2')).toBe('[redacted]');
    expect(redactValue('sasl.jaas.config', 'PlainLoginModule required password="x";')).toBe('[redacted]');
    expect(redactValue('ssl.keystore.password', 'x')).toBe('[redacted]');
  });

  it('shows placeholders: they name where the secret lives, not the secret', () => {
    expect(redactValue('database.password', '${env:CRM_CDC_PASSWORD}')).toBe('${env:CRM_CDC_PASSWORD}');
    expect(redactValue('database.password', '${file:/s/crm.properties:password}')).toBe(
      '${file:/s/crm.properties:password}',
    );
  });

  it('hides a password inside a URL and nothing else', () => {
    expect(redactValue('schema.registry.url', 'https://svc:s3cret@registry:8081/x')).toBe(
      'https://svc:[redacted]@registry:8081/x',
    );
    expect(redactValue('snapshot.mode', 'initial')).toBe('initial');
  });

  it('redacts a whole config', () => {
    expect(redactConfig({ 'database.user': 'cdc', 'database.password': 'p' })).toEqual({
      'database.user': 'cdc',
      'database.password': '[redacted]',
    });
  });
});

describe('diffConnector', () => {
  const desired = {
    name: 'crm',
    'connector.class': 'X',
    'snapshot.mode': 'when_needed',
    'heartbeat.interval.ms': '10000',
    'database.password': '${env:CRM_CDC_PASSWORD}',
  };

  it('is the same when every key matches', () => {
    expect(diffConnector('crm', desired, { ...desired })).toEqual({
      name: 'crm',
      state: 'same',
      changes: [],
    });
  });

  it('lists changed, added and removed keys, sorted, with secrets redacted', () => {
    const live = {
      name: 'crm',
      'connector.class': 'X',
      'snapshot.mode': 'initial',
      'database.password': 'clear-text-in-live',
      'old.key': 'gone',
    };
    const d = diffConnector('crm', desired, live);
    expect(d.state).toBe('changed');
    expect(d.changes).toEqual([
      { key: 'database.password', live: '[redacted]', desired: '${env:CRM_CDC_PASSWORD}' },
      { key: 'heartbeat.interval.ms', desired: '10000' },
      { key: 'old.key', live: 'gone' },
      { key: 'snapshot.mode', live: 'initial', desired: 'when_needed' },
    ]);
    const text = formatDiff([d]).join('\n');
    expect(text).not.toContain('clear-text-in-live');
    expect(text).toBe(
      [
        '~ crm: 4 keys differ',
        '    ~ database.password: "[redacted]" -> "${env:CRM_CDC_PASSWORD}"',
        '    + heartbeat.interval.ms = "10000"',
        '    - old.key (live: "gone")',
        '    ~ snapshot.mode: "initial" -> "when_needed"',
      ].join('\n'),
    );
  });

  it('says two different literal secrets differ without showing either', () => {
    const d = diffConnector('crm', { 'database.password': 'a' }, { 'database.password': 'b' });
    expect(d.changes).toEqual([
      { key: 'database.password', live: '[redacted]', desired: '[redacted] (different)' },
    ]);
    expect(diffConnector('crm', { 'database.password': 'a' }, { 'database.password': 'a' }).state).toBe(
      'same',
    );
  });

  it('a connector Connect does not have is missing, with its keys to create', () => {
    const d = diffConnector('oms', { name: 'oms', 'database.password': 'lit' }, undefined);
    expect(d.state).toBe('missing');
    expect(d.changes).toEqual([
      { key: 'database.password', desired: '[redacted]' },
      { key: 'name', desired: 'oms' },
    ]);
    expect(formatDiff([d, diffConnector('crm', desired, desired)])).toEqual([
      '+ oms: not on Connect (apply creates it, 2 keys)',
      '= crm: in sync',
    ]);
  });
});
