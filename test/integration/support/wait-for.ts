/** Shared with the benchmarks: see harness/wait-for.ts. */
export { uniqueName, waitFor } from '../../../harness/wait-for';
