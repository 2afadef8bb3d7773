/**
 * The connectors as they should run in one environment: each committed definition, the converter
 * overlay of the format, then the environment overlay. The same composition `stack:up` uses, so the
 * local stack without `--env` is what `customer-view connectors diff` compares against.
 */
import { AppError } from '../shared/errors';
import {
  composeConnector,
  loadConnectorDefinitions,
  loadFormatOverlay,
  type ConnectorDefinition,
  type ConnectorFormat,
} from './connector-configs';
import { applyOverlay, loadEnvironmentOverlay, type EnvironmentOverlay } from './environment-overlay';

export interface DesiredConnectors {
  format: ConnectorFormat;
  /** The environment overlay's name, if one was chosen. */
  env?: string;
  overlay?: EnvironmentOverlay;
  /** In the order of the files (the order `apply` rolls them out in). */
  connectors: ConnectorDefinition[];
  /** Every committed connector's name, before filtering by `names`. */
  allNames: string[];
}

export interface DesiredOptions {
  /** Folder of the committed definitions. */
  dir: string;
  /** Environment overlay name (`<dir>/env/<env>.json`). Default: none. */
  env?: string | undefined;
  /** Converter format; default: the overlay's `format`, then `defaultFormat`. */
  format?: ConnectorFormat | undefined;
  /** Format when neither the flag nor the overlay names one (CONNECTOR_FORMAT). */
  defaultFormat: ConnectorFormat;
  /** Only these connectors (default: all). Unknown names are an error. */
  names?: string[];
}

export function loadDesiredConnectors(opts: DesiredOptions): DesiredConnectors {
  let defs: ConnectorDefinition[];
  try {
    defs = loadConnectorDefinitions(opts.dir);
  } catch (e) {
    throw new AppError('connector-config-invalid', (e as Error).message, { cause: e });
  }
  const overlay = opts.env ? loadEnvironmentOverlay(opts.dir, opts.env) : undefined;
  const format = opts.format ?? overlay?.format ?? opts.defaultFormat;
  const converters = loadFormatOverlay(opts.dir, format);
  const allNames = defs.map((d) => d.name);
  const wanted = opts.names?.length ? opts.names : allNames;
  const unknown = wanted.filter((n) => !allNames.includes(n));
  if (unknown.length)
    throw new AppError('connector-config-invalid', `not a committed connector: ${unknown.join(', ')}`, {
      hint: `committed in ${opts.dir}: ${allNames.join(', ')}`,
    });
  const connectors = defs
    .filter((d) => wanted.includes(d.name))
    .map((d) => {
      const composed = composeConnector(d, converters);
      return { name: composed.name, config: applyOverlay(d.name, composed.config, overlay) };
    });
  return {
    format,
    ...(opts.env !== undefined && { env: opts.env }),
    ...(overlay !== undefined && { overlay }),
    connectors,
    allNames,
  };
}
