/**
 * Our own checks of the desired connector configs, before Connect sees them. Each catches a mistake
 * Connect accepts and regrets later: a committed secret, a placeholder the worker cannot resolve, two
 * connectors fighting over one replication slot, binlog server id or topic prefix.
 */
import type { ConnectorDefinition } from './connector-configs';
import type { EnvironmentOverlay } from './environment-overlay';
import { unknownOverlayConnectors } from './environment-overlay';
import { isPlaceholder, isSecretKey } from './redact';

export interface ConfigProblem {
  connector: string;
  key?: string;
  message: string;
}

/** `${provider:...}` with a well-formed provider name; anything else after `${` is a typo. */
const PLACEHOLDER = /\$\{([A-Za-z][\w-]*):([^}]+)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys that must differ between connectors of one Connect cluster, and why. */
const UNIQUE_KEYS: { key: string; why: string }[] = [
  { key: 'topic.prefix', why: 'two connectors would write the same topics' },
  { key: 'slot.name', why: 'PostgreSQL gives a replication slot to one reader at a time' },
  { key: 'database.server.id', why: 'MariaDB drops a binlog client whose server id another one uses' },
  { key: 'schema.history.internal.kafka.topic', why: 'schema histories would mix' },
];

export function checkConnectorConfigs(
  connectors: ConnectorDefinition[],
  { overlay, allNames }: { overlay?: EnvironmentOverlay | undefined; allNames: string[] },
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (overlay) {
    for (const name of unknownOverlayConnectors(overlay, allNames))
      problems.push({ connector: name, message: 'the overlay names a connector that is not committed' });
    for (const [name, keys] of Object.entries({ all: overlay.all ?? {}, ...(overlay.connectors ?? {}) }))
      if ('name' in keys)
        problems.push({ connector: name, key: 'name', message: 'an overlay cannot rename a connector' });
  }
  for (const { name, config } of connectors) {
    if (!config['connector.class']) problems.push({ connector: name, message: 'no connector.class' });
    const tasks = config['tasks.max'];
    if (tasks !== undefined && !/^[1-9]\d*$/.test(tasks))
      problems.push({ connector: name, key: 'tasks.max', message: 'must be a positive integer' });
    for (const [key, value] of Object.entries(config)) {
      if (isSecretKey(key) && value !== '' && !isPlaceholder(value))
        problems.push({
          connector: name,
          key,
          message: 'a literal secret: use ${env:NAME} or ${file:/path:key}, resolved by the Connect worker',
        });
      const stripped = value.replace(PLACEHOLDER, '');
      if (stripped.includes('${'))
        problems.push({ connector: name, key, message: 'malformed placeholder (expected ${provider:...})' });
      for (const m of value.matchAll(PLACEHOLDER))
        if (m[1] === 'env' && !ENV_NAME.test(m[2] as string))
          problems.push({ connector: name, key, message: `\${env:${m[2]}} is not a variable name` });
    }
  }
  for (const { key, why } of UNIQUE_KEYS) {
    const seen = new Map<string, string>();
    for (const { name, config } of connectors) {
      const v = config[key];
      if (v === undefined) continue;
      const other = seen.get(v);
      if (other) problems.push({ connector: name, key, message: `same value as ${other}: ${why}` });
      else seen.set(v, name);
    }
  }
  return problems;
}
