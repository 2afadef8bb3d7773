import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config/stack-config';
import { ARCHIVES, MAVEN_DEPENDENCY_PLUGIN } from './versions';
import { buildFerretDb, ferretdbBuildPrint } from './ferretdb-build';
import { runCheckedAsync } from './process-control';
import type { StackPaths } from './paths';
import type { Reporter } from './reporter';
import type { Toolchain } from './tools';

/** Marker file of a finished build: its content is the fingerprint of the build's inputs. */
export const BUILD_MARKER = '.complete';
const MARKER = BUILD_MARKER;

function fingerprint(...parts: string[]): string {
  const hash = crypto.createHash('sha256');
  for (const p of parts) hash.update(fs.existsSync(p) ? fs.readFileSync(p) : p);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds `dest` once: into a temporary folder first, renamed into place with a marker holding the
 * inputs' fingerprint. An interrupted run leaves no marker, so the next run redoes only that step;
 * Maven's and Go's own caches keep what was already downloaded.
 */
async function ensureDir(
  reporter: Reporter,
  label: string,
  dest: string,
  print: string,
  build: (tmp: string) => Promise<void>,
): Promise<void> {
  const marker = path.join(dest, MARKER);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === print) return;
  const tmp = `${dest}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  await reporter.timed('provision', label, () => build(tmp));
  fs.writeFileSync(path.join(tmp, MARKER), print);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
}

function mvn(tools: Toolchain, args: string[], what: string): Promise<string> {
  return runCheckedAsync(tools.mvn, ['-q', '-B', ...args], { what, cwd: REPO_ROOT });
}

/**
 * Copies a Maven archive out of the local repository (downloading it the first time) into `dir`.
 * The copy is deleted once unpacked: ~/.m2 already keeps one, and the Debezium Server archive alone
 * is 750 MB.
 */
async function fetchArchive(tools: Toolchain, coords: string, dir: string): Promise<string> {
  const [group, artifact, version, type, classifier] = coords.split(':');
  const file = path.join(dir, `${artifact}-${version}${classifier ? `-${classifier}` : ''}.${type}`);
  await mvn(
    tools,
    [`${MAVEN_DEPENDENCY_PLUGIN}:copy`, `-Dartifact=${coords}`, `-DoutputDirectory=${dir}`],
    `download ${group}:${artifact}`,
  );
  return file;
}

async function unpack(
  tools: Toolchain,
  paths: StackPaths,
  coords: string,
  dir: string,
  ...tarArgs: string[]
): Promise<void> {
  fs.mkdirSync(paths.downloads, { recursive: true });
  const file = await fetchArchive(tools, coords, paths.downloads);
  try {
    await runCheckedAsync('tar', ['xzf', file, '-C', dir, ...tarArgs], {
      what: `unpack ${path.basename(file)}`,
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Everything the JVM services run, resolved from Maven Central into the stack folder. */
export async function provisionJava(tools: Toolchain, paths: StackPaths, reporter: Reporter): Promise<void> {
  const kafkaPom = path.join(REPO_ROOT, 'stack/java/pom.xml');
  const converterPom = path.join(REPO_ROOT, 'stack/java/avro-converter/pom.xml');
  const copyDeps = (pom: string, out: string) => [
    '-f',
    pom,
    `${MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${out}`,
  ];
  // Sequential on purpose: parallel Maven runs race on the same ~/.m2 files on a cold cache.
  await ensureDir(
    reporter,
    'Kafka + Connect jars (Maven Central)',
    path.join(paths.lib, 'kafka'),
    fingerprint(kafkaPom),
    (tmp) => mvn(tools, copyDeps(kafkaPom, tmp), 'resolve Kafka jars').then(() => undefined),
  );
  await ensureDir(
    reporter,
    'Debezium PostgreSQL connector plug-in',
    path.join(paths.plugins, 'debezium-connector-postgres'),
    ARCHIVES.debeziumPostgres,
    async (tmp) => {
      await unpack(tools, paths, ARCHIVES.debeziumPostgres, tmp, '--strip-components=1');
    },
  );
  await ensureDir(
    reporter,
    'Debezium MariaDB connector plug-in',
    path.join(paths.plugins, 'debezium-connector-mariadb'),
    `${ARCHIVES.debeziumMysql}+${ARCHIVES.debeziumServer}`,
    async (tmp) => {
      await unpack(tools, paths, ARCHIVES.debeziumMysql, tmp, '--strip-components=1');
      for (const f of fs.readdirSync(tmp)) {
        if (f.startsWith('debezium-connector-mysql-') || f.startsWith('mysql-connector-j-'))
          fs.rmSync(path.join(tmp, f));
      }
      await unpack(
        tools,
        paths,
        ARCHIVES.debeziumServer,
        tmp,
        '--strip-components=2',
        '--wildcards',
        'debezium-server/lib/debezium-connector-mariadb-*.jar',
        'debezium-server/lib/mariadb-java-client-*.jar',
      );
    },
  );
  await ensureDir(
    reporter,
    'Apicurio Avro converter plug-in',
    path.join(paths.plugins, 'apicurio-avro-converter'),
    fingerprint(converterPom),
    (tmp) => mvn(tools, copyDeps(converterPom, tmp), 'resolve Apicurio converter jars').then(() => undefined),
  );
  await ensureDir(
    reporter,
    'Apicurio Registry',
    path.join(paths.apps, 'apicurio-registry'),
    ARCHIVES.apicurioRegistry,
    async (tmp) => {
      await unpack(tools, paths, ARCHIVES.apicurioRegistry, tmp);
    },
  );
}

/**
 * FerretDB, built through the Go module proxy from our small embedding in stack/ferretdb, with the one
 * fix of tools/stack/ferretdb-build.ts (part of the fingerprint, so a changed patch rebuilds).
 */
export async function provisionFerretDb(
  tools: Toolchain,
  paths: StackPaths,
  reporter: Reporter,
): Promise<string> {
  const dest = path.join(paths.bin, 'ferretdb');
  await ensureDir(
    reporter,
    'FerretDB (patched go build, first time takes minutes)',
    dest,
    ferretdbBuildPrint(),
    async (tmp) => {
      if (!tools.go) throw new Error('go is required to build FerretDB');
      await buildFerretDb(tools.go, tmp);
    },
  );
  return path.join(dest, 'ferretdb');
}
