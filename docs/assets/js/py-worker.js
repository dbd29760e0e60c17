// The Python side of the bridge, in a module Web Worker so that booting
// Pyodide (about 2 s of compile and start-up) never blocks the page.
// Wheels are fetched with their sha256 integrity while the runtime boots,
// then unpacked into site-packages: no micropip, no CDN, no network beyond
// this site.

const assets = new URL("../", import.meta.url);
const pyodideBase = new URL("pyodide/", assets).href;
const manifestURL = new URL("wheels/manifest.json", assets);

let runJson = null;

async function fetchWheels() {
  const response = await fetch(manifestURL, { cache: "no-cache" });
  if (!response.ok) throw new Error(`the wheel manifest answered HTTP ${response.status}`);
  const manifest = await response.json();
  return Promise.all(
    manifest.wheels.map(async (wheel) => {
      const res = await fetch(new URL(wheel.url, manifestURL), { integrity: wheel.integrity });
      if (!res.ok) throw new Error(`${wheel.name} answered HTTP ${res.status}`);
      return { name: wheel.name, bytes: await res.arrayBuffer() };
    }),
  );
}

async function boot() {
  const started = performance.now();
  const wheels = fetchWheels();
  wheels.catch(() => {}); // awaited below; this only stops an "unhandled" warning meanwhile
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(`${pyodideBase}pyodide.mjs`));
  } catch (error) {
    throw new Error(`the Python runtime files could not be loaded (${error.message})`);
  }
  const py = await loadPyodide({ indexURL: pyodideBase });
  let fetched;
  try {
    fetched = await wheels;
  } catch (error) {
    throw new Error(`the widget code could not be downloaded or failed its integrity check (${error.message})`);
  }
  const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  for (const wheel of fetched) py.unpackArchive(wheel.bytes, "wheel", { extractDir: purelib });
  runJson = py.pyimport("py_widgets.api").run_json;
  return { python: py.runPython("import sys; sys.version.split()[0]"), bootMs: performance.now() - started };
}

const ready = boot();
ready.then(
  (info) => self.postMessage({ type: "ready", ...info }),
  (error) => self.postMessage({ type: "boot-error", message: error.message, detail: String(error.stack || error) }),
);

self.onmessage = async ({ data }) => {
  if (data.type !== "run") return;
  try {
    await ready;
  } catch {
    return; // the boot error has already been reported
  }
  try {
    const output = JSON.parse(runJson(data.widget, JSON.stringify(data.input)));
    self.postMessage({ type: "result", id: data.id, output });
  } catch (error) {
    self.postMessage({ type: "result", id: data.id, error: error.message, detail: String(error.stack || error) });
  }
};
