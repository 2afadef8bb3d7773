/**
 * Every command of `customer-view`, in the order `--help` lists them. One file (or folder) per
 * command under this folder; add a command here and nowhere else.
 */
import type { CliCommand } from '../command';
import { apiCommand } from './api';
import { backfillCommand } from './backfill';
import { processorsCommand } from './processors';
import { reconcileCommand } from './reconcile';
import { remapCommand } from './remap';
import { connectorsCommand } from './connectors';
import { dlqCommand } from './dlq';

export const commands: CliCommand[] = [
  processorsCommand,
  apiCommand,
  remapCommand,
  reconcileCommand,
  backfillCommand,
  connectorsCommand,
  dlqCommand,
];
