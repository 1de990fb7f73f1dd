import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Pages are served by the orchestrator under /console/ (the jar's static/console/).
export default defineConfig({
  root: 'src',
  base: '/console/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist/console'),
    emptyOutDir: true,
    target: 'es2022', // noVNC uses top-level await
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'src/index.html'),
        terminal: resolve(import.meta.dirname, 'src/terminal.html'),
        vnc: resolve(import.meta.dirname, 'src/vnc.html'),
        playback: resolve(import.meta.dirname, 'src/playback.html'),
      },
    },
  },
});
