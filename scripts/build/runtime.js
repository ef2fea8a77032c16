// The chunk loader inside dist/cli.js (a template: scripts/build/split.mjs fills __CHUNKS__ and
// __HOST__ and prepends the host modules' imports). It runs before the entry point and costs next to
// nothing until a branch asks for a chunk.
import { createRequire } from 'node:module';

/** id -> {d: chunks it needs first, f: 'c' CommonJS | 'e' ESM, h: content hash (cached ones), c: brotli, base64}. */
const T = __CHUNKS__;
/** The registry: src modules by path, so each is evaluated once whichever chunk imports it. */
const M = __HOST__;
const R = createRequire(import.meta.url);
/** Chunk promises by id; also tells tests which chunks a run asked for. */
const L = {};
/** Promises a chunk's modules must settle before it is used (yoga's wasm). */
const P = [];
/** Code caches to write when the process ends: [file, script]. */
const saves = [];

/**
 * Where V8's code cache for a big chunk lives: compiling the wizard or the SDK from source costs
 * ~15 ms, from a cache ~3 ms, and the functions a run compiled come back already compiled. Keyed by
 * Node version and the chunk's content hash, so a stale file is never even read; V8 checks it again.
 */
function cacheFile(id, hash) {
  const { env, version, arch } = process;
  const base = env.XDG_CACHE_HOME || (env.HOME && `${env.HOME}/.cache`) || (env.LOCALAPPDATA && `${env.LOCALAPPDATA}`);
  return base && `${base}/sentinel-init/${version}-${arch}/${id.replace(/[^\w.-]/g, '_')}-${hash}.v8`;
}

function saveCaches() {
  const fs = R('node:fs');
  for (const [file, script] of saves) {
    try {
      fs.mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, file);
    } catch {
      // A cache is an optimisation: an unwritable home only costs the next run its speed.
    }
  }
}

/** Compiles a CommonJS chunk as a function of (module, exports, require), from its code cache when valid. */
function compile(id, t, code) {
  const vm = R('node:vm');
  const file = t.h && !process.env.SENTINEL_INIT_NO_CODE_CACHE ? cacheFile(id, t.h) : undefined;
  let cachedData;
  if (file) {
    try {
      cachedData = R('node:fs').readFileSync(file);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(`(function(module,exports,require){${code}\n})`, {
    filename: `sentinel-init/${id}.js`,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (file && (!cachedData || script.cachedDataRejected)) {
    if (saves.length === 0) process.once('exit', saveCaches);
    saves.push([file, script]);
  }
  return script.runInThisContext();
}

function run(id, t) {
  const code = R('node:zlib').brotliDecompressSync(Buffer.from(t.c, 'base64'));
  const settled = (exports) => Promise.all(P.splice(0)).then(() => exports);
  if (t.f === 'e') return import(`data:text/javascript;base64,${code.toString('base64')}`).then(settled);
  const module = { exports: {} };
  compile(id, t, code)(module, module.exports, R);
  return settled(module.exports);
}

const load = (id) => (L[id] ??= Promise.all(T[id].d.map(load)).then(() => run(id, T[id])));

globalThis.__sentinelInit = { url: import.meta.url, require: R, modules: M, register: (m) => Object.assign(M, m), load, loaded: L, pending: P };
