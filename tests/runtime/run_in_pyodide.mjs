// Run py_widgets' unit tests inside Pyodide under Node, with no network:
// the lockfile has no packages (so nothing can fall back to a CDN) and every
// wheel, pytest's included, is unpacked from local files.
//
// usage: node tests/runtime/run_in_pyodide.mjs <tests dir> <wheel>...
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pyodideDir = path.dirname(require.resolve("pyodide/package.json"));
const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));

const [testsDir, ...wheels] = process.argv.slice(2);
const lock = JSON.parse(readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
const py = await loadPyodide({ lockFileContents: { info: lock.info, packages: {} } });

const purelib = py.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
for (const wheel of wheels) {
  py.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: purelib });
}

py.FS.mkdirTree("/src/tests");
py.mountNodeFS("/src/tests", path.resolve(testsDir));
const code = py.runPython(`
import sys, pytest
print("Python", sys.version.split()[0], "on", sys.platform)
pytest.main(["-q", "-p", "no:cacheprovider", "/src/tests"])
`);
process.exit(Number(code));
