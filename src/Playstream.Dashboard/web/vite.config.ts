import { defineConfig } from 'vite';

// The page is bundled into ../wwwroot, which the .NET project embeds; nothing is loaded from
// the internet at run time. File names carry content hashes, so the same sources give the
// same files.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
