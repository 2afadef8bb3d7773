/** The MongoDB driver against the stack's MongoDB-wire server (FerretDB, or MONGO_URL). */
import { MongoClient, MongoServerError } from 'mongodb';
import { endpoints } from './support/endpoints';
import { uniqueName } from './support/wait-for';

describe('MongoDB wire server', () => {
  const client = new MongoClient(endpoints.MONGO_URL);
  const db = client.db(uniqueName('smoke'));

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('round-trips documents and enforces a unique index', async () => {
    const customers = db.collection<{ _id: string; email: string; vipLevel: number }>('customers');
    await customers.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
    await customers.insertMany([
      { _id: '1001', email: 'zhang.wei@example.cn', vipLevel: 2 },
      { _id: '1002', email: 'li.na@example.cn', vipLevel: 0 },
    ]);

    const indexes = await customers.listIndexes().toArray();
    expect(indexes.find((i) => i.name === 'email_unique')).toMatchObject({ key: { email: 1 }, unique: true });

    await expect(
      customers.insertOne({ _id: '1003', email: 'li.na@example.cn', vipLevel: 1 }),
    ).rejects.toMatchObject({
      code: 11000,
    } satisfies Partial<MongoServerError>);

    const update = await customers.updateOne(
      { _id: '1001', vipLevel: { $lt: 3 } },
      { $set: { vipLevel: 3 } },
    );
    expect(update.modifiedCount).toBe(1);
    expect(
      await customers
        .find({ vipLevel: { $gte: 2 } })
        .sort({ _id: 1 })
        .toArray(),
    ).toEqual([{ _id: '1001', email: 'zhang.wei@example.cn', vipLevel: 3 }]);
  });
});
