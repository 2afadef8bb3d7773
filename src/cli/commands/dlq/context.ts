/** What the `dlq` subcommands share: config, the topic, and reading every letter once. */
import { loadDlqConfig, type DlqConfig } from '../../../config/operator-config';
import { parseDeadLetter, type DeadLetterView } from '../../../dlq/dead-letter';
import { readTopicToEnd } from '../../../kafka/kafka-client';
import { AppError, classify } from '../../../shared/errors';
import type { CliIo } from '../../command';
import type { DlqArgs } from './args';

export interface DlqContext {
  args: DlqArgs;
  config: DlqConfig;
  topic: string;
  io: CliIo;
  /** Every letter in the topic, oldest first per partition, read to the topic's current end. */
  readLetters(): Promise<DeadLetterView[]>;
  out(value: unknown, lines: () => string[]): void;
}

export function createDlqContext(args: DlqArgs, io: CliIo): DlqContext {
  const config = loadDlqConfig();
  const topic = args.topic ?? config.DLQ_TOPIC;
  return {
    args,
    config,
    topic,
    io,
    async readLetters() {
      try {
        const records = await readTopicToEnd({
          brokers: config.KAFKA_BROKERS,
          clientId: 'csv-cli-dlq',
          topic,
          timeoutMs: config.DLQ_TIMEOUT_MS,
          retries: 2,
          onTimeout: () =>
            new AppError(
              'kafka-unavailable',
              `${topic} not read to its end within ${config.DLQ_TIMEOUT_MS} ms`,
              {
                retriable: true,
                hint: 'raise DLQ_TIMEOUT_MS for a large dead-letter topic, or check KAFKA_BROKERS',
              },
            ),
        });
        if (records === null)
          throw new AppError('kafka-failed', `no topic ${topic}`, {
            hint: 'the processors create it at start; check DLQ_TOPIC or --topic',
          });
        return records.map(parseDeadLetter);
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw classify(e);
      }
    },
    out(value, lines) {
      if (args.json) io.stdout(`${JSON.stringify(value, null, 2)}\n`);
      else io.stdout(`${lines().join('\n')}\n`);
    },
  };
}
