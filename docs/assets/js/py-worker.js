// The Python side of the bridge, in a module Web Worker so that booting
// Pyodide (about 2 s of compile and start-up) never blocks the page.
// Wheels are fetched with their sha256 integrity while the runtime boots,
// then unpacked into site-packages: no micropip, no CDN, no network beyond
// this site. "Lazy" wheels (the calendar library) are fetched only when a
// widget first imports one of their modules.

const assets = new URL("../", import.meta.url);
const pyodideBase = new URL("pyodide/", assets).href;
const manifestURL = new URL("wheels/manifest.json", assets);

let py = null;
let purelib = null;
let runJson = null;
let lazyWheels = [];

async function fetchWheel(wheel) {
  const response = await fetch(new URL(wheel.url, manifestURL), { integrity: wheel.integrity });
  if (!response.ok) throw new Error(`${wheel.name} answered HTTP ${response.status}`);
  return { name: wheel.name, bytes: await response.arrayBuffer() };
}

async function fetchEagerWheels() {
  const response = await fetch(manifestURL, { cache: "no-cache" });
  if (!response.ok) throw new Error(`the wheel manifest answered HTTP ${response.status}`);
  const manifest = await response.json();
  lazyWheels = manifest.lazy || [];
  return Promise.all(manifest.wheels.map(fetchWheel));
}

function install(fetched) {
  for (const wheel of fetched) py.unpackArchive(wheel.bytes, "wheel", { extractDir: purelib });
}

async function boot() {
  const started = performance.now();
  const wheels = fetchEagerWheels();
  wheels.catch(() => {}); // awaited below; this only stops an "unhandled" warning meanwhile
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(`${pyodideBase}pyodide.mjs`));
  } catch (error) {
    throw new Error(`the Python runtime files could not be loaded (${error.message})`);
  }
  py = await loadPyodide({ indexURL: pyodideBase });
  let fetched;
  try {
    fetched = await wheels;
  } catch (error) {
    throw new Error(`the widget code could not be downloaded or failed its integrity check (${error.message})`);
  }
  purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  install(fetched);
  runJson = py.pyimport("py_widgets.api").run_json;
  return { python: py.runPython("import sys; sys.version.split()[0]"), bootMs: performance.now() - started };
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
};
