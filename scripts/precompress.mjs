// Writes `name.br` (brotli, quality 11) and `name.gz` (gzip -9) next to each file the SPA
// serves, so that the server sends them as they are instead of compressing on the fly at a
// fast level. A variant that would not be smaller is not written.
//   node scripts/precompress.mjs dist
import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.txt']);

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

function write(file, variant, bytes, original) {
  if (bytes.length < original.length) writeFileSync(variant, bytes);
  else if (statSync(variant, { throwIfNoEntry: false })) unlinkSync(variant);
}

const dir = process.argv[2] ?? 'dist';
for (const file of files(dir)) {
  if (!COMPRESSIBLE.has(path.extname(file))) continue;
  const original = readFileSync(file);
  const br = brotliCompressSync(original, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      [constants.BROTLI_PARAM_MODE]:
        path.extname(file) === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  write(file, `${file}.br`, br, original);
  write(file, `${file}.gz`, gzipSync(original, { level: 9 }), original);
}
