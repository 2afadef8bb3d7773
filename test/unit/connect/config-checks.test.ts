import path from 'node:path';
import { checkConnectorConfigs } from '../../../src/connect/config-checks';
import { loadDesiredConnectors } from '../../../src/connect/desired-connectors';

const REPO_CONNECTORS = path.resolve(__dirname, '..', '..', '..', 'connectors');

describe('checkConnectorConfigs', () => {
  it('finds nothing wrong with the committed configs, with or without an overlay', () => {
    for (const env of [undefined, 'local', 'prod-example']) {
      const d = loadDesiredConnectors({ dir: REPO_CONNECTORS, env, defaultFormat: 'json' });
      expect(checkConnectorConfigs(d.connectors, d)).toEqual([]);
    }
  });

  it('lists every problem at once', () => {
    const problems = checkConnectorConfigs(
      [
        {
          name: 'a',
          config: {
            'connector.class': 'X',
            'tasks.max': 'two',
            'database.password': 'hunter2',
            'database.hostname': '${env:DB HOST}',
            'database.user': '${env:USER',
            'slot.name': 's1',
            'topic.prefix': 'p',
          },
        },
        { name: 'b', config: { 'slot.name': 's1', 'topic.prefix': 'p', 'database.password': '${env:PW}' } },
      ],
      { allNames: ['a', 'b'], overlay: { connectors: { c: {}, a: { name: 'z' } } } },
    );
    expect(problems.map((p) => `${p.connector} ${p.key ?? ''}: ${p.message.split(':')[0]}`)).toEqual([
      'c : the overlay names a connector that is not committed',
      'a name: an overlay cannot rename a connector',
      'a tasks.max: must be a positive integer',
      'a database.password: a literal secret',
      'a database.hostname: ${env',
      'a database.user: malformed placeholder (expected ${provider',
      'b : no connector.class',
      'b topic.prefix: same value as a',
      'b slot.name: same value as a',
    ]);
  });
});
