import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyEdits,
  FERRETDB_PATCHES,
  ferretdbBuildPrint,
  type SourcePatch,
} from '../../../tools/stack/ferretdb-build';

/** The shape of the per-statement loop the patch edits (our own text, not FerretDB's file). */
const LOOP = [
  '\tfor _, u := range params.Updates {',
  '\t\tcloser := iterator.NewMultiCloser()',
  '\t\tdefer closer.Close()',
  '',
  '\t\tcloser.Add(res.Iter)',
  '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)',
  '\t\tif err != nil {',
  '\t\t\treturn 0, 0, nil, lazyerrors.Error(err)',
  '\t\t}',
  '\t}',
  '',
].join('\n');

const [patch] = FERRETDB_PATCHES as [SourcePatch];

describe('the FerretDB patch', () => {
  it('closes each statement cursor right after the statement, before its error check', () => {
    const out = applyEdits(LOOP, patch.file, patch.edits);
    expect(out).not.toContain('defer closer.Close()');
    const lines = out.split('\n');
    const update = lines.findIndex((l) => l.includes('common.UpdateDocument('));
    expect(lines[update + 1]).toMatch(/^\t\tcloser\.Close\(\)/);
    expect(lines[update + 2]).toBe('\t\tif err != nil {');
    expect(out.match(/closer\.Close\(\)/g)).toHaveLength(1);
  });

  it('patches msg_update.go only, and is a small edit', () => {
    expect(FERRETDB_PATCHES.map((p) => p.file)).toEqual(['internal/handler/msg_update.go']);
    expect(patch.edits).toHaveLength(2);
  });

  it('fails when an anchor is missing, naming the file and the anchor', () => {
    const changed = LOOP.replace('\t\tdefer closer.Close()\n', '');
    expect(() => applyEdits(changed, patch.file, patch.edits)).toThrow(
      /msg_update\.go: expected the anchor .*defer closer\.Close\(\).* exactly once, found it 0 times/,
    );
  });

  it('fails when an anchor occurs more than once, and changes nothing', () => {
    const twice = LOOP + LOOP;
    expect(() => applyEdits(twice, patch.file, patch.edits)).toThrow(/found it 2 times/);
  });

  it('replaces literally (no $ patterns in the replacement are interpreted)', () => {
    expect(applyEdits('a X b', 'f', [{ find: 'X', replace: "$& $' $1" }])).toBe("a $& $' $1 b");
  });
});

describe('ferretdbBuildPrint', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ferretdb-print-'));
    for (const f of ['main.go', 'go.mod', 'go.sum']) fs.writeFileSync(path.join(dir, f), `${f}\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is stable for the same inputs', () => {
    expect(ferretdbBuildPrint(dir)).toBe(ferretdbBuildPrint(dir));
    expect(ferretdbBuildPrint(dir)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with the patch, so an existing .stack rebuilds', () => {
    const other: SourcePatch[] = [{ ...patch, edits: [{ find: 'a', replace: 'b' }] }];
    expect(ferretdbBuildPrint(dir, other)).not.toBe(ferretdbBuildPrint(dir));
    expect(ferretdbBuildPrint(dir, [])).not.toBe(ferretdbBuildPrint(dir));
  });

  it('changes with our embedding (go.sum)', () => {
    const before = ferretdbBuildPrint(dir);
    fs.appendFileSync(path.join(dir, 'go.sum'), 'more\n');
    expect(ferretdbBuildPrint(dir)).not.toBe(before);
  });

  it('covers the repository embedding by default', () => {
    expect(ferretdbBuildPrint()).toMatch(/^[0-9a-f]{16}$/);
  });
});
