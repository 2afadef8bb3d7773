/**
 * A walk over an operation's selections with fragments inlined, shared by the limit rules. Cycles
 * are cut (graphql-js reports them with its own rule) and introspection is not counted: it is
 * switched off in production and GraphiQL's own query is deep by nature.
 */
import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface Visit {
  field: FieldNode;
  depth: number;
  /** Product of the page sizes of the enclosing connections. */
  multiplier: number;
}

export function walkOperation(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visit: (v: Visit) => number,
): void {
  const walk = (set: SelectionSetNode, depth: number, multiplier: number, seen: ReadonlySet<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const childMultiplier = visit({ field: sel, depth: depth + 1, multiplier });
        if (sel.selectionSet) walk(sel.selectionSet, depth + 1, childMultiplier, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, depth, multiplier, seen);
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        if (frag && !seen.has(name)) walk(frag.selectionSet, depth, multiplier, new Set([...seen, name]));
      }
    }
  };
  walk(operation.selectionSet, 0, 1, new Set());
}

export function fragmentsOf(definitions: readonly { kind: Kind }[]): Map<string, FragmentDefinitionNode> {
  const out = new Map<string, FragmentDefinitionNode>();
  for (const d of definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      const f = d as FragmentDefinitionNode;
      out.set(f.name.value, f);
    }
  return out;
}
