/**
 * Estimated cost of an operation: one per field, times the page sizes of the connections around
 * it. Computed at execution because page sizes usually come from variables.
 */
import { Kind, type DocumentNode, type FieldNode, type ValueNode } from 'graphql';
import { fragmentsOf, walkOperation } from './walk';

/** Connection fields and their default page size (the resolvers' default `first`). */
export const CONNECTION_FIELDS: Readonly<Record<string, number>> = { customers: 20, orders: 20 };
export const DEFAULT_PAGE = 20;

function intArg(field: FieldNode, name: string, variables: Record<string, unknown>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

function listArgLength(field: FieldNode, name: string, variables: Record<string, unknown>): number {
  const value = field.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.LIST) return value.values.length;
  if (value?.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return Array.isArray(v) ? v.length : 1;
  }
  return 1;
}

export function operationCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): number {
  const fragments = fragmentsOf(document.definitions);
  let cost = 0;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && def.name?.value !== operationName) continue;
    walkOperation(def, fragments, ({ field, multiplier }) => {
      cost += multiplier;
      // nodes(ids) returns one object per id: what is selected under it costs that many times.
      if (field.name.value === 'nodes')
        return multiplier * Math.max(1, listArgLength(field, 'ids', variables));
      const fallback = CONNECTION_FIELDS[field.name.value];
      if (fallback === undefined) return multiplier;
      const first = intArg(field, 'first', variables) ?? intArg(field, 'last', variables) ?? fallback;
      // A page of 0 still costs its own fields once.
      return multiplier * Math.max(1, first);
    });
  }
  return cost;
}
