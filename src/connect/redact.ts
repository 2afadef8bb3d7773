/**
 * What a connector config may show on a terminal or in CI logs. Config-provider placeholders
 * (`${env:NAME}`, `${file:/path:key}`) name where a secret lives, not the secret, so they are shown;
 * a literal value under a secret-looking key is never printed, nor a password inside a URL.
 */
import type { ConnectorConfig } from './connector-configs';

/** Keys whose values are credentials, by the names Kafka, Debezium and JDBC use for them. */
const SECRET_KEY =
  /(password|passwd|secret|token|credential|jaas\.config|api\.key|access\.key|private\.key)/i;

/** A value that is one or more config-provider placeholders and nothing else. */
const ONLY_PLACEHOLDERS = /^(\$\{[A-Za-z][\w-]*:[^}]+\})+$/;

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export function isPlaceholder(value: string): boolean {
  return ONLY_PLACEHOLDERS.test(value);
}

/** The value as it may be printed. */
export function redactValue(key: string, value: string): string {
  if (isPlaceholder(value)) return value;
  if (isSecretKey(key)) return REDACTED;
  // user:password@ inside a URL (JDBC, registry URLs).
  return value.replace(/(\/\/[^/:@\s]+:)[^@/\s]+@/g, `$1${REDACTED}@`);
}

export function redactConfig(config: ConnectorConfig): ConnectorConfig {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, redactValue(k, v)]));
}
