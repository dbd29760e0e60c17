// Run many Lighthouse audits in one Node process against one Chromium.
//
// The `lighthouse` CLI starts Node, loads Lighthouse and launches a new Chromium
// for every run: about 5 s of a 14 s run on the benchmark machine, none of it
// measuring the page. Here both are paid once. Each run still gets a new tab and
// Lighthouse's own storage reset (cache, Cache Storage, IndexedDB), so every run
// is as cold as a CLI run; the scores are the same desktop preset's.
//
//   node scripts/lighthouse_runs.mjs JOBS.json
//
// JOBS.json: {"chrome": path, "chromeFlags": [...], "skipAudits": [...],
//             "attempts": n, "jobs": [{"url": ..., "output": ...}, ...]}
// Prints one JSON line per job: {"output", "ok", "error"?}. A run that fails with
// a Lighthouse runtime error (NO_NAVSTART now and then, on a busy machine) is
// retried up to `attempts` times, and the retry is reported on stderr.
import { readFileSync, writeFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const spec = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const chrome = await chromeLauncher.launch({ chromePath: spec.chrome, chromeFlags: spec.chromeFlags });
try {
  for (const job of spec.jobs) {
    let outcome = { output: job.output, ok: false, error: "not run" };
    for (let attempt = 1; attempt <= (spec.attempts || 3); attempt += 1) {
      try {
        const result = await lighthouse(
          job.url,
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            disableFullPageScreenshot: true,
            skipAudits: spec.skipAudits || [],
          },
          desktopConfig,
        );
        const failure = result?.lhr?.runtimeError;
        if (!result || failure) throw new Error(failure ? `${failure.code}: ${failure.message}` : "no result");
        writeFileSync(job.output, result.report);
        outcome = { output: job.output, ok: true };
        break;
      } catch (error) {
        outcome = { output: job.output, ok: false, error: String(error?.message || error) };
        process.stderr.write(`lighthouse: attempt ${attempt} on ${job.url} failed: ${outcome.error}\n`);
      }
    }
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
  }
} finally {
  await chrome.kill();
}
