// Precompile pure-Python wheels to bytecode with Pyodide's own Python.
//
// Pyodide runs with sys.dont_write_bytecode, so every page load compiles
// every imported .py from source again. The host Python is not the 3.14
// that Pyodide embeds (the bytecode magic differs), so the compiling has to
// happen in Pyodide itself: this boots it once from node_modules/pyodide,
// with a lockfile that lists no packages so nothing can reach a CDN.
//
// usage: node scripts/precompile_wheels.mjs [--mode=sourceless|hash] --out DIR WHEEL...
//
//   sourceless  (default; what the site publishes) replace each .py by <name>.pyc, as
//               Pyodide's own packages do: as fast as "hash" in the browser, and the
//               wheels are about a third smaller (scripts/bench_pyc.py).
//   hash        keep every .py and add __pycache__/<name>.cpython-314.pyc, kept so the
//               benchmark can compare. The pyc has an unchecked-hash header because
//               unpackArchive gives files the unpack time as mtime, so a timestamp pyc
//               would never match its source and would be recompiled on every load.
// A library's test modules stay as source (never imported in the page).
//
// Writes DIR/<same file name> for each wheel and prints one JSON line per wheel:
// {"wheel": input path, "ok": true, "output": path} or {"wheel", "ok": false, "error"}.
// Exits 1 if any wheel failed, 2 if Pyodide itself could not start.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const args = process.argv.slice(2);
let mode = "sourceless";
let outDir = null;
const wheels = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith("--mode=")) mode = args[i].slice("--mode=".length);
  else if (args[i] === "--out") outDir = args[++i];
  else wheels.push(args[i]);
}
if (!outDir || !["hash", "sourceless"].includes(mode)) {
  console.error("usage: node scripts/precompile_wheels.mjs [--mode=sourceless|hash] --out DIR WHEEL...");
  process.exit(64);
}

// The whole rewrite happens in Python, so that the zip, the deflate stream and
// the RECORD hashes come from one pinned runtime and are identical everywhere.
const REWRITE = `
import base64, hashlib, importlib.util, io, marshal, sys, zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# sysconfig says "//lib/...", which a sourceless traceback would show as is.
PURELIB = "/" + __import__("sysconfig").get_paths()["purelib"].lstrip("/")
TAG = sys.implementation.cache_tag
# PEP 552 flags: bit 0 = hash-based, bit 1 = check the source. 0b01 means the
# loader trusts the pyc without reading or hashing the .py.
UNCHECKED_HASH = (0b01).to_bytes(4, "little")


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def pyc(source, installed_path):
    # The installed path becomes co_filename, so tracebacks name the real file.
    code = compile(source, installed_path, "exec", dont_inherit=True, optimize=0)
    return importlib.util.MAGIC_NUMBER + UNCHECKED_HASH + importlib.util.source_hash(source) + marshal.dumps(code)


def compilable(name):
    # A library's own test suite (icalendar ships 174 test modules) is never imported
    # in the page; compiling it would only make the download bigger and the build slower.
    parts = name.split("/")
    return (
        name.endswith(".py")
        and not parts[0].endswith((".dist-info", ".data"))
        and not any(part in ("test", "tests") for part in parts[:-1])
        and parts[-1] != "conftest.py"
    )


def rewrite(data, mode):
    warnings = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    record_name = next(
        (n for n in entries if n.count("/") == 1 and n.endswith(".dist-info/RECORD")), None
    )
    if record_name is None:
        raise ValueError("no .dist-info/RECORD")
    out = {}
    for name, content in entries.items():
        if name == record_name:
            continue
        if not compilable(name):
            out[name] = content
            continue
        try:
            compiled = pyc(content, f"{PURELIB}/{name}")
        except (SyntaxError, ValueError) as error:
            # Kept as source: Python reports the same error at import, as it would unprecompiled.
            warnings.append(f"{name}: not compiled ({type(error).__name__}: {error})")
            out[name] = content
            continue
        folder, _, stem = name[:-3].rpartition("/")
        prefix = f"{folder}/" if folder else ""
        if mode == "hash":
            out[name] = content
            out[f"{prefix}__pycache__/{stem}.{TAG}.pyc"] = compiled
        else:
            out[f"{prefix}{stem}.pyc"] = compiled
    names = sorted(out)
    record = "".join(f"{n},{record_hash(out[n])},{len(out[n])}\\n" for n in names)
    record += f"{record_name},,\\n"
    out[record_name] = record.encode()
    names.append(record_name)  # RECORD last, as wheel tools write it
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in names:
            info = zipfile.ZipInfo(n, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, out[n])
    return buffer.getvalue(), warnings


def rewrite_js(js_bytes, mode):
    return rewrite(js_bytes.to_bytes(), mode)
`;

let py;
try {
  const require = createRequire(import.meta.url);
  const pyodideDir = path.dirname(require.resolve("pyodide/package.json"));
  const { loadPyodide } = await import(path.join(pyodideDir, "pyodide.mjs"));
  const lock = JSON.parse(readFileSync(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
  py = await loadPyodide({ lockFileContents: { info: lock.info, packages: {} } });
  py.runPython(REWRITE);
} catch (error) {
  console.error(`precompile_wheels: Pyodide could not start from node_modules/pyodide: ${error.stack || error}`);
  process.exit(2);
}

mkdirSync(outDir, { recursive: true });
const rewrite = py.globals.get("rewrite_js");
let failed = false;
for (const wheel of wheels) {
  try {
    const result = rewrite(new Uint8Array(readFileSync(wheel)), mode);
    const [bytes, warnings] = result.toJs();
    result.destroy();
    for (const warning of warnings) console.error(`precompile_wheels: ${path.basename(wheel)}: ${warning}`);
    const output = path.join(outDir, path.basename(wheel));
    writeFileSync(output, bytes);
    console.log(JSON.stringify({ wheel, ok: true, output }));
  } catch (error) {
    failed = true;
    const summary = String(error.message || error).trim().split("\n").pop();
    console.log(JSON.stringify({ wheel, ok: false, error: summary }));
  }
}
process.exit(failed ? 1 : 0);
