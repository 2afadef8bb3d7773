/** The machine and the versions a benchmark ran on, for its results. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../src/config/stack-config';
import { VERSIONS } from '../tools/stack/versions';
import { SINK_VERSION } from './sink/config';

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Linux ${os.release()}`;
}

function npmVersion(name: string): string {
  try {
    const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function kafkaVersion(): string {
  const pom = fs.readFileSync(path.join(REPO_ROOT, 'stack/java/pom.xml'), 'utf8');
  return /<kafka\.version>([^<]+)</.exec(pom)?.[1] ?? 'unknown';
}

export function benchVersions(): Record<string, string> {
  return {
    node: process.version,
    kafka: kafkaVersion(),
    kafka_connect: kafkaVersion(),
    debezium: VERSIONS.debezium,
    mongo_kafka_connect: SINK_VERSION,
    ferretdb: VERSIONS.ferretdb,
    postgres: VERSIONS.postgres,
    mariadb: VERSIONS.mariadb,
    kafkajs: npmVersion('kafkajs'),
    mongodb_driver: npmVersion('mongodb'),
  };
}
