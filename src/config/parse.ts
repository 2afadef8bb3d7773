import { z } from 'zod';
import { AppError } from '../shared/errors';

/** Raised when configuration is invalid; `problems` lists every issue at once, one per line. */
export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('config-invalid', `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Parses `env` with `schema`, listing every failing variable instead of stopping at the first. */
export function parseEnv<S extends z.ZodType>(schema: S, env: EnvSource): z.infer<S> {
  // Empty strings mean "unset" to users who write `FOO=` in a shell or .env file.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(root)';
      const value = typeof issue.path[0] === 'string' ? cleaned[issue.path[0]] : undefined;
      return `${key}: ${issue.message}${value === undefined ? '' : ` (got "${value}")`}`;
    }),
  );
}

export const portSchema = z.coerce
  .number()
  .int('must be an integer')
  .min(1, 'must be a TCP port (1-65535)')
  .max(65535, 'must be a TCP port (1-65535)');

export const booleanSchema = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

export const urlSchema = z.string().url('must be a URL');

/**
 * Runs every loader and returns their results, or throws one ConfigError listing the problems of all
 * of them: a command that needs several concerns reports every bad variable at once, not one per try.
 */
export function loadTogether<T extends unknown[]>(...loaders: { [K in keyof T]: () => T[K] }): T {
  const problems: string[] = [];
  const results = loaders.map((load) => {
    try {
      return load();
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return results as T;
}
