/**
 * `dlq replay`: produces the original messages of the matching letters back onto their source topics
 * and partitions, so the processors handle them again after a fix (a code added to the code maps, a
 * bug fixed). Safe to repeat: the processors' writes are guarded by the source position inside the
 * value, so a message already applied changes nothing; within one run each original goes once.
 */
import { matches } from '../../../dlq/dead-letter';
import { planReplay } from '../../../dlq/replay-plan';
import { createProducer } from '../../../kafka/kafka-client';
import { withDeadline } from '../../../shared/deadline';
import { AppError, classify } from '../../../shared/errors';
import { EXIT, type ExitCode } from '../../command';
import type { DlqContext } from './context';

/** Messages per produce request. */
const CHUNK = 500;

export async function replay(ctx: DlqContext): Promise<ExitCode> {
  const letters = (await ctx.readLetters()).filter((l) => matches(l, ctx.args));
  const plan = planReplay(letters, ctx.topic, new Date());
  const byTopic = new Map<string, number>();
  for (const m of plan.messages) byTopic.set(m.topic, (byTopic.get(m.topic) ?? 0) + 1);
  const summary = {
    topic: ctx.topic,
    dryRun: ctx.args.dryRun,
    matched: letters.length,
    replayed: ctx.args.dryRun ? 0 : plan.messages.length,
    duplicates: plan.duplicates,
    unplaceable: plan.unplaceable,
    messages: plan.messages.map((m) => ({ letter: m.letter, original: m.original })),
  };
  if (!ctx.args.dryRun && plan.messages.length) {
    const producer = createProducer({
      brokers: ctx.config.KAFKA_BROKERS,
      clientId: 'csv-cli-dlq-replay',
      retries: 3,
    });
    const deadline = () =>
      new AppError('kafka-unavailable', `produce to Kafka not done within ${ctx.config.DLQ_TIMEOUT_MS} ms`, {
        retriable: true,
        hint: 'replay again: messages already replayed change nothing',
      });
    try {
      await withDeadline(producer.connect(), ctx.config.DLQ_TIMEOUT_MS, deadline);
      const started = Date.now();
      for (let i = 0; i < plan.messages.length; i += CHUNK) {
        const chunk = plan.messages.slice(i, i + CHUNK);
        await withDeadline(
          producer.sendBatch({
            acks: -1,
            topicMessages: [...new Set(chunk.map((m) => m.topic))].map((topic) => ({
              topic,
              messages: chunk
                .filter((m) => m.topic === topic)
                .map(({ partition, key, value, headers }) => ({ partition, key, value, headers })),
            })),
          }),
          ctx.config.DLQ_TIMEOUT_MS,
          deadline,
        );
        const done = Math.min(i + CHUNK, plan.messages.length);
        if (!ctx.args.json && plan.messages.length > CHUNK) {
          const eta = ((Date.now() - started) / done) * (plan.messages.length - done);
          ctx.io.stderr(`replayed ${done}/${plan.messages.length}, ETA ${(eta / 1000).toFixed(0)}s\n`);
        }
      }
    } catch (e) {
      throw classify(e);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }
  ctx.out(summary, () => [
    `${ctx.args.dryRun ? 'would replay' : 'replayed'} ${plan.messages.length} of ${letters.length} dead letter${
      letters.length === 1 ? '' : 's'
    } from ${ctx.topic}${[...byTopic].map(([t, n]) => `\n  ${n} onto ${t}`).join('')}`,
    ...(plan.duplicates.length
      ? [`  ${plan.duplicates.length} skipped: same original as another letter`]
      : []),
    ...(plan.unplaceable.length
      ? [`  ${plan.unplaceable.length} skipped: no original coordinates (${plan.unplaceable.join(', ')})`]
      : []),
    ...(ctx.args.dryRun ? ['dry run: nothing produced'] : []),
  ]);
  return EXIT.ok;
}
