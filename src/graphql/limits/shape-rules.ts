/**
 * Validation rules against abusive shapes: too deep, too many aliases. They need no variables, so
 * they run with validation and the operation never executes.
 */
import { Kind, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { clientError } from '../errors';
import { fragmentsOf, walkOperation } from './walk';

function perOperation(
  check: (op: OperationDefinitionNode, fragments: ReturnType<typeof fragmentsOf>) => string | null,
) {
  return ((context) => {
    const doc = context.getDocument();
    const fragments = fragmentsOf(doc.definitions);
    for (const def of doc.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const problem = check(def, fragments);
      if (problem) context.reportError(clientError('QUERY_TOO_COMPLEX', problem));
    }
    return {};
  }) as ValidationRule;
}

export function maxDepthRule(maxDepth: number): ValidationRule {
  return perOperation((op, fragments) => {
    let deepest = 0;
    walkOperation(op, fragments, ({ depth }) => {
      deepest = Math.max(deepest, depth);
      return 1;
    });
    return deepest > maxDepth ? `query depth ${deepest} exceeds the limit of ${maxDepth}` : null;
  });
}

export function maxAliasesRule(maxAliases: number): ValidationRule {
  return perOperation((op, fragments) => {
    let aliases = 0;
    walkOperation(op, fragments, ({ field }) => {
      if (field.alias) aliases += 1;
      return 1;
    });
    return aliases > maxAliases ? `${aliases} aliases exceed the limit of ${maxAliases}` : null;
  });
}
