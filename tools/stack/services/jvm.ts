import path from 'node:path';
import type { StackContext } from '../service';

/** Small heaps and a quick-starting JIT: five JVMs share two cores in the demo stack. */
export function javaOpts(heap: string, ctx: StackContext): string[] {
  return [
    `-Xmx${heap}`,
    '-Xms64m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(ctx.paths.conf, 'log4j2.properties')}`,
  ];
}

export const LOG4J2_PROPERTIES = `# Written by stack:up: one line per event, on stdout (the service log).
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c{1})%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
logger.reflections.name = org.reflections
logger.reflections.level = ERROR
`;
