// The one JavaScript bridge between the page and Python.
// It only moves data: answers go from the form to localStorage, files, share
// links and py_widgets (in a Web Worker); Python's results come back as data
// and are written into the page as text. All checking, progress, summaries and
// plans are computed in Python. Pages without a widget never start the worker.

const BOOT_TIMEOUT_MS = 90_000;
const RUN_TIMEOUT_MS = 15_000;
const STORAGE_PREFIX = "irp:checklist:";
const SHARE_PREFIX = "#answers=v1.";
const FORMAT = "irp-checklist";
const SCHEMA = 1;

// ---------------------------------------------------------------- runtime

let worker = null;
let readyPromise = null;
let nextId = 1;
const pending = new Map();

function settle(data) {
  const job = pending.get(data.id);
  if (!job) return;
  pending.delete(data.id);
  clearTimeout(job.timer);
  if (data.error) {
    console.error("Python raised:", data.detail);
    job.reject(new Error(data.error));
  } else job.resolve(data.output);
}

function startRuntime() {
  if (readyPromise) return readyPromise;
  readyPromise = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      terminateRuntime(`it did not finish loading within ${BOOT_TIMEOUT_MS / 1000} seconds`);
      reject(new Error(`it did not finish loading within ${BOOT_TIMEOUT_MS / 1000} seconds`));
    }, BOOT_TIMEOUT_MS);
    try {
      worker = new Worker(new URL("./py-worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    let booted = false;
    worker.addEventListener("message", ({ data }) => {
      if (data.type === "ready") {
        clearTimeout(timer);
        booted = true;
        performance.mark("irp:python-ready");
        resolve(data);
      } else if (data.type === "boot-error") {
        clearTimeout(timer);
        console.error("Python could not start:", data.detail);
        reject(new Error(data.message));
      } else settle(data);
    });
    worker.addEventListener("error", (event) => {
      clearTimeout(timer);
      console.error("The Python worker failed:", event.message || event);
      if (booted) terminateRuntime("the Python worker stopped unexpectedly");
      else reject(new Error(event.message || "the Python worker could not be started"));
    });
  });
  return readyPromise;
}

/**
 * Stop Python and free its memory. Called when the worker crashes or hangs; every
 * widget is told, shows the reason and offers to start Python again.
 */
export function terminateRuntime(reason) {
  worker?.terminate();
  worker = null;
  readyPromise = null;
  for (const job of pending.values()) {
    clearTimeout(job.timer);
    job.reject(new Error(reason));
  }
  pending.clear();
  document.dispatchEvent(new CustomEvent("irp:runtime-lost", { detail: reason }));
}

/** Run widget `widget` on a JSON-serialisable input; resolves to py_widgets' JSON output. */
export async function run(widget, input) {
  await startRuntime();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    // A computation that never returns would hold the worker forever: stop it instead.
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`Python took longer than ${RUN_TIMEOUT_MS / 1000} seconds and was stopped`));
      terminateRuntime(`Python took longer than ${RUN_TIMEOUT_MS / 1000} seconds and was stopped`);
    }, RUN_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ type: "run", id, widget, input });
  });
}

/** Size of Python's WebAssembly memory, for the load test and the benchmark. */
export async function runtimeStats() {
  await startRuntime();
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, { resolve, reject: resolve, timer: null });
    worker.postMessage({ type: "stats", id });
  });
}

async function runOk(widget, input) {
  const result = await run(widget, input);
  if (!result.ok) {
    const details = (result.problems || []).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
    throw new Error([result.error, ...details].join("; "));
  }
  return result.output;
}

// ---------------------------------------------------------------- storage and files

function storageArea() {
  try {
    const area = window.localStorage;
    const probe = `${STORAGE_PREFIX}probe`;
    area.setItem(probe, "1");
    area.removeItem(probe);
    return area;
  } catch {
    return null;
  }
}

function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function base64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

async function encodeShare(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return base64url(await pipe(json, new CompressionStream("deflate-raw")));
}

