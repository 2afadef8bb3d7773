import { isInterfaceType } from 'graphql';
import { possibleTypes } from '../../../client/apollo-cache';
import { createApiSchema } from '../../../src/graphql/schema';

describe('the Apollo cache setup', () => {
  it('lists every implementation of every interface, as the schema has them', () => {
    const schema = createApiSchema();
    const fromSchema = Object.fromEntries(
      Object.values(schema.getTypeMap())
        .filter(isInterfaceType)
        .map((i) => [
          i.name,
          schema
            .getPossibleTypes(i)
            .map((t) => t.name)
            .sort(),
        ]),
    );
    expect(possibleTypes).toEqual(fromSchema);
  });
});
