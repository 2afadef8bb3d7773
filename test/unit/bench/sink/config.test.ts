import { sinkConnectorConfig, sinkWorkerProperties } from '../../../../bench/sink/config';

const base = {
  name: 'b-sink-crm',
  topic: 'b.crm',
  keyField: 'cust_id',
  mongoUrl: 'mongodb://127.0.0.1:27117/',
  database: 'b_sink',
  collection: 'customers',
};

describe('the sink connector configuration', () => {
  it('takes the row image out of the envelope and makes the key column a scalar _id', () => {
    const c = sinkConnectorConfig({ ...base, tuning: { batchSize: 10, ordered: true, tasks: 1 } });
    expect(c['transforms.row.type']).toBe('org.apache.kafka.connect.transforms.ExtractField$Value');
    expect(c['transforms.row.field']).toBe('after');
    expect(c['transforms.key.renames']).toBe('cust_id:_id');
    expect(c['document.id.strategy']).toMatch(/ProvidedInKeyStrategy$/);
    expect(c['delete.on.null.values']).toBe('true');
    expect(c['max.batch.size']).toBe('10');
    expect(c['change.data.capture.handler']).toBeUndefined();
    expect(c['key.converter.schemas.enable']).toBe('true');
  });
  it('has the documented alternatives for the sweep', () => {
    const r = sinkConnectorConfig({
      ...base,
      tuning: { batchSize: 10, ordered: true, tasks: 1, variant: 'rdbms-handler' },
    });
    expect(r['change.data.capture.handler']).toMatch(/RdbmsHandler$/);
    expect(r.transforms).toBeUndefined();
    const p = sinkConnectorConfig({
      ...base,
      tuning: { batchSize: 10, ordered: true, tasks: 1, variant: 'debezium-unwrap-partial-key' },
    });
    expect(p['document.id.strategy']).toMatch(/PartialKeyStrategy$/);
    expect(p['document.id.strategy.partial.key.projection.list']).toBe('cust_id');
    expect(p['transforms.key.renames']).toBeUndefined();
  });
  it('gives the worker its own loopback port, offsets file and quick offset commits', () => {
    const w = sinkWorkerProperties({
      brokers: '127.0.0.1:19092',
      port: 41000,
      offsetsFile: '/tmp/x/offsets',
      pluginPath: '/tmp/x/plugins',
      flushIntervalMs: 500,
    });
    expect(w).toContain('listeners=http://127.0.0.1:41000');
    expect(w).toContain('offset.storage.file.filename=/tmp/x/offsets');
    expect(w).toContain('offset.flush.interval.ms=500');
    expect(w).toContain('plugin.path=/tmp/x/plugins');
  });
});
