// The web app's build. `npm start` builds it when its sources changed (scripts/build-web.ts) and the
// server serves the result from packages/web/dist; `npm run web:dev` serves it with hot reload and
// forwards /api to a server on port 3000.
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
})