async function decodeShare(fragment) {
  const bytes = await pipe(fromBase64url(fragment), new DecompressionStream("deflate-raw"));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function localToday() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- form <-> answers

function itemsOf(definition) {
  return definition.sections.flatMap((section) => section.items);
}

function readItem(form, item) {
  const field = form.elements.namedItem(item.id);
  if (!field) return undefined;
  if (item.kind === "checkbox") return field.checked;
  if (item.kind === "multiple") {
    return [...form.querySelectorAll(`input[name="${item.id}"]:checked`)].map((box) => box.value);
  }
  return field.value;
}

function fillItem(form, item, value) {
  const field = form.elements.namedItem(item.id);
  if (!field) return;
  if (item.kind === "checkbox") field.checked = value === true;
  else if (item.kind === "multiple") {
    const chosen = Array.isArray(value) ? value : [];
    for (const box of form.querySelectorAll(`input[name="${item.id}"]`)) box.checked = chosen.includes(box.value);
  } else if (item.kind === "single") {
    for (const radio of form.querySelectorAll(`input[name="${item.id}"]`)) radio.checked = radio.value === value;
  } else field.value = typeof value === "string" || typeof value === "number" ? String(value) : "";
}

// ---------------------------------------------------------------- one checklist widget

class ChecklistWidget {
  constructor(root) {
    this.root = root;
    this.definition = JSON.parse(root.dataset.definition);
    this.rules = root.dataset.rules ? JSON.parse(root.dataset.rules) : undefined;
    this.form = root.querySelector("form");
    this.key = `${STORAGE_PREFIX}${this.definition.id}`;
    this.storage = storageArea();
    this.state = { answers: {}, set_aside: {} };
    this.output = null;
    this.computed = 0;
    this.inFlight = false;
    this.dirty = false;
    this.fromShare = false;
    this.pythonFailed = false;
  }

  part(role) {
    return this.root.querySelector(`[data-role="${role}"]`);
  }

  setState(state, message) {
    this.root.dataset.state = state;
    this.part("status").textContent = message;
  }

  notice(id, message, actions = []) {
    const box = this.part("notices");
    box.querySelector(`[data-notice="${id}"]`)?.remove();
    const note = document.createElement("div");
    note.className = "irp-notice";
    note.dataset.notice = id;
    const text = document.createElement("p");
    text.textContent = message;
    note.append(text);
    for (const [label, handler] of actions) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = label;
      button.addEventListener("click", handler);
      note.append(button);
    }
    box.append(note);
  }

  clearNotice(id) {
    this.part("notices").querySelector(`[data-notice="${id}"]`)?.remove();
  }

  envelope() {
    return {
      format: FORMAT,
      schema: SCHEMA,
      checklist: this.definition.id,
      version: this.definition.version,
      saved_at: new Date().toISOString(),
      answers: this.state.answers,
      set_aside: this.state.set_aside,
    };
  }

  fill() {
    for (const item of itemsOf(this.definition)) fillItem(this.form, item, this.state.answers[item.id]);
  }

  // Answers a saved or shared envelope carries, checked only for shape here;
  // Python checks every value once it is ready.
  adopt(data) {
    this.state = {
      answers: data && typeof data.answers === "object" && !Array.isArray(data.answers) ? { ...data.answers } : {},
      set_aside: data && typeof data.set_aside === "object" && !Array.isArray(data.set_aside) ? { ...data.set_aside } : {},
    };
    this.fill();
  }

  save() {
    if (!this.storage) return;
    try {
      this.storage.setItem(this.key, JSON.stringify(this.envelope()));
      this.clearNotice("quota");
    } catch (error) {
      console.error("Saving answers failed:", error);
      this.notice(
        "quota",
        "This change could not be saved: your browser's storage for this site is full or blocked. Your answers are still on this page; download them to keep a copy.",
        [["Download answers (JSON)", () => this.exportJson()]],
      );
    }
  }

  loadSaved() {
    if (!this.storage) {
      this.notice(
        "no-storage",
        "Your browser is not letting this page store anything, so your answers will not be kept after you leave. Download them before you go.",
        [["Download answers (JSON)", () => this.exportJson()]],
      );
      return null;
    }
    const raw = this.storage.getItem(this.key);
    if (raw === null) return null;
    try {
      const data = JSON.parse(raw);
      if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not an object");
      return data;
    } catch (error) {
      console.error("Saved answers could not be read:", error);
      try {
        this.storage.setItem(`${this.key}:unreadable`, raw);
      } catch {
        /* the notice below still offers the download */
      }
      this.notice(
        "corrupt",
        "Your saved answers for this checklist could not be read; the saved data looks damaged. It has not been deleted: you can download it as it is. New answers are saved separately.",
        [["Download the saved data", () => download(`${this.definition.id}-saved-data.txt`, raw, "text/plain")]],
      );
      return null;
    }
  }

  async loadShared() {
    if (!location.hash.startsWith(SHARE_PREFIX)) return null;
    try {
      return await decodeShare(location.hash.slice(SHARE_PREFIX.length));
    } catch (error) {
      console.error("Shared link could not be read:", error);
      this.notice("share", "This shared link is damaged or incomplete, so its answers could not be read. Ask the sender for a new link.");
      return null;
    }
  }

  async start() {
    const shared = await this.loadShared();
    const saved = this.loadSaved();
    const initial = shared || saved;
    if (shared) this.announceShared();
    if (initial) this.adopt(initial);
    this.showTools();
    // "input" catches every keystroke, so closing the tab mid-sentence loses nothing.
    this.form.addEventListener("input", (event) => this.onChange(event));
    this.form.addEventListener("change", (event) => this.onChange(event));
    window.addEventListener("storage", (event) => this.onOtherTab(event));
    window.addEventListener("hashchange", () => this.onHashChange());
    document.addEventListener("irp:runtime-lost", (event) => this.onRuntimeLost(event.detail));
    this.setState("loading", "Loading Python in your browser… The checklist already works and saves as you go.");
    try {
      // "fresh" or "snapshot": whether Python started from the state saved on an earlier visit.
      this.root.dataset.pythonStart = (await startRuntime()).start;
    } catch (error) {
      this.pythonFailed = true;
      this.setState("error", `Python could not start: ${error.message}. The checklist still works and saves your answers; only the computed tips are missing.`);
      this.offerRetry();
      return;
    }
    if (initial) await this.restore(initial);
    await this.recompute();
  }

  announceShared() {
    this.fromShare = true;
    this.notice(
      "share",
      "These answers came from a shared link. Your own saved answers are untouched for now; if you change anything here, these answers replace them on this device.",
    );
  }

  // A share link pasted into a tab that already shows this page changes only the fragment.
  async onHashChange() {
    const shared = await this.loadShared();
    if (!shared) return;
    this.announceShared();
    this.adopt(shared);
    if (this.pythonFailed || !readyPromise) return;
    await this.restore(shared);
    await this.recompute();
  }

  offerRetry() {
    this.notice("retry", "The checklist keeps working and saving without Python.", [["Try Python again", () => this.retry()]]);
  }

  async retry() {
    this.clearNotice("retry");
    this.pythonFailed = false;
    this.setState("loading", "Starting Python again…");
    try {
      // "fresh" or "snapshot": whether Python started from the state saved on an earlier visit.
      this.root.dataset.pythonStart = (await startRuntime()).start;
    } catch (error) {
      this.pythonFailed = true;
      this.setState("error", `Python could not start: ${error.message}. The checklist still works and saves your answers.`);
      this.offerRetry();
      return;
    }
    await this.recompute();
  }

  onRuntimeLost(reason) {
    this.pythonFailed = true;
    this.setState("error", `Python stopped: ${reason}. The checklist still works and saves your answers.`);
    this.offerRetry();
  }

  async restore(data) {
    try {
      const result = await run("restore", { definition: this.definition, state: data });
      const output = result.ok ? result.output : { ok: false, message: result.error };
      if (!output.ok) {
        this.notice("restore", `Some saved answers could not be used: ${output.message}`, [
          ["Download the saved data", () => download(`${this.definition.id}-saved-data.json`, JSON.stringify(data, null, 1), "application/json")],
        ]);
        return;
      }
      this.state = { answers: output.answers, set_aside: output.set_aside };
      this.fill();
      for (const message of output.notices) this.notice(`restore-${message.length}`, message);
    } catch (error) {
      this.setState("error", `Python could not check your saved answers: ${error.message}.`);
    }
  }

  onChange(event) {
    // Typed fields report on "input" (every keystroke is saved); choices on "change". Taking each
    // event from one source only avoids saving and recomputing twice per click.
    const target = event.target;
    const typed = target.tagName === "TEXTAREA" || ["text", "number", "date"].includes(target.type);
    if ((event.type === "input") !== typed) return;
    const name = target.name;
    const item = itemsOf(this.definition).find((candidate) => candidate.id === name);
    if (!item) return;
    this.state.answers[item.id] = readItem(this.form, item);
    if (this.fromShare) {
      this.fromShare = false;
      history.replaceState(null, "", location.pathname + location.search);
      this.clearNotice("share");
    }
    this.save();
    this.recompute();
  }

  onOtherTab(event) {
    if (event.key !== this.key || event.newValue === null) return;
    this.notice(
      "other-tab",
      "This checklist was just changed in another tab or window. Your answers here are unchanged; your next change here will replace the other tab's version.",
      [
        [
          "Load the other tab's answers",
          async () => {
            this.clearNotice("other-tab");
            const data = this.loadSaved();
            if (data) {
              this.adopt(data);
              await this.restore(data);
              await this.recompute();
            }
          },
        ],
      ],
    );
  }

  // One request at a time; changes made meanwhile are folded into the next
  // one, so the last result on screen always matches the last answers.
  async recompute() {
    if (this.pythonFailed) return;
    // data-busy marks a result that does not yet reflect the latest answers.
    this.root.dataset.busy = "true";
    if (this.inFlight) {
      this.dirty = true;
      return;
    }
    this.inFlight = true;
    this.dirty = false;
    const started = performance.now();
    try {
      const input = { definition: this.definition, answers: this.state.answers, set_aside: this.state.set_aside };
      const output = await runOk("progress", input);
      this.output = output;
      this.render(output);
      let problems = output.problems;
      const analysis = this.root.dataset.analysis;
      if (analysis) {
        const view = await runOk(analysis, { ...input, today: localToday(), rules: this.rules });
        this.renderAnalysis(view);
        problems = [...problems, ...(view.problems || [])];
      }
      this.showFieldProblems(problems);
      this.root.dataset.computed = String(++this.computed);
      if (this.computed === 1) performance.mark("irp:first-result");
      else performance.measure("irp:recompute", { start: started, end: performance.now() });
      if (this.root.dataset.state !== "ready") this.setState("ready", "Ready: your progress is worked out by Python in your browser.");
    } catch (error) {
      if (!this.pythonFailed) {
        this.setState("error", `Python could not compute a result: ${error.message}. The checklist still works and saves your answers.`);
        this.offerRetry();
      }
    } finally {
      this.inFlight = false;
      if (this.dirty) this.recompute();
      else delete this.root.dataset.busy;
    }
  }

  render(output) {
    const bar = this.part("progress");
    bar.value = output.progress.percent;
    bar.textContent = `${output.progress.percent}%`;
    this.part("summary").textContent = output.summary;
    this.part("next-step").textContent = output.next_step;
    for (const section of output.progress.sections) {
      const box = this.root.querySelector(`[data-role="section-progress"][data-section="${section.id}"]`);
      if (!box) continue;
      box.hidden = false;
      box.querySelector("progress").value = section.percent;
      box.querySelector("progress").textContent = `${section.percent}%`;
      box.querySelector('[data-role="section-count"]').textContent = `${section.done} of ${section.total} done`;
    }
    this.renderPrint(output.readable);
    this.part("preview").hidden = false;
    if (this.part("preview").open) this.renderPreview();
  }

  // Messages from the model and from the analysis go next to the field they are about.
  showFieldProblems(problems) {
    const byItem = new Map();
    for (const problem of problems) if (!byItem.has(problem.path)) byItem.set(problem.path, problem.message);
    for (const slot of this.root.querySelectorAll("[data-problem-for]")) {
      const message = byItem.get(slot.dataset.problemFor);
      slot.textContent = message ? `Check this answer: ${message.replace(/\.$/, "")}.` : "";
      slot.hidden = !message;
      const control = this.form.elements.namedItem(slot.dataset.problemFor);
      if (control && "setAttribute" in control) {
        if (message) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
  }

  renderPrint(sections) {
    const area = this.part("print");
    const heading = document.createElement("h2");
    heading.textContent = `Your answers: ${this.definition.title}`;
    const blocks = [heading];
    for (const section of sections) {
      const title = document.createElement("h3");
      title.textContent = section.title;
      const list = document.createElement("dl");
      for (const item of section.items) {
        const term = document.createElement("dt");
        term.textContent = item.label;
        const answer = document.createElement("dd");
        answer.textContent = item.answer ?? "Not answered";
        list.append(term, answer);
      }
      blocks.push(title, list);
    }
    area.replaceChildren(...blocks);
  }

  async renderPreview() {
    if (!this.output) return;
    try {
      const { html } = await runOk("render-markdown", { markdown: this.output.summary_markdown });
      // markdown-it-py escapes raw HTML and refuses unsafe link schemes, so this is inert markup.
      this.part("preview-body").innerHTML = html;
    } catch (error) {
      this.part("preview-body").textContent = `The preview could not be rendered: ${error.message}`;
    }
  }

  renderAnalysis(view) {
    const area = this.part("analysis");
    area.hidden = false;
    area.replaceChildren(...renderBlocks(view.blocks || [], this.root.dataset.siteRoot));
  }

  showTools() {
    const tools = this.part("tools");
    tools.hidden = false;
    tools.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]")?.dataset.action;
      if (action === "export-md") this.exportMarkdown();
      else if (action === "export-json") this.exportJson();
      else if (action === "share") this.share();
      else if (action === "print") window.print();
      else if (action === "reset") this.part("reset-dialog").showModal();
    });
    tools.querySelector('[data-action="import"]').addEventListener("change", (event) => this.importFile(event.target));
    const dialog = this.part("reset-dialog");
    dialog.addEventListener("click", (event) => {
      const action = event.target.closest("[data-action]")?.dataset.action;
      if (action === "reset-export") this.exportJson();
      else if (action === "reset-cancel") dialog.close();
      else if (action === "reset-confirm") {
        dialog.close();
        this.reset();
      }
    });
    this.part("preview").addEventListener("toggle", () => {
      if (this.part("preview").open) this.renderPreview();
    });
  }

  exportJson() {
    download(`${this.definition.id}.json`, JSON.stringify(this.envelope(), null, 2), "application/json");
  }

  exportMarkdown() {
    if (!this.output) {
      this.notice("export", "The Markdown summary is written by Python, which is not ready yet. The JSON download works now.");
      return;
    }
    this.clearNotice("export");
    download(`${this.definition.id}.md`, this.output.summary_markdown, "text/markdown");
  }

  async share() {
    const link = `${location.origin}${location.pathname}${SHARE_PREFIX}${await encodeShare({
      format: FORMAT,
      schema: SCHEMA,
      checklist: this.definition.id,
      version: this.definition.version,
      answers: this.state.answers,
    })}`;
    const output = this.part("share-output");
    output.hidden = false;
    const field = this.part("share-link");
    field.value = link;
    field.select();
    try {
      await navigator.clipboard.writeText(link);
      this.notice("shared", `Share link copied (${link.length} characters). The answers travel inside the link itself, after the #, so they never reach a server.`);
    } catch {
      this.notice("shared", "Copy the share link from the box below. The answers travel inside the link itself, after the #, so they never reach a server.");
    }
  }

  async importFile(input) {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > 1_000_000) {
      this.notice("import", `That file is too large to be a checklist export (${file.size.toLocaleString()} bytes). Nothing was changed.`);
      return;
    }
    try {
      const result = await runOk("import", { definition: this.definition, text: await file.text() });
      if (!result.ok) {
        this.notice("import", `That file could not be imported: ${result.message} Nothing was changed.`);
        return;
      }
      this.state = { answers: result.answers, set_aside: result.set_aside };
      this.fill();
      this.save();
      this.notice("import", `Imported ${Object.keys(result.answers).length} answers from ${file.name}.`);
      for (const message of result.notices) this.notice(`import-${message.length}`, message);
      await this.recompute();
    } catch (error) {
      this.notice("import", `Importing needs Python, which is not available: ${error.message}. Nothing was changed.`);
    }
  }

  async reset() {
    this.state = { answers: {}, set_aside: {} };
    this.form.reset();
    this.save();
    this.notice("reset", "All answers were cleared.");
    await this.recompute();
    this.form.querySelector("input, select, textarea")?.focus();
  }
}

