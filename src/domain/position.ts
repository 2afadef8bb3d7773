/**
 * Source positions, made comparable as plain strings so that a MongoDB filter (`$lt`) can guard a
 * write: a fact applies only if its position is newer than the stored one.
 *
 * - PostgreSQL: `source.sequence` = [last commit LSN, this event's LSN], compared numerically.
 * - MariaDB: binlog file name (zero-padded numeric suffix), position, and row within the event.
 * - Any snapshot read sorts before every streamed change of the same row (phase 0 < phase 1).
 */
export type SourcePosition =
  | { kind: 'postgres'; snapshot: boolean; commitLsn: bigint; lsn: bigint; txId: number | null; key: string }
  | {
      kind: 'mariadb';
      snapshot: boolean;
      file: string;
      pos: bigint;
      row: number;
      gtid: string | null;
      key: string;
    };

const pad = (n: bigint | number, width = 20) => n.toString().padStart(width, '0');

export function postgresPosition(
  snapshot: boolean,
  commitLsn: bigint,
  lsn: bigint,
  txId: number | null,
): SourcePosition {
  return {
    kind: 'postgres',
    snapshot,
    commitLsn,
    lsn,
    txId,
    key: `pg|${snapshot ? 0 : 1}|${pad(commitLsn)}|${pad(lsn)}`,
  };
}

export function mariadbPosition(
  snapshot: boolean,
  file: string,
  pos: bigint,
  row: number,
  gtid: string | null,
): SourcePosition {
  // Binlog names are <base>.<6-digit sequence>; pad the sequence anyway in case it outgrows 6 digits.
  const m = /^(.*)\.(\d+)$/.exec(file);
  const sortableFile = m ? `${m[1]}.${pad(BigInt(m[2] as string), 12)}` : file;
  return {
    kind: 'mariadb',
    snapshot,
    file,
    pos,
    row,
    gtid,
    key: `my|${snapshot ? 0 : 1}|${sortableFile}|${pad(pos)}|${pad(row, 8)}`,
  };
}

/** Negative if `a` is older than `b`, 0 if the same position (a redelivery), positive if newer. */
export function comparePositions(a: SourcePosition, b: SourcePosition): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
