/**
 * The MongoDB client of the processors, the CLI and the API, with a deadline on every operation.
 * (The driver's `timeoutMS` is ignored since driver 7: the socket, server-selection and pool
 * timeouts are what bound a call now.) A store that stops answering then fails the call with a
 * network timeout, which the processors retry and the API reports, instead of hanging it.
 */
import { MongoClient, type MongoClientOptions } from 'mongodb';

export function mongoClientOptions(timeoutMs: number): MongoClientOptions {
  return {
    socketTimeoutMS: timeoutMs,
    waitQueueTimeoutMS: timeoutMs,
    serverSelectionTimeoutMS: Math.min(timeoutMs, 30_000),
    connectTimeoutMS: Math.min(timeoutMs, 10_000),
  };
}

export function createMongoClient(url: string, timeoutMs: number): MongoClient {
  return new MongoClient(url, mongoClientOptions(timeoutMs));
}
