// The Python side of the bridge, in a module Web Worker so that booting
// Pyodide (about 2 s of compile and start-up) never blocks the page.
// Wheels are fetched with their sha256 integrity while the runtime boots,
// then unpacked into site-packages: no micropip, no CDN, no network beyond
// this site. "Lazy" wheels (the calendar library) are fetched only when a
// widget first imports one of their modules.
//
// Warm starts: once a page has shown its first result and gone quiet, the
// worker saves Python's memory (interpreter started, our modules imported) in
// this browser's Cache Storage, gzipped, and later visits start from it
// instead of starting Python afresh (about 4x faster to the first result in
// scripts/bench_snapshot.py). The snapshot never leaves the device, is keyed
// by the Pyodide version and the wheels' hashes, and any failure to save or
// use it just means an ordinary start.

const assets = new URL("../", import.meta.url);
const pyodideBase = new URL("pyodide/", assets).href;
const manifestURL = new URL("wheels/manifest.json", assets);

let py = null;
let purelib = null;
let runJson = null;
let lazyWheels = [];

const SNAPSHOT_CACHE = "irp-python-snapshot";
const SNAPSHOT_QUIET_MS = 2000; // saved only after this long without a request, so it never delays a result
let snapshotKey = null;
let snapshotTimer = null;
let snapshotPending = false;

function snapshotsSupported() {
  return typeof caches !== "undefined" && typeof CompressionStream !== "undefined" && typeof DecompressionStream !== "undefined";
}

async function snapshotKeyFor(manifest, version) {
  const identity = [version, ...manifest.wheels.map((wheel) => wheel.integrity)].join(" ");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(identity)));
  const hex = Array.from(digest.slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return new URL(`python-snapshot/${hex}`, assets).href;
}

async function savedSnapshot(key) {
  try {
    const hit = await (await caches.open(SNAPSHOT_CACHE)).match(key);
    if (!hit) return null;
    return new Uint8Array(await new Response(hit.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  } catch {
    return null; // unreadable or corrupt: start afresh
  }
}

async function forgetSnapshots(keep = null) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) if (request.url !== keep) await cache.delete(request);
  } catch {
    // nothing to clean up, or storage is unavailable
  }
}

async function saveSnapshot() {
  snapshotPending = false;
  try {
    // Import every widget module that needs no lazy wheel, so any page starts with them ready.
    py.runPython("from py_widgets import api; api.preload_widgets()");
    const body = new Response(py.makeMemorySnapshot()).body.pipeThrough(new CompressionStream("gzip"));
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.put(snapshotKey, new Response(body, { headers: { "Content-Type": "application/gzip" } }));
    await forgetSnapshots(snapshotKey);
  } catch (error) {
    console.info("Python's start-up state was not saved; the next visit starts normally.", error);
  }
}

function scheduleSnapshot() {
  clearTimeout(snapshotTimer);
  if (snapshotPending) snapshotTimer = setTimeout(saveSnapshot, SNAPSHOT_QUIET_MS);
}

async function fetchWheel(wheel) {
  const response = await fetch(new URL(wheel.url, manifestURL), { integrity: wheel.integrity });
  if (!response.ok) throw new Error(`${wheel.name} answered HTTP ${response.status}`);
  return { name: wheel.name, bytes: await response.arrayBuffer() };
}

async function fetchManifest() {
  const response = await fetch(manifestURL, { cache: "no-cache" });
  if (!response.ok) throw new Error(`the wheel manifest answered HTTP ${response.status}`);
  const manifest = await response.json();
  lazyWheels = manifest.lazy || [];
  return manifest;
}

function install(fetched) {
  for (const wheel of fetched) py.unpackArchive(wheel.bytes, "wheel", { extractDir: purelib });
}

async function boot() {
  const started = performance.now();
  const manifest = fetchManifest();
  const wheels = manifest.then((found) => Promise.all(found.wheels.map(fetchWheel)));
  wheels.catch(() => {}); // awaited below; this only stops an "unhandled" warning meanwhile
  let pyodide;
  try {
    pyodide = await import(`${pyodideBase}pyodide.mjs`);
  } catch (error) {
    throw new Error(`the Python runtime files could not be loaded (${error.message})`);
  }
  const snapshot = snapshotsSupported() ? await readSnapshot(manifest, pyodide.version) : null;
  let start = "fresh";
  if (snapshot) {
    try {
      py = await pyodide.loadPyodide({ indexURL: pyodideBase, _loadSnapshot: snapshot });
      start = "snapshot";
    } catch (error) {
      console.info("Python's saved start-up state could not be used; starting afresh.", error);
      await forgetSnapshots();
      py = null;
    }
  }
  py ??= await pyodide.loadPyodide({ indexURL: pyodideBase, _makeSnapshot: snapshotKey !== null });
  let fetched;
  try {
    fetched = await wheels;
  } catch (error) {
    throw new Error(`the widget code could not be downloaded or failed its integrity check (${error.message})`);
  }
  purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  install(fetched); // even after a snapshot: modules not imported yet are read from these files
  runJson = py.pyimport("py_widgets.api").run_json;
  snapshotPending = start === "fresh" && snapshotKey !== null;
  return { python: py.runPython("import sys; sys.version.split()[0]"), bootMs: performance.now() - started, start };
}

async function readSnapshot(manifest, version) {
  try {
    snapshotKey = await snapshotKeyFor(await manifest, version);
  } catch {
    return null; // the manifest error is reported where the wheels are awaited
  }
  return savedSnapshot(snapshotKey);
}

// Installs the whole group of the lazy wheel that provides the missing module (a library and
// its dependencies), and returns true so the caller retries.
async function installLazyFor(error) {
  if (error.type !== "ModuleNotFoundError") return false;
  const missing = /No module named '([^'.]+)/.exec(error.message)?.[1];
  const wheel = lazyWheels.find((candidate) => !candidate.installed && candidate.provides.includes(missing));
  if (!wheel) return false;
  const group = lazyWheels.filter((candidate) => !candidate.installed && candidate.group === wheel.group);
  install(await Promise.all(group.map(fetchWheel)));
  for (const member of group) member.installed = true;
  py.runPython("import importlib; importlib.invalidate_caches()");
  return true;
}

const ready = boot();
ready.then(
  (info) => self.postMessage({ type: "ready", ...info }),
  (error) => self.postMessage({ type: "boot-error", message: error.message, detail: String(error.stack || error) }),
);

async function runWidget(widget, input) {
  const text = JSON.stringify(input);
  // Each retry installs one missing dependency (icalendar, then dateutil, then tzdata...).
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(runJson(widget, text));
    } catch (error) {
      if (attempt > lazyWheels.length || !(await installLazyFor(error))) throw error;
    }
  }
}

self.onmessage = async ({ data }) => {
  clearTimeout(snapshotTimer);
  try {
    await ready;
  } catch {
    return; // the boot error has already been reported
  }
  if (data.type === "stats") {
    self.postMessage({ type: "result", id: data.id, output: { wasmMemoryBytes: py._module.HEAP8.buffer.byteLength } });
    return;
  }
  if (data.type !== "run") return;
  try {
    self.postMessage({ type: "result", id: data.id, output: await runWidget(data.widget, data.input) });
  } catch (error) {
    // A Python traceback is for the console; the page gets its last line only.
    const summary = String(error.message).trim().split("\n").pop();
    self.postMessage({ type: "result", id: data.id, error: summary, detail: String(error.message || error) });
  }
  scheduleSnapshot();
};
