import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The orchestrator serves dist/ as the jar's static/: the application at / (index.html) and the
// console pages under /console/.
const src = (path: string) => resolve(import.meta.dirname, 'src', path);
export default defineConfig({
  root: 'src',
  base: '/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022', // noVNC uses top-level await
    rollupOptions: {
      input: {
        app: src('index.html'),
        consoles: src('console/index.html'),
        terminal: src('console/terminal.html'),
        vnc: src('console/vnc.html'),
        playback: src('console/playback.html'),
      },
    },
  },
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
