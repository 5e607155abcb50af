import { defineConfig } from 'vite';

// The page is served by the kisfo server at /kisfo/dashboard/; everything is bundled (no CDN).
export default defineConfig({
  root: 'src/app',
  base: '/kisfo/dashboard/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
