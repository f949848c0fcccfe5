import { defineConfig } from 'vite';

// The output folder is chosen by the .NET build (EXPLORER_OUT) so that parallel builds with
// different artifact folders never write into each other's files.
export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.EXPLORER_OUT ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(['/graphql', '/export'].map((p) => [p, process.env.GRAPH_URL ?? 'http://127.0.0.1:5080'])),
  },
});
