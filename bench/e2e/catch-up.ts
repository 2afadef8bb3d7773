/**
 * Has the view caught up? Cheap first: every expected Debezium message is on its topic and the
 * processors' group has committed past the end of every partition (two admin requests per topic).
 * Only then the expensive check: the whole view equals the SQL oracle of the legacy copies.
 */
import type { Db } from 'mongodb';
import type { Admin } from '../../src/kafka/kafka-client';
import type { Sql } from '../../harness/legacy/legacy-db';
import { oracleView, viewAsOracle, type OracleCustomer } from '../../harness/legacy/oracle';

/** True when each topic holds at least its expected messages and `groupId` committed all of them. */
export async function consumedAll(
  admin: Admin,
  groupId: string,
  expected: Record<string, number>,
): Promise<boolean> {
  for (const [topic, want] of Object.entries(expected)) {
    const ends = await admin.fetchTopicOffsets(topic);
    const total = ends.reduce((s, p) => s + Number(p.high) - Number(p.low), 0);
    if (total < want) return false;
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const end of ends) {
      if (Number(end.high) === 0) continue;
      const c = committed?.partitions.find((p) => p.partition === end.partition);
      if (!c || Number(c.offset) < Number(end.high)) return false;
    }
  }
  return true;
}

export interface ViewDiff {
  expected: number;
  actual: number;
  mismatches: number;
  examples: string[];
}

/** Customers that differ between two views (missing on either side or with other fields). */
export function diffViews(
  expected: Record<string, OracleCustomer>,
  actual: Record<string, OracleCustomer>,
): ViewDiff {
  const examples: string[] = [];
  let mismatches = 0;
  for (const id of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = JSON.stringify(expected[id] ?? null);
    const a = JSON.stringify(actual[id] ?? null);
    if (e === a) continue;
    mismatches += 1;
    if (examples.length < 3) examples.push(`${id}: expected ${e}, view ${a}`);
  }
  return { expected: Object.keys(expected).length, actual: Object.keys(actual).length, mismatches, examples };
}

export async function compareWithOracle(
  sql: Sql,
  dbs: { crm: string; billing: string; oms: string },
  db: Db,
): Promise<ViewDiff> {
  const [expected, actual] = await Promise.all([oracleView(sql, dbs), viewAsOracle(db)]);
  return diffViews(expected, actual);
}
