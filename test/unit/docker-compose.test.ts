import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { ENDPOINT_KEYS } from '../../src/config/endpoints';
import { REPO_ROOT, parseStackConfig } from '../../src/config/stack-config';
import { API_ENDPOINTS, API_OPTIONAL_ENDPOINTS, apiCommand } from '../../src/cli/commands/api';
import { PROCESSORS_ENDPOINTS, processorsCommand } from '../../src/cli/commands/processors';
import { parseGraphqlConfig } from '../../src/config/graphql-config';
import { parseProcessorConfig } from '../../src/config/processor-config';
import { parseShutdownConfig } from '../../src/config/shutdown-config';
import {
  envPlaceholders,
  loadConnectorDefinitions,
  loadFormatOverlay,
  type ConnectorFormat,
} from '../../src/connect/connector-configs';
import { createStackContext } from '../../tools/stack/context';
import { stackEndpoints } from '../../tools/stack/endpoints';
import { createReporter } from '../../tools/stack/reporter';
import { SERVICES, SERVICE_WAVES } from '../../tools/stack/services';
import { CONNECTORS_DIR, connectWorkerEnv } from '../../tools/stack/services/connect';
import { PG_LEGACY, REGISTRY_DB } from '../../tools/stack/services/postgres';
import { VERSIONS } from '../../tools/stack/versions';

/** docker-compose.yml against the native stack (`npm run stack:up`): topology, ports, variables, versions. */

interface ComposeService {
  image?: unknown;
  build?: unknown;
  command?: unknown;
  stop_grace_period?: unknown;
  ports?: unknown[];
  environment?: Record<string, unknown> | string[];
  volumes?: unknown[];
  depends_on?: string[] | Record<string, { condition?: unknown }>;
  healthcheck?: { test?: unknown; disable?: unknown };
}

/** Native services that run under another name in Docker; everything else keeps its name. */
const COMPOSE_NAME: Record<string, string> = { ferretdb: 'mongo' };
const composeName = (nativeName: string): string => COMPOSE_NAME[nativeName] ?? nativeName;

/** Services of the runtime image (Dockerfile), not of the native stack. */
const RUNTIME = ['processors', 'api'] as const;

/** Native ports the Docker stack keeps inside its containers. */
const NOT_PUBLISHED = new Set(['STACK_KAFKA_CONTROLLER_PORT', 'STACK_REGISTRY_MANAGEMENT_PORT']);

const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
const composeText = fs.readFileSync(COMPOSE_FILE, 'utf8');
const composeDoc = parseDocument(composeText);
const compose = composeDoc.toJS() as { services?: Record<string, ComposeService> };
const services = compose.services ?? {};

const ctx = createStackContext(
  parseStackConfig({}),
  createReporter(() => undefined),
);

function service(name: string): ComposeService {
  const svc = services[name];
  if (!svc) throw new Error(`docker-compose.yml has no service "${name}"`);
  return svc;
}

function environment(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((line) => {
        const eq = line.indexOf('=');
        return eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}

interface Published {
  variable: string;
  hostDefault: number;
  containerPort: number;
}

/** Short-syntax port mappings, each required to be "127.0.0.1:${VAR:-default}:containerPort". */
function published(name: string): Published[] {
  return (service(name).ports ?? []).map((entry) => {
    const m = /^127\.0\.0\.1:\$\{([A-Z][A-Z0-9_]*):-(\d+)\}:(\d+)(?:\/tcp)?$/.exec(String(entry));
    if (!m) {
      throw new Error(
        `${name}: port "${String(entry)}" must read 127.0.0.1:\${STACK_..._PORT:-<default>}:<container port>`,
      );
    }
    return { variable: m[1]!, hostDefault: Number(m[2]), containerPort: Number(m[3]) };
  });
}

function image(name: string): { repo: string; tag: string } {
  const ref = String(service(name).image ?? '');
  const colon = ref.lastIndexOf(':');
  if (colon < 0 || ref.lastIndexOf('/') > colon) throw new Error(`${name}: image "${ref}" has no tag`);
  return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
}

function dependsOn(name: string): Record<string, string | undefined> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, undefined]));
  return Object.fromEntries(
    Object.entries(deps).map(([d, spec]) => [
      d,
      spec.condition === undefined ? undefined : String(spec.condition),
    ]),
  );
}

