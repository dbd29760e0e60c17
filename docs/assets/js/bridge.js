// The one JavaScript bridge between the page and Python.
// It only moves data: it reads answers out of the form, hands them to
// py_widgets in a Web Worker, and writes the results back as text.
// Pages without a widget never start the worker, so they fetch no Python.

const BOOT_TIMEOUT_MS = 90_000;
const RUN_TIMEOUT_MS = 15_000;

let worker = null;
let readyPromise = null;
let nextId = 1;
const pending = new Map();

function startRuntime() {
  if (readyPromise) return readyPromise;
  readyPromise = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`it did not finish loading within ${BOOT_TIMEOUT_MS / 1000} seconds`)),
      BOOT_TIMEOUT_MS,
    );
    try {
      worker = new Worker(new URL("./py-worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "ready") {
        clearTimeout(timer);
        performance.mark("irp:python-ready");
        resolve(data);
      } else if (data.type === "boot-error") {
        clearTimeout(timer);
        console.error("Python could not start:", data.detail);
        reject(new Error(data.message));
      } else if (data.type === "result") {
        const job = pending.get(data.id);
        if (!job) return;
        pending.delete(data.id);
        clearTimeout(job.timer);
        if (data.error) {
          console.error("Python raised:", data.detail);
          job.reject(new Error(data.error));
        } else job.resolve(data.output);
      }
    });
    worker.addEventListener("error", (event) => {
      clearTimeout(timer);
      console.error("The Python worker failed:", event.message || event);
      reject(new Error(event.message || "the Python worker could not be started"));
    });
  });
  return readyPromise;
}

/** Run widget `widget` on a JSON-serialisable input; resolves to py_widgets' JSON output. */
export async function run(widget, input) {
  await startRuntime();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`Python took longer than ${RUN_TIMEOUT_MS / 1000} seconds`));
    }, RUN_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ type: "run", id, widget, input });
  });
}

function setState(root, state, message) {
  root.dataset.state = state;
  root.querySelector('[data-role="status"]').textContent = message;
}

function readAnswers(form, definition) {
  const answers = {};
  for (const section of definition.sections) {
    for (const item of section.items) {
      const field = form.elements.namedItem(item.id);
      if (!field) continue;
      if (item.kind === "checkbox") answers[item.id] = field.checked;
      else if (item.kind === "multiple") {
        answers[item.id] = [...form.querySelectorAll(`input[name="${item.id}"]:checked`)].map((box) => box.value);
      } else answers[item.id] = field.value;
    }
  }
  return answers;
}

function showProblems(root, problems) {
  const byItem = new Map(problems.map((problem) => [problem.path, problem.message]));
  for (const slot of root.querySelectorAll("[data-problem-for]")) {
    const message = byItem.get(slot.dataset.problemFor);
    slot.textContent = message ? `Check this answer: ${message}.` : "";
    slot.hidden = !message;
  }
}

function renderProgress(root, output) {
  const bar = root.querySelector('[data-role="progress"]');
  bar.value = output.progress.percent;
  bar.textContent = `${output.progress.percent}%`;
  root.querySelector('[data-role="summary"]').textContent = output.summary;
  root.querySelector('[data-role="next-step"]').textContent = output.next_step;
  showProblems(root, output.problems);
}

function bind(root) {
  if (root.dataset.bound) return;
  root.dataset.bound = "true";
  const definition = JSON.parse(root.dataset.definition);
  const form = root.querySelector("form");
  let inFlight = false;
  let dirty = false;
  let computed = 0;

  // One request at a time; changes made meanwhile are folded into the next
  // one, so the last result on screen always matches the last answers.
  async function recompute() {
    if (inFlight) {
      dirty = true;
      return;
    }
    inFlight = true;
    dirty = false;
    try {
      const result = await run(root.dataset.widget, { definition, answers: readAnswers(form, definition) });
      if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("; ") || result.error);
      renderProgress(root, result.output);
      root.dataset.computed = String(++computed);
      if (computed === 1) performance.mark("irp:first-result");
      if (root.dataset.state !== "ready") setState(root, "ready", "Ready: progress is worked out by Python in your browser.");
    } catch (error) {
      setState(root, "error", `Python could not compute a result: ${error.message}. The checklist still works.`);
    } finally {
      inFlight = false;
      if (dirty) recompute();
    }
  }

  setState(root, "loading", "Loading Python in your browser… The checklist already works.");
  form.addEventListener("change", recompute);
  startRuntime().then(recompute, (error) => {
    setState(root, "error", `Python could not start: ${error.message}. The checklist still works; only the computed tips are missing.`);
  });
}

function scan() {
  document.querySelectorAll("[data-widget]").forEach(bind);
}

// Material's instant navigation swaps pages without reloading; document$
// fires on every page, and the worker above survives across them.
if (window.document$) window.document$.subscribe(scan);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
else scan();
