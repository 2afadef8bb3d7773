/** A dead-letter record: the original message, where it came from, and why it was set aside. */
import type { RawMessage } from './decode/change-event';

export interface DeadLetter {
  message: RawMessage;
  reason: string;
  detail: string;
}

/**
 * Kafka record of a dead letter: original key, value and headers untouched, coordinates and reason as
 * `csv.*` headers (which win over an original header of the same name), so `dlq replay` can send the
 * message back as it was.
 */
export function deadLetterRecord({ message, reason, detail }: DeadLetter) {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      'csv.original.topic': message.topic,
      'csv.original.partition': String(message.partition),
      'csv.original.offset': message.offset,
      'csv.reason': reason,
      'csv.error': detail.slice(0, 2000),
      'csv.failed.at': new Date().toISOString(),
    },
  };
}
