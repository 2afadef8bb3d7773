// The repo compiles with moduleResolution "node", which ignores package `exports`; this points the
// subpath's types at the file its `exports` map names (runtime resolution is unaffected).
declare module 'graphql-ws/use/ws' {
  export * from 'graphql-ws/dist/use/ws';
}
