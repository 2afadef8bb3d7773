/**
 * `npm run bench`: performance figures, measured side by side in one run and written to docs/.
 * The benchmarks come with the pipeline (issue #3) and the GraphQL API (issue #4).
 */
process.stdout.write('bench: not yet - benchmarks arrive with the processors and the GraphQL API.\n');