/** How a container reaches the service that the native stack publishes on 127.0.0.1:<nativePort>. */
function composeServiceOnNativePort(nativePort: number): { name: string; containerPort: number } {
  const hits = Object.keys(services).flatMap((name) =>
    published(name)
      .filter((p) => p.hostDefault === nativePort)
      .map((p) => ({ name, containerPort: p.containerPort })),
  );
  if (hits.length !== 1) throw new Error(`expected one compose service on host port ${nativePort}`);
  return hits[0]!;
}

function kafkaListeners(variable: 'KAFKA_LISTENERS' | 'KAFKA_ADVERTISED_LISTENERS'): Map<string, string> {
  const value = environment('kafka')[variable];
  if (!value) throw new Error(`kafka: ${variable} is not set`);
  return new Map(
    value.split(',').map((l) => {
      const m = /^([A-Z_]+):\/\/(.*)$/.exec(l.trim());
      if (!m) throw new Error(`kafka: bad listener "${l}" in ${variable}`);
      return [m[1]!, m[2]!];
    }),
  );
}

const portOf = (address: string): number => Number(address.slice(address.lastIndexOf(':') + 1));
const hostOf = (address: string): string => address.slice(0, address.indexOf(':'));

describe('docker-compose.yml', () => {
  describe('topology', () => {
    it('maps only native services to other names', () => {
      const native = SERVICES.map((s) => s.name);
      for (const from of Object.keys(COMPOSE_NAME)) expect(native).toContain(from);
      expect(composeName('ferretdb')).toBe('mongo');
    });

    it('has exactly the native services (ferretdb as mongo) and the runtime', () => {
      const expected = [...SERVICES.map((s) => composeName(s.name)), ...RUNTIME].sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(Object.keys(services).sort()).toEqual(expected);
    });

    it('documents that mongo stands in for the native ferretdb service', () => {
      const svcNode = composeDoc.get('services', true);
      if (!isMap(svcNode)) throw new Error('services is not a map');
      const pair = svcNode.items.find((p) => isScalar(p.key) && p.key.value === 'mongo');
      const comment = pair && isScalar(pair.key) ? (pair.key.commentBefore ?? '') : '';
      expect(comment).toMatch(/\bferretdb\b/);
    });
  });

  describe('published ports', () => {
    it('exempts only native ports that exist', () => {
      const variables = SERVICES.flatMap((s) => s.ports(ctx).map((p) => p.variable));
      for (const v of NOT_PUBLISHED) expect(variables).toContain(v);
    });

    it.each(SERVICES.map((s) => [s.name, s] as const))(
      '%s: same host ports and variables as the native service, on 127.0.0.1',
      (_, svc) => {
        const expected = svc
          .ports(ctx)
          .filter((p) => !NOT_PUBLISHED.has(p.variable))
          .map((p) => ({ variable: p.variable, hostDefault: p.port }));
        expect(expected.length).toBeGreaterThan(0);
        const actual = published(composeName(svc.name)).map(({ variable, hostDefault }) => ({
          variable,
          hostDefault,
        }));
        const byVar = (a: { variable: string }, b: { variable: string }) =>
          a.variable.localeCompare(b.variable);
        expect(actual.sort(byVar)).toEqual(expected.sort(byVar));
      },
    );

    it('kafka advertises the published host port to the host, through the variable', () => {
      const [pub] = published('kafka');
      if (!pub) throw new Error('kafka publishes no port');
      const listeners = kafkaListeners('KAFKA_LISTENERS');
      const advertised = kafkaListeners('KAFKA_ADVERTISED_LISTENERS');
      const external = [...advertised].find(([, addr]) => hostOf(addr) === '127.0.0.1');
      if (!external) throw new Error('kafka advertises no listener on 127.0.0.1');
      const [listenerName, address] = external;
      expect(address).toBe(`127.0.0.1:\${${pub.variable}:-${pub.hostDefault}}`);
      expect(portOf(listeners.get(listenerName) ?? '')).toBe(pub.containerPort);
    });

    it('the header lists the endpoints of .stack/endpoints.env', () => {
      const listed: Record<string, string> = {};
      for (const line of composeText.split('\n')) {
        const m = /^#\s+([A-Z_]+)=(\S+)\s*$/.exec(line);
        if (m && (ENDPOINT_KEYS as readonly string[]).includes(m[1]!)) listed[m[1]!] = m[2]!;
      }
      expect(listed).toEqual(stackEndpoints(ctx));
    });
  });

  describe('connect worker environment', () => {
    const formats = fs
      .readdirSync(path.join(CONNECTORS_DIR, 'formats'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.basename(f, '.json') as ConnectorFormat);
    const placeholders = envPlaceholders([
      ...loadConnectorDefinitions(CONNECTORS_DIR).map((d) => d.config),
      ...formats.map((f) => loadFormatOverlay(CONNECTORS_DIR, f)),
    ]);
    const native = connectWorkerEnv(ctx);
    const docker = environment('connect');

    it('reads the connectors and both format overlays', () => {
      expect(CONNECTORS_DIR).toBe(path.join(REPO_ROOT, 'connectors'));
      expect(formats.sort()).toEqual(['avro', 'json']);
      expect(placeholders).toEqual(expect.arrayContaining(['CDC_KAFKA_BOOTSTRAP', 'CDC_REGISTRY_URL']));
    });

    it('enables the env config provider', () => {
      expect(docker.CONNECT_CONFIG_PROVIDERS?.split(',').map((s) => s.trim())).toContain('env');
      expect(docker.CONNECT_CONFIG_PROVIDERS_ENV_CLASS).toBe(
        'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      );
    });

    it('defines every ${env:...} placeholder of connectors/ in compose and in the native worker', () => {
      expect(placeholders.filter((n) => !(n in docker))).toEqual([]);
      expect(placeholders.filter((n) => !(n in native))).toEqual([]);
    });

    it('defines every variable of the native worker', () => {
      expect(Object.keys(native).filter((n) => !(n in docker))).toEqual([]);
    });

    it('points each database at the container the native port belongs to', () => {
      const prefixes = Object.keys(native).flatMap((k) => /^(.+)_DB_HOST$/.exec(k)?.[1] ?? []);
      expect(prefixes.sort()).toEqual(['BILLING', 'CRM', 'OMS']);
      for (const p of prefixes) {
        const target = composeServiceOnNativePort(Number(native[`${p}_DB_PORT`]));
        expect({ p, host: docker[`${p}_DB_HOST`], port: docker[`${p}_DB_PORT`] }).toEqual({
          p,
          host: target.name,
          port: String(target.containerPort),
        });
        expect(docker[`${p}_CDC_USER`]).toBe(native[`${p}_CDC_USER`]);
        expect(docker[`${p}_CDC_PASSWORD`]).toBe(native[`${p}_CDC_PASSWORD`]);
      }
    });

    it('bootstraps from the kafka listener advertised to containers', () => {
      const target = composeServiceOnNativePort(portOf(native.CDC_KAFKA_BOOTSTRAP!));
      const advertised = [...kafkaListeners('KAFKA_ADVERTISED_LISTENERS').values()];
      const internal = advertised.filter((a) => hostOf(a) === target.name);
      expect(internal).toHaveLength(1);
      expect(docker.CDC_KAFKA_BOOTSTRAP).toBe(internal[0]);
      expect(docker.BOOTSTRAP_SERVERS).toBe(internal[0]);
    });

    it('reaches the registry API the native worker uses', () => {
      const nativeUrl = new URL(native.CDC_REGISTRY_URL!);
      const dockerUrl = new URL(docker.CDC_REGISTRY_URL ?? '');
      const target = composeServiceOnNativePort(Number(nativeUrl.port));
      expect(dockerUrl.hostname).toBe(target.name);
      expect(Number(dockerUrl.port)).toBe(target.containerPort);
      expect(dockerUrl.pathname).toBe(nativeUrl.pathname);
    });

    it('uses the native storage topics', () => {
      expect([docker.CONFIG_STORAGE_TOPIC, docker.OFFSET_STORAGE_TOPIC, docker.STATUS_STORAGE_TOPIC]).toEqual(
        ['_connect-configs', '_connect-offsets', '_connect-status'],
      );
    });
  });

  describe('initial data', () => {
    it('mounts only files that exist', () => {
      for (const [name, svc] of Object.entries(services)) {
        for (const v of svc.volumes ?? []) {
          const source = String(v).split(':')[0]!;
          if (!source.startsWith('.')) continue;
          expect({ name, source, exists: fs.existsSync(path.join(REPO_ROOT, source)) }).toEqual({
            name,
            source,
            exists: true,
          });
        }
      }
    });

    it('postgres: the init script sets up the native legacy databases and the registry database', () => {
      const volumes = (service('postgres').volumes ?? []).map(String);
      const initMount = volumes.find((v) => v.startsWith('./stack/compose/postgres-init.sh:'));
      expect(initMount?.split(':')[1]).toMatch(/^\/docker-entrypoint-initdb\.d\/[^/]+\.sh$/);
      const script = fs.readFileSync(path.join(REPO_ROOT, 'stack/compose/postgres-init.sh'), 'utf8');
      const cdcMount = volumes.find((v) => v.startsWith('./stack/sql/postgres-cdc.sql:'));
      expect(script).toContain(`-f ${cdcMount?.split(':')[1]}`);
      expect(script).toMatch(/CREATE PUBLICATION dbz_\$\{db\} FOR TABLE \$\{table\}/);
      for (const { db, table, ddl } of PG_LEGACY) {
        const mount = volumes.find((v) => v.startsWith(`./${ddl}:`));
        expect({ ddl, mounted: mount !== undefined }).toEqual({ ddl, mounted: true });
        expect(script).toContain(`load_legacy_db ${db} ${mount?.split(':')[1]} ${table}\n`);
      }
      expect(script).toContain(`CREATE DATABASE ${REGISTRY_DB}`);
      expect(environment('registry').APICURIO_DATASOURCE_URL).toBe(
        `jdbc:postgresql://postgres:5432/${REGISTRY_DB}`,
      );
      expect(environment('postgres')).toMatchObject({ POSTGRES_USER: 'admin', POSTGRES_PASSWORD: 'admin' });
    });

    it('mariadb: runs the native init SQL and crm schema at first start', () => {
      const targets = (service('mariadb').volumes ?? []).map(String).map((v) => v.split(':').slice(0, 2));
      for (const file of ['stack/sql/mariadb-init.sql', 'demo/legacy/crm.mariadb.sql']) {
        const hit = targets.find(([src]) => src === `./${file}`);
        expect({ file, target: hit?.[1] }).toEqual({
          file,
          target: expect.stringMatching(/^\/docker-entrypoint-initdb\.d\/[^/]+\.sql$/),
        });
      }
    });
  });

  describe('images', () => {
    const pom = fs.readFileSync(path.join(REPO_ROOT, 'stack/java/pom.xml'), 'utf8');
    const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];

    it('kafka: apache/kafka at kafka.version of stack/java/pom.xml', () => {
      expect(kafkaVersion).toMatch(/^\d+\.\d+\.\d+$/);
      expect(image('kafka')).toEqual({ repo: 'apache/kafka', tag: kafkaVersion });
    });

    it('connect: the Debezium image of the native Debezium version', () => {
      expect(image('connect')).toEqual({ repo: 'quay.io/debezium/connect', tag: VERSIONS.debezium });
    });

    it('registry: Apicurio Registry of the native version', () => {
      expect(image('registry')).toEqual({
        repo: 'apicurio/apicurio-registry',
        tag: VERSIONS.apicurioRegistry,
      });
    });

    it('postgres: the native major version', () => {
      const { repo, tag } = image('postgres');
      expect(repo).toBe('postgres');
      expect(tag.split(/[.-]/)[0]).toBe(VERSIONS.postgres);
    });

    it('mariadb: the native version line', () => {
      const { repo, tag } = image('mariadb');
      expect(repo).toBe('mariadb');
      expect(tag === VERSIONS.mariadb || tag.startsWith(`${VERSIONS.mariadb}.`)).toBe(true);
    });
  });

  describe('health and start order', () => {
    it.each(Object.keys(services))('%s has a healthcheck', (name) => {
      const hc = service(name).healthcheck;
      expect(hc?.disable).not.toBe(true);
      const test = hc?.test;
      const ok =
        (Array.isArray(test) && ['CMD', 'CMD-SHELL'].includes(String(test[0])) && test.length > 1) ||
        (typeof test === 'string' && test.trim() !== '');
      expect({ name, ok }).toEqual({ name, ok: true });
    });

    it('waits only for healthy services, never for one of a later native wave', () => {
      // The runtime starts after every native wave.
      const wave = new Map([
        ...SERVICE_WAVES.flatMap((w, i) => w.map((s) => [composeName(s.name), i] as const)),
        ...RUNTIME.map((name) => [name, SERVICE_WAVES.length] as const),
      ]);
      for (const name of Object.keys(services)) {
        for (const [dep, condition] of Object.entries(dependsOn(name))) {
          const notLater = (wave.get(dep) ?? Infinity) <= wave.get(name)!;
          expect({ name, dep, condition, notLater }).toEqual({
            name,
            dep,
            condition: 'service_healthy',
            notLater: true,
          });
        }
      }
    });

    it('connect waits for every service its environment addresses', () => {
      const env = environment('connect');
      const hosts = new Set<string>();
      for (const [k, v] of Object.entries(env)) {
        if (k.endsWith('_DB_HOST')) hosts.add(v);
      }
      hosts.add(hostOf(env.CDC_KAFKA_BOOTSTRAP ?? ''));
      hosts.add(new URL(env.CDC_REGISTRY_URL ?? '').hostname);
      expect([...hosts].sort()).toEqual(['kafka', 'mariadb', 'postgres', 'registry']);
      expect(Object.keys(dependsOn('connect'))).toEqual(expect.arrayContaining([...hosts]));
    });

    it('registry waits for the database it stores schemas in', () => {
      const url = environment('registry').APICURIO_DATASOURCE_URL ?? '';
      const host = /^jdbc:postgresql:\/\/([^:/]+)/.exec(url)?.[1];
      expect(host).toBe('postgres');
      expect(dependsOn('registry')).toHaveProperty(host!, 'service_healthy');
    });
  });
  describe('the runtime (processors, api)', () => {
    const endpointsOf = { processors: PROCESSORS_ENDPOINTS, api: API_ENDPOINTS } as const;
    const optionalOf = { processors: [] as readonly string[], api: API_OPTIONAL_ENDPOINTS } as const;
    const native = stackEndpoints(ctx);
    const durationS = (v: unknown) => {
      const m = /^(\d+)(s|m)$/.exec(String(v));
      if (!m) throw new Error(`not a duration in s or m: ${String(v)}`);
      return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
    };

    it.each(RUNTIME)(
      '%s: built from the Dockerfile, running the customer-view command of its name',
      (name) => {
        expect(service(name).build).toBe('.');
        expect(image(name).repo).toBe('customer-state-view');
        expect(service(name).command).toEqual([name]);
        expect({ processors: processorsCommand.name, api: apiCommand.name }[name]).toBe(name);
      },
    );

    it.each(RUNTIME)('%s: sets exactly the endpoints its command uses, and no legacy database', (name) => {
      const env = environment(name);
      const set = Object.keys(env).filter((k) => (ENDPOINT_KEYS as readonly string[]).includes(k));
      expect(set.sort()).toEqual([...endpointsOf[name], ...optionalOf[name]].sort());
    });

    it.each(RUNTIME)('%s: each endpoint is the compose service the native endpoint belongs to', (name) => {
      const env = environment(name);
      for (const key of [...endpointsOf[name], ...optionalOf[name]] as (keyof typeof native)[]) {
        if (key === 'KAFKA_BROKERS') {
          const internal = [...kafkaListeners('KAFKA_ADVERTISED_LISTENERS').values()].filter(
            (a) => hostOf(a) === 'kafka',
          );
          expect({ key, value: env[key] }).toEqual({ key, value: internal[0] });
          continue;
        }
        const nativeUrl = new URL(native[key]!);
        const dockerUrl = new URL(env[key] ?? '');
        const target = composeServiceOnNativePort(Number(nativeUrl.port));
        expect({ key, host: dockerUrl.hostname, port: Number(dockerUrl.port) }).toEqual({
          key,
          host: target.name,
          port: target.containerPort,
        });
        expect({ key, path: dockerUrl.pathname + dockerUrl.search }).toEqual({
          key,
          path: nativeUrl.pathname + nativeUrl.search,
        });
        expect(Object.keys(dependsOn(name))).toContain(target.name);
      }
    });

    it('the processors and the API parse their environment, and the API has auth beyond loopback', () => {
      const processors = parseProcessorConfig(environment('processors'));
      expect(processors.PROCESSOR_HTTP_HOST).toBe('0.0.0.0');
      const api = parseGraphqlConfig(environment('api'));
      expect(api.GRAPHQL_HOST).toBe('0.0.0.0');
    });

    it('the API publishes its port like the native default, on 127.0.0.1', () => {
      const config = parseGraphqlConfig({});
      expect(published('api')).toEqual([
        { variable: 'GRAPHQL_PORT', hostDefault: config.GRAPHQL_PORT, containerPort: config.GRAPHQL_PORT },
      ]);
      expect(environment('api').GRAPHQL_PORT).toBe(String(config.GRAPHQL_PORT));
    });

    it.each([
      ['processors', () => parseProcessorConfig(environment('processors')).PROCESSOR_HTTP_PORT],
      ['api', () => parseGraphqlConfig(environment('api')).GRAPHQL_PORT],
    ] as const)('%s: the healthcheck asks /readyz on the port it listens on', (name, port) => {
      const test = (service(name).healthcheck?.test ?? []) as string[];
      expect(test.join(' ')).toContain(`http://127.0.0.1:${port()}/readyz`);
    });

    it.each(RUNTIME)('%s: SIGKILL comes only after the shutdown deadline', (name) => {
      const deadlineMs = parseShutdownConfig(environment(name)).SHUTDOWN_TIMEOUT_MS;
      expect(durationS(service(name).stop_grace_period) * 1000).toBeGreaterThan(deadlineMs);
    });
  });

  describe('Dockerfile', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));
    const stages = lines.reduce<string[][]>((acc, l) => {
      if (/^FROM\s/i.test(l)) acc.push([]);
      acc[acc.length - 1]?.push(l);
      return acc;
    }, []);
    const runtime = stages[stages.length - 1] ?? [];
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };

    it('is multi-stage on Node 22: compiles with npm run build, installs with npm ci --omit=dev', () => {
      expect(stages.length).toBeGreaterThanOrEqual(2);
      expect(text).toMatch(/^ARG NODE_IMAGE=node:22[-.\w]*$/m);
      expect(stages.every((s) => /^FROM \$\{NODE_IMAGE\}/.test(s[0] ?? ''))).toBe(true);
      expect(lines.some((l) => /^RUN npm run build\b/.test(l))).toBe(true);
      expect(lines.some((l) => /^RUN npm ci --omit=dev\b/.test(l))).toBe(true);
    });

    it('runs as a non-root user, compiled JavaScript through the bin, without tsx', () => {
      const user = runtime.filter((l) => /^USER\s/.test(l)).pop();
      expect(user).toBeDefined();
      expect(user).not.toMatch(/^USER\s+(root|0)(:|\s|$)/);
      expect(runtime.join('\n')).toContain(`ENTRYPOINT ["node", "${pkg.bin['customer-view']}"]`);
      expect(runtime.some((l) => l.includes('COPY --from=build /app/dist'))).toBe(true);
      expect(runtime.join('\n')).not.toMatch(/tsx|COPY (\.\/)?src\b/);
      expect(pkg.dependencies).not.toHaveProperty('tsx');
      expect(pkg.devDependencies).toHaveProperty('tsx');
    });

    it('copies every file the runtime reads by default', () => {
      const copied = runtime.flatMap((l) => /^COPY (?!--from)(\S+)/.exec(l)?.[1] ?? []);
      const defaults = [
        parseProcessorConfig({}).CODE_MAPS_FILE,
        parseGraphqlConfig({}).GRAPHQL_PERSISTED_OPERATIONS_DIR,
        path.join(REPO_ROOT, 'schemas', 'customer-state.v1.avsc'),
      ].map((f) => path.relative(REPO_ROOT, f));
      for (const f of defaults)
        expect({ f, copied: copied.some((c) => f === c || f.startsWith(`${c}/`)) }).toEqual({
          f,
          copied: true,
        });
    });
  });
});
