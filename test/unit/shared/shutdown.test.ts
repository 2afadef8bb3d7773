import { stopWithin } from '../../../src/shared/shutdown';

describe('stopWithin', () => {
  it('reports a stop that finishes in time', async () => {
    const log = jest.fn();
    await expect(stopWithin(1000, async () => undefined, log)).resolves.toBe(true);
    expect(log).not.toHaveBeenCalled();
  });

  it('gives up at the deadline and says so', async () => {
    const log = jest.fn();
    const never = () => new Promise<void>(() => undefined);
    await expect(stopWithin(20, never, log)).resolves.toBe(false);
    expect(log).toHaveBeenCalledWith('shutdown-abandoned', expect.objectContaining({ deadlineMs: 20 }));
  });

  it('passes a failing stop on', async () => {
    await expect(stopWithin(1000, () => Promise.reject(new Error('boom')), jest.fn())).rejects.toThrow(
      'boom',
    );
  });
});
