/** Every scenario, in the order of a run (most valuable first). */
import type { Scenario } from '../scenario';
import { duplicates } from './duplicates';
import { poison } from './poison';
import {
  connectRestart,
  ferretdbStop,
  kafkaRestart,
  mariadbRestart,
  postgresRestart,
} from './service-outage';
import { sigkill } from './sigkill';

export const SCENARIOS: Scenario[] = [
  sigkill,
  ferretdbStop,
  connectRestart,
  kafkaRestart,
  poison,
  duplicates,
  postgresRestart,
  mariadbRestart,
];
