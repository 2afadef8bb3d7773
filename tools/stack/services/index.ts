import { connect } from './connect';
import { ferretdb } from './ferretdb';
import { kafka } from './kafka';
import { mariadb } from './mariadb';
import { postgres } from './postgres';
import { registry } from './registry';
import type { ServiceDef } from '../service';

/**
 * Start order in waves: services in one wave start together; a wave starts once the previous one is
 * ready (the registry and FerretDB store their data in PostgreSQL; Connect's connectors need the databases set up).
 */
export const SERVICE_WAVES: ServiceDef[][] = [
  [postgres, mariadb, kafka],
  [registry, connect, ferretdb],
];
export const SERVICES: ServiceDef[] = SERVICE_WAVES.flat();
