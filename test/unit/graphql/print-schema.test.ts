import fs from 'node:fs';
import path from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isIntrospectionType,
} from 'graphql';
import { REPO_ROOT } from '../../../src/config/stack-config';
import { printApiSchema, SCHEMA_FILE } from '../../../src/graphql/print-schema';
import { createApiSchema } from '../../../src/graphql/schema';

describe('schema.graphql', () => {
  it('is the SDL the server runs: run `npm run schema:print` after changing the schema', () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, SCHEMA_FILE), 'utf8')).toBe(printApiSchema());
  });

  it('describes every type, field, argument and enum value', () => {
    // The schema linter says so too (npm run lint); this fails right next to the SDL change.
    const missing: string[] = [];
    const check = (what: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(what);
    };
    for (const type of Object.values(createApiSchema().getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type))
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      if (isInputObjectType(type))
        for (const field of Object.values(type.getFields()))
          check(`${type.name}.${field.name}`, field.description);
      if (isEnumType(type))
        for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
    expect(missing).toEqual([]);
  });
});
