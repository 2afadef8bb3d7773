import { MongoDriverError, MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { AppError, classify, isDuplicateKey } from '../../../src/shared/errors';

describe('classify', () => {
  it('keeps an AppError as it is', () => {
    const e = new AppError('unknown-schema', 'x');
    expect(classify(e)).toBe(e);
  });

  it('makes MongoDB network and selection failures retriable store-unavailable errors', () => {
    expect(classify(new MongoNetworkError('socket closed'))).toMatchObject({
      code: 'store-unavailable',
      retriable: true,
    });
    expect(classify(new MongoServerSelectionError('no server', { type: 'Unknown' } as never))).toMatchObject({
      code: 'store-unavailable',
      retriable: true,
    });
  });

  it('tells a duplicate key by its code, not its message', () => {
    const dup = new MongoServerError({ code: 11000, errmsg: 'anything at all' });
    expect(isDuplicateKey(dup)).toBe(true);
    expect(classify(dup)).toMatchObject({ code: 'duplicate-key', retriable: false });
    expect(isDuplicateKey(new MongoServerError({ code: 2, errmsg: 'E11000 duplicate key' }))).toBe(false);
  });

  it('follows the driver labels for other server errors', () => {
    const labelled = new MongoServerError({ code: 91, errmsg: 'shutting down' });
    labelled.addErrorLabel('RetryableWriteError');
    expect(classify(labelled)).toMatchObject({ code: 'store-unavailable', retriable: true });
    expect(classify(new MongoServerError({ code: 2, errmsg: 'bad value' }))).toMatchObject({
      code: 'store-failed',
      retriable: false,
    });
  });

  it('re-reads rather than drops on an error nobody named', () => {
    expect(classify(new TypeError('x is undefined'))).toMatchObject({ code: 'internal', retriable: true });
  });
});

describe('classify: pool timeouts', () => {
  it('counts a pool that gives out no connection in time as the store being unavailable', () => {
    class WaitQueueTimeout extends MongoDriverError {
      override get name() {
        return 'MongoWaitQueueTimeoutError';
      }
    }
    expect(classify(new WaitQueueTimeout('Timed out while checking out a connection'))).toMatchObject({
      code: 'store-unavailable',
      retriable: true,
    });
  });
});