// ---------------------------------------------------------------- analysis views

// Python describes results as a list of blocks; this turns them into DOM
// nodes with textContent only, so nothing the visitor typed can become markup.
function safeHref(target, siteRoot) {
  return /^(playbooks|checklists)\/[a-z0-9-]+$/.test(target) ? `${siteRoot}/${target}/` : null;
}

function textNode(tag, text, className) {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function linkNode(link, siteRoot) {
  const href = link && safeHref(link.href, siteRoot);
  if (!href) return null;
  const anchor = textNode("a", link.text);
  anchor.href = href;
  return anchor;
}

function renderBlocks(blocks, siteRoot) {
  return blocks.map((block) => {
    if (block.kind === "heading") return textNode(`h${Math.min(Math.max(block.level || 3, 2), 4)}`, block.text);
    if (block.kind === "paragraph") return textNode("p", block.text, block.tone ? `irp-tone-${block.tone}` : "");
    if (block.kind === "pre") return textNode("pre", block.text, "irp-draft");
    if (block.kind === "list" || block.kind === "steps") {
      const list = document.createElement(block.kind === "steps" ? "ol" : "ul");
      for (const entry of block.items) {
        const li = document.createElement("li");
        if (entry.label) li.append(textNode("strong", `${entry.label} `));
        li.append(document.createTextNode(entry.text));
        const anchor = linkNode(entry.link, siteRoot);
        if (anchor) li.append(document.createTextNode(" "), anchor);
        list.append(li);
      }
      return list;
    }
    if (block.kind === "download") {
      const button = textNode("button", block.text, "md-button");
      button.type = "button";
      button.dataset.download = block.widget;
      return button;
    }
    return textNode("p", String(block.text ?? ""));
  });
}

// ---------------------------------------------------------------- page wiring

function bind(root) {
  if (root.dataset.bound) return;
  root.dataset.bound = "true";
  const widget = new ChecklistWidget(root);
  root.irpWidget = widget;
  root.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-download]");
    if (!button) return;
    const answers = { definition: widget.definition, answers: widget.state.answers, rules: widget.rules, today: localToday() };
    try {
      const file = await runOk(button.dataset.download, answers);
      download(file.filename, file.content, file.type);
    } catch (error) {
      widget.notice("download", `The file could not be made: ${error.message}`);
    }
  });
  widget.start();
}

function scan() {
  document.querySelectorAll("[data-widget]").forEach(bind);
}

// The build marks widget pages in <head>; start Python now rather than after the page is parsed.
if (document.querySelector('meta[name="irp-python"]')) startRuntime().catch(() => {});

// Material's instant navigation swaps pages without reloading; document$
// fires on every page, and the worker above survives across them.
if (window.document$) window.document$.subscribe(scan);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
else scan();
