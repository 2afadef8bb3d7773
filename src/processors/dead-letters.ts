/** A dead-letter record: the original message, where it came from, and why it was set aside. */
import type { RawMessage } from './decode/change-event';

export interface DeadLetter {
  message: RawMessage;
  reason: string;
  detail: string;
}

/** Kafka record of a dead letter: original key and value untouched, coordinates and reason as headers. */
export function deadLetterRecord({ message, reason, detail }: DeadLetter) {
  return {
    key: message.key,
    value: message.value,
    headers: {
      'csv.original.topic': message.topic,
      'csv.original.partition': String(message.partition),
      'csv.original.offset': message.offset,
      'csv.reason': reason,
      'csv.error': detail.slice(0, 2000),
      'csv.failed.at': new Date().toISOString(),
    },
  };
}
