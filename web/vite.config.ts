import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build:web` writes web/dist, which the server serves; `npx vite web` is a dev server that
// sends /api and /manage to a server started with `npm start` on port 3000.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
      '/manage': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
