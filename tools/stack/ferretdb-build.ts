import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config/stack-config';
import { runCheckedAsync } from './process-control';

/** Our embedding of FerretDB (main.go, go.mod, go.sum). */
export const FERRETDB_SRC = path.join(REPO_ROOT, 'stack/ferretdb');
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** One exact-text replacement; `find` must occur exactly once in the file. */
export interface SourceEdit {
  find: string;
  replace: string;
}

/** Edits of one file of the FerretDB module, relative to the module root. */
export interface SourcePatch {
  file: string;
  edits: SourceEdit[];
}

/**
 * The one fix our FerretDB 1.24.2 carries. In `updateDocument` every statement's query cursor is
 * closed by a `defer` inside the per-statement loop, so it runs only when the whole `update` command
 * returns. A `multi: false` statement that matched stops reading after one row and keeps its pgx
 * cursor, hence a pooled PostgreSQL connection, until then: one `bulkWrite` with more matching
 * `updateOne`/`replaceOne` than `pool_max_conns` waits forever for a connection and hangs the whole
 * server, `ping` included (measured in docs/ferretdb.md). Closing the cursor as soon as the statement
 * is done makes a command hold at most two connections at a time, however many statements it has.
 * FerretDB 2.x (which rewrote this) needs PostgreSQL with DocumentDB and is not on the Go proxy here.
 */
export const FERRETDB_PATCHES: readonly SourcePatch[] = [
  {
    file: 'internal/handler/msg_update.go',
    edits: [
      {
        find: '\t\tcloser := iterator.NewMultiCloser()\n\t\tdefer closer.Close()\n',
        replace: '\t\tcloser := iterator.NewMultiCloser()\n',
      },
      {
        find: '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n',
        replace:
          '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n' +
          '\t\tcloser.Close() // customer-state-view: release the cursor now, not when the command ends\n',
      },
    ],
  },
];

/** Applies `edits` to `source`; every anchor must occur exactly once, or the pinned source changed. */
export function applyEdits(source: string, file: string, edits: readonly SourceEdit[]): string {
  for (const { find } of edits) {
    const count = source.split(find).length - 1;
    if (count !== 1) {
      throw new Error(
        `FerretDB patch of ${file}: expected the anchor ${JSON.stringify(find)} exactly once, found it ` +
          `${count} times. The FerretDB source is not the one the patch was written for: check the ` +
          `version in stack/ferretdb/go.mod against FERRETDB_PATCHES in tools/stack/ferretdb-build.ts.`,
      );
    }
  }
  return edits.reduce((text, { find, replace }) => text.replace(find, () => replace), source);
}

/**
 * Fingerprint of the build's inputs: our embedding's files and the patch, so a changed patch rebuilds
 * an existing `.stack`.
 */
export function ferretdbBuildPrint(
  src: string = FERRETDB_SRC,
  patches: readonly SourcePatch[] = FERRETDB_PATCHES,
): string {
  const hash = crypto.createHash('sha256');
  for (const f of ['main.go', 'go.mod', 'go.sum']) hash.update(fs.readFileSync(path.join(src, f)));
  hash.update(JSON.stringify(patches));
  return hash.digest('hex').slice(0, 16);
}

/** Copies a directory tree with writable files (the Go module cache keeps its files read-only). */
function copyWritable(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyWritable(a, b);
    else if (entry.isFile()) {
      fs.copyFileSync(a, b);
      fs.chmodSync(b, 0o644);
    }
  }
}

/**
 * Builds our embedding against a patched copy of the FerretDB module, into `out/ferretdb`.
 *
 * The copy is the module as `go mod download` verified it against our go.sum, taken from the Go
 * module cache, and a `replace` directive points the build at it. Go refuses `-overlay` on files in
 * the module cache, and `go mod vendor` would need four modules our build never downloads (it
 * vendors for every build tag: the HANA driver, modernc's gc and two more), so it would not work
 * offline from the cache a previous build filled. A module replace needs exactly the modules the
 * plain build needs. `patches` other than ours only for probes (bench/ferretdb-wedge.ts builds FerretDB
 * as released, with none).
 */
export async function buildFerretDb(
  go: string,
  out: string,
  patches: readonly SourcePatch[] = FERRETDB_PATCHES,
): Promise<string> {
  const work = path.join(out, 'src');
  fs.mkdirSync(work, { recursive: true });
  const downloaded = await runCheckedAsync(go, ['mod', 'download', '-json', FERRETDB_MODULE], {
    cwd: FERRETDB_SRC,
    what: `go mod download ${FERRETDB_MODULE}`,
  });
  // `go: downloading ...` lines on stderr may precede the JSON.
  const json = downloaded.slice(downloaded.indexOf('{'), downloaded.lastIndexOf('}') + 1);
  const moduleDir = (JSON.parse(json) as { Dir?: string }).Dir;
  if (!moduleDir || !fs.existsSync(moduleDir)) {
    throw new Error(`go mod download ${FERRETDB_MODULE} did not report the module's folder:\n${downloaded}`);
  }
  for (const f of ['main.go', 'go.mod', 'go.sum'])
    fs.copyFileSync(path.join(FERRETDB_SRC, f), path.join(work, f));
  copyWritable(moduleDir, path.join(work, 'upstream'));
  for (const { file, edits } of patches) {
    const target = path.join(work, 'upstream', file);
    fs.writeFileSync(target, applyEdits(fs.readFileSync(target, 'utf8'), file, edits));
  }
  await runCheckedAsync(go, ['mod', 'edit', `-replace=${FERRETDB_MODULE}=./upstream`], {
    cwd: work,
    what: 'go mod edit -replace',
  });
  const binary = path.join(out, 'ferretdb');
  await runCheckedAsync(go, ['build', '-trimpath', '-o', binary, '.'], {
    cwd: work,
    what: 'go build FerretDB',
  });
  fs.rmSync(work, { recursive: true, force: true });
  return binary;
}
