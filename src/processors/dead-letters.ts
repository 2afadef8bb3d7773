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
/**
 * Largest original value a dead letter carries, under the broker's default `message.max.bytes` (1 MB)
 * with room for key and headers. A bigger value (a 5 MB poison) could never be produced onto the
 * dead-letter topic, and the batch would fail on it for ever: the letter goes without it, saying
 * how big it was; the original stays at its coordinates in the source topic.
 */
export const DLQ_MAX_VALUE_BYTES = 768 * 1024;

export function deadLetterRecord({ message, reason, detail }: DeadLetter) {
  const omit = message.value !== null && message.value.length > DLQ_MAX_VALUE_BYTES;
  return {
    key: message.key,
    value: omit ? null : message.value,
    headers: {
      ...message.headers,
      ...(omit && { 'csv.value.omitted': String(message.value?.length) }),
      'csv.original.topic': message.topic,
      'csv.original.partition': String(message.partition),
      'csv.original.offset': message.offset,
      'csv.reason': reason,
      'csv.error': detail.slice(0, 2000),
      'csv.failed.at': new Date().toISOString(),
    },
  };
}
