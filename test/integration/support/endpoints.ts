import { loadEndpoints } from '../../../src/config';

/** The services under test: from the environment or the local stack's .stack/endpoints.env. */
export const endpoints = loadEndpoints();
