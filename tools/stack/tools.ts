import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StackError } from './errors';
import type { Reporter } from './reporter';

export interface Toolchain {
  /** java for Kafka and Connect (17+). */
  java: string;
  /** java for Apicurio Registry 3 (21+). */
  registryJava: string;
  mvn: string;
  go: string | undefined;
  pgBin: string;
  mariadbd: string;
  mariadbInstallDb: string;
  mariadbClient: string;
}

export interface ToolNeeds {
  postgres: boolean;
  mariadb: boolean;
  java: boolean;
  registry: boolean;
  go: boolean;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';
const DEBIAN_PACKAGES = {
  postgres: 'postgresql-15',
  mariadb: 'mariadb-server mariadb-client',
  maven: 'maven',
  java: 'openjdk-17-jdk-headless',
  go: 'golang-go',
};

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const out = r.stdout.trim();
  return r.status === 0 && out ? out : undefined;
}

export function javaMajor(javaBin: string): number | undefined {
  const r = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return undefined;
  // Java 8 and older report "1.8.0".
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

/** The newest JDK under /usr/lib/jvm at or above `min`, for the registry which needs a newer Java. */
function findJdk(min: number): string | undefined {
  const root = '/usr/lib/jvm';
  if (!fs.existsSync(root)) return undefined;
  let best: { bin: string; major: number } | undefined;
  for (const dir of fs.readdirSync(root)) {
    const bin = path.join(root, dir, 'bin', 'java');
    if (!fs.existsSync(bin)) continue;
    const major = javaMajor(bin);
    if (major !== undefined && major >= min && (!best || major > best.major)) best = { bin, major };
  }
  return best?.bin;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs missing Debian packages when allowed (root, apt-get present); otherwise explains how. */
function ensurePackages(missing: string[], autoInstall: boolean, reporter: Reporter): void {
  if (missing.length === 0) return;
  const cmd = `apt-get install -y ${missing.join(' ')}`;
  if (!autoInstall || !isRoot() || !which('apt-get')) {
    throw new StackError(
      `missing system packages: ${missing.join(', ')}`,
      `install them with: sudo apt-get update && sudo ${cmd}`,
    );
  }
  reporter.step(
    'system',
    `installing ${missing.join(', ')} with apt-get (set STACK_AUTO_INSTALL=false to skip)`,
  );
  const env = { ...baseAptEnv(), DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', ...missing.join(' ').split(' ')],
  ]) {
    const r = spawnSync('apt-get', args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) {
      throw new StackError(
        `apt-get ${args[0]} failed:\n${`${r.stdout}${r.stderr}`.split('\n').slice(-15).join('\n')}`,
      );
    }
  }
}

function baseAptEnv(): Record<string, string> {
  // eslint-disable-next-line no-restricted-properties -- apt-get needs PATH, not project config
  const { PATH = '/usr/sbin:/usr/bin:/sbin:/bin' } = process.env;
  return { PATH };
}

export interface ToolOptions {
  javaHome?: string;
  registryJavaHome?: string;
  autoInstall: boolean;
}

/** Finds every tool the requested services need, installing Debian packages where allowed. */
export function resolveTools(needs: ToolNeeds, opts: ToolOptions, reporter: Reporter): Toolchain {
  const missingPkgs: string[] = [];
  if (needs.postgres && !fs.existsSync(path.join(PG_BIN, 'initdb')))
    missingPkgs.push(DEBIAN_PACKAGES.postgres);
  if (needs.mariadb && (!which('mariadbd') || !which('mariadb'))) missingPkgs.push(DEBIAN_PACKAGES.mariadb);
  if ((needs.java || needs.registry) && !which('mvn')) missingPkgs.push(DEBIAN_PACKAGES.maven);
  ensurePackages(missingPkgs, opts.autoInstall, reporter);

  const problems: string[] = [];
  const java = opts.javaHome ? path.join(opts.javaHome, 'bin', 'java') : (which('java') ?? '');
  if (needs.java) {
    const major = java ? javaMajor(java) : undefined;
    if (major === undefined || major < 17) {
      problems.push(
        `Kafka 4 and Kafka Connect need Java 17+ (found: ${major ?? 'none'}). ` +
          `Install one (apt-get install ${DEBIAN_PACKAGES.java}) or set STACK_JAVA_HOME.`,
      );
    }
  }
  let registryJava = opts.registryJavaHome ? path.join(opts.registryJavaHome, 'bin', 'java') : '';
  if (needs.registry) {
    if (!registryJava) registryJava = java && (javaMajor(java) ?? 0) >= 21 ? java : (findJdk(21) ?? '');
    if (!registryJava || (javaMajor(registryJava) ?? 0) < 21) {
      problems.push(
        'Apicurio Registry 3 needs Java 21+ and none was found under /usr/lib/jvm. ' +
          'Install a JDK 21 or newer and set STACK_REGISTRY_JAVA_HOME to it.',
      );
    }
  }
  const go = which('go');
  if (needs.go && !go) {
    problems.push(
      `FerretDB is built from source and needs Go 1.24+: install it (apt-get install ${DEBIAN_PACKAGES.go} or go.dev) or set MONGO_URL to an existing MongoDB.`,
    );
  }
  if (problems.length > 0) throw new StackError(`missing tools:\n  - ${problems.join('\n  - ')}`);

  return {
    java,
    registryJava,
    mvn: which('mvn') ?? 'mvn',
    go,
    pgBin: PG_BIN,
    mariadbd: which('mariadbd') ?? '/usr/sbin/mariadbd',
    mariadbInstallDb: which('mariadb-install-db') ?? '/usr/bin/mariadb-install-db',
    mariadbClient: which('mariadb') ?? '/usr/bin/mariadb',
  };
}

/** uid/gid of a system account, to run PostgreSQL and MariaDB unprivileged when we are root. */
export function systemUser(name: string): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) {
    throw new StackError(`running as root needs the system user "${name}" (created by its Debian package)`);
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}
