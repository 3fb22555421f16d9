// Ringkas web page: summarize with live progress and highlights, browse the library, build a memo.
// Plain JavaScript, no build step and nothing fetched from outside this server.
"use strict";

const WORDS = {
  id: {
    nav_summarize: "Ringkas artikel", nav_library: "Pustaka", nav_memo: "Memo", api_key: "Kunci API",
    paste: "Tempel teks artikel di sini…", upload: "Atau unggah berkas .txt / .html", summarize: "Ringkas",
    warnings: "Catatan pemeriksaan", search: "Cari…", partner: "Mitra", official: "Pejabat",
    any_sector: "Semua sektor", since: "Sejak", date: "Tanggal", title: "Judul", preview: "Pratinjau",
    memo_help: "Memo dibuat dari artikel yang dicentang di Pustaka, atau dari semua artikel yang cocok dengan filternya.",
    working: "Model sedang bekerja", elapsed: "detik", empty: "Teks artikel kosong.", none: "tidak ada",
    count: n => `${n} ringkasan tersimpan`, selected: n => `${n} artikel dipilih`,
    matching: n => `Tidak ada yang dicentang: ${n} artikel yang cocok dengan filter Pustaka`,
    unauthorized: "Kunci API salah atau belum diisi (isi di kanan atas).",
    steps: { "starting": "memulai", "reading the article": "membaca artikel", "attributing quotes": "menentukan penutur kutipan" },
  },
  en: {
    nav_summarize: "Summarize", nav_library: "Library", nav_memo: "Memo", api_key: "API key",
    paste: "Paste the article's text here…", upload: "Or upload a .txt / .html file", summarize: "Summarize",
    warnings: "Checks", search: "Search…", partner: "Partner", official: "Official",
    any_sector: "All sectors", since: "Since", date: "Date", title: "Title", preview: "Preview",
    memo_help: "The memo covers the articles ticked in the Library, or else every article its filters match.",
    working: "The model is working", elapsed: "s", empty: "The article's text is empty.", none: "none",
    count: n => `${n} stored summaries`, selected: n => `${n} article(s) selected`,
    matching: n => `Nothing ticked: the ${n} article(s) matching the Library's filters`,
    unauthorized: "Missing or wrong API key (enter it at the top right).",
    steps: { "starting": "starting", "reading the article": "reading the article", "attributing quotes": "attributing quotes" },
  },
};
const CATEGORIES = ["event", "official", "partner", "sector", "goal", "quote"];
// `sectors` and `fields` are the server's: the sectors' names (/v1/taxonomy) and the headings of a summary's
// fields (/v1/fields), each by language.
const state = { lang: localStorage.getItem("ringkas.lang") || "id", sectors: {}, fields: {}, events: {}, rows: [],
                selected: new Set() };
const $ = sel => document.querySelector(sel);
const w = key => WORDS[state.lang][key];
const fieldName = field => (state.fields[field] || {})[state.lang] || "";

function headers(extra = {}) {
  const key = $("#api-key").value.trim();
  return key ? { ...extra, "X-API-Key": key } : extra;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: headers(options.headers || {}) });
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try { message = (await response.json()).error || message; } catch (_) { /* not JSON */ }
    if (response.status === 401) message = w("unauthorized");
    throw new Error(message);
  }
  return response;
}

// ---- language ----
function applyLanguage() {
  document.documentElement.lang = state.lang;
  $("#lang").textContent = state.lang === "id" ? "EN" : "ID";
  document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = w(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach(el => { el.placeholder = w(el.dataset.i18nPlaceholder); });
  document.querySelectorAll("[data-field]").forEach(el => { el.textContent = fieldName(el.dataset.field); });
  renderSectorOptions();
  if (state.current) renderResult(state.current.summary, state.current.article);
  renderLibrary();
}

// The words the page shows that the server holds: the sectors' names, the headings of a summary's fields and the
// names of event kinds and roles.
async function loadVocabulary() {
  try { state.sectors = await (await api("/v1/taxonomy")).json(); } catch (_) { /* filled on the next load */ }
  try { state.fields = await (await api("/v1/fields")).json(); } catch (_) { /* filled on the next load */ }
  try { state.events = await (await api("/v1/event-names")).json(); } catch (_) { /* filled on the next load */ }
  applyLanguage();
}

// ---- pages ----
function show(page) {
  document.querySelectorAll(".page").forEach(el => { el.hidden = el.id !== `page-${page}`; });
  document.querySelectorAll(".tab").forEach(el => el.classList.toggle("active", el.dataset.page === page));
  if (page === "library") loadLibrary();
  if (page === "memo") loadLibrary().then(describeSelection);  // the memo covers what the library holds
}

// ---- summarize ----
async function summarize(event) {
  event.preventDefault();
  const text = $("#article").value;
  $("#error").hidden = true;
  if (!text.trim()) { showError("#error", w("empty")); return; }
  $("#summarize").disabled = true;
  $("#progress").hidden = false;
  $("#result").hidden = true;
  setProgress({ step: "starting", elapsed_s: 0 });
  try {
    const response = await api("/v1/summaries/stream", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const { kind, data } = parseEvent(block);
        if (kind === "progress") setProgress(data);
        else if (kind === "result") { state.current = data; renderResult(data.summary, data.article); }
        else if (kind === "error") showError("#error", data.error);
      }
    }
  } catch (err) {
    showError("#error", err.message);
  } finally {
    $("#summarize").disabled = false;
    $("#progress").hidden = true;
  }
}

// One server-sent event's kind and data. Its lines are split at "\n" only, as the server ends them: a regular
// expression's `.` and multiline `^`/`$` also stop at U+2028 and U+2029 (ECMA-262 line terminators), which an
// article's text may hold. Data lines are joined with "\n" (WHATWG HTML, "server-sent events").
function parseEvent(block) {
  let kind = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) kind = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  return { kind, data: JSON.parse(data.join("\n") || "{}") };
}

function setProgress(data) {
  const step = w("steps")[data.step] || data.step;
  $("#progress-text").textContent = `${w("working")}: ${step} · ${Math.round(data.elapsed_s)} ${w("elapsed")}`;
}

function showError(selector, message) {
  const el = $(selector);
  el.textContent = message;
  el.hidden = false;
}

const eventName = key => (state.events[key] || {})[state.lang] || key;

function itemsOf(summary) {
  const items = [];
  // An event: its kind, date and place, then each side with its role; highlighted where its sentence, place and
  // date stand in the article.
  (summary.events || []).forEach((e, i) => items.push({ id: `event-${i}`, cat: "event",
    label: [eventName(e.kind), e.date, e.place].filter(Boolean).join(" · ") + " — " +
      e.sides.map(s => `${s.party} (${[eventName(s.role), s.officials.join(", ")].filter(Boolean).join(": ")})`)
        .join("; "),
    spans: e.spans }));
  summary.officials.forEach((o, i) => items.push({ id: `official-${i}`, cat: "official",
    label: [o.name, [o.title, o.institution].filter(Boolean).join(", ")].filter(Boolean).join(" — "), spans: o.spans }));
  summary.partners.forEach((p, i) => items.push({ id: `partner-${i}`, cat: "partner", label: p.name, spans: p.spans }));
  summary.sectors.forEach((s, i) => items.push({ id: `sector-${i}`, cat: "sector",
    label: `${(state.sectors[s.label] || {})[state.lang] || s.label}: “${s.evidence}”`, spans: s.spans }));
  summary.goals.forEach((g, i) => items.push({ id: `goal-${i}`, cat: "goal", label: g.text, spans: g.spans }));
  summary.quotes.forEach((q, i) => items.push({ id: `quote-${i}`, cat: "quote",
    label: `“${q.text}” — ${q.speaker || "?"}`, spans: [[q.start, q.end]] }));
  return items;
}

function renderResult(summary, article) {
  $("#result").hidden = false;
  $("#result-title").textContent = summary.title || "";
  $("#result-summary").textContent = summary.summary || "";
  const items = itemsOf(summary);
  for (const cat of CATEGORIES) {
    const list = $(`#list-${cat}`);
    list.replaceChildren();
    const mine = items.filter(item => item.cat === cat);
    for (const item of mine) {
      const li = document.createElement("li");
      li.textContent = item.label;
      li.dataset.item = item.id;
      li.addEventListener("click", () => reveal(item.id));
      list.append(li);
    }
    if (!mine.length) {
      list.append(Object.assign(document.createElement("li"), { className: "meta", textContent: w("none") }));
    }
  }
  const warnings = $("#list-warning");
  warnings.replaceChildren(...summary.warnings.map(text => Object.assign(document.createElement("li"), { textContent: text })));
  $("#warnings-box").hidden = !summary.warnings.length;
  renderArticle(article, items);
}

// The API's offsets count Unicode code points (Python string indices); a JavaScript string is indexed by UTF-16
// code units, in which every character beyond U+FFFF (an emoji, a rare CJK character) takes two. Returns, for
// each code-point offset 0..n, the UTF-16 index of the same place in `text`.
function utf16Offsets(text) {
  const at = [0];
  for (const ch of text) at.push(at[at.length - 1] + ch.length);  // for...of steps by code point
  return at;
}

// The article with each grounded item marked: where items overlap, the innermost (shortest) one is shown.
// Offsets in the marks' data-* attributes are UTF-16 indices into `text`, as `text.slice` takes them.
function renderArticle(text, items) {
  const at = utf16Offsets(text);
  const spans = [];
  for (const item of items) {
    for (const [start, end] of item.spans || []) {
      if (start >= 0 && start <= end && end < at.length) spans.push({ start: at[start], end: at[end], item });
    }
  }
  const cuts = new Set([0, text.length]);
  spans.forEach(s => { cuts.add(s.start); cuts.add(s.end); });
  const bounds = [...cuts].sort((a, b) => a - b);
  const view = $("#article-view");
  view.replaceChildren();
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    const covering = spans.filter(s => s.start <= a && s.end >= b);
    if (!covering.length) { view.append(text.slice(a, b)); continue; }
    const top = covering.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
    const mark = document.createElement("mark");
    mark.className = `c-${top.item.cat}`;
    mark.dataset.item = top.item.id;
    mark.dataset.at = a;  // this piece's offset in the text; the item's span is start-end
    mark.dataset.start = top.start;
    mark.dataset.end = top.end;
    mark.title = top.item.label;
    mark.textContent = text.slice(a, b);
    view.append(mark);
  }
}

function reveal(id) {
  const mark = document.querySelector(`mark[data-item="${id}"]`);
  if (!mark) return;
  document.querySelectorAll("mark.flash").forEach(m => m.classList.remove("flash"));
  mark.scrollIntoView({ block: "center", behavior: "smooth" });
  document.querySelectorAll(`mark[data-item="${id}"]`).forEach(m => m.classList.add("flash"));
}

// The server reads the file's bytes as the CLI reads files: in the charset the page declares (a windows-1252 page
// read by file.text() as UTF-8 turned its curly quotes into U+FFFD), and a whole page as its article.
async function readFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  $("#error").hidden = true;
  try {
    const response = await api(`/v1/articles/decode?filename=${encodeURIComponent(file.name)}`, {
      method: "POST", body: file, headers: { "Content-Type": file.type || "application/octet-stream" } });
    $("#article").value = (await response.json()).text;
  } catch (err) { showError("#error", err.message); }
}

// ---- library ----
function filters() {
  const params = new URLSearchParams();
  for (const [key, sel] of [["q", "#f-q"], ["partner", "#f-partner"], ["sector", "#f-sector"],
                            ["official", "#f-official"], ["since", "#f-since"]]) {
    if ($(sel).value.trim()) params.set(key, $(sel).value.trim());
  }
  return params;
}

async function loadLibrary() {
  try {
    state.rows = await (await api(`/v1/library?${filters()}`)).json();
  } catch (err) {
    state.rows = [];
    $("#library-count").textContent = err.message;
    renderLibrary(false);
    return;
  }
  renderLibrary();
}

function renderLibrary(count = true) {
  const body = $("#library tbody");
  if (!body) return;
  body.replaceChildren();
  for (const row of state.rows) {
    const tr = document.createElement("tr");
    tr.dataset.sha = row.content_sha256;
    const box = Object.assign(document.createElement("input"), { type: "checkbox", checked: state.selected.has(row.content_sha256) });
    box.addEventListener("click", e => {
      e.stopPropagation();
      if (box.checked) state.selected.add(row.content_sha256); else state.selected.delete(row.content_sha256);
    });
    const cells = [row.date, row.title || "", row.partners.join(", "),
                   row.sectors.map(s => (state.sectors[s] || {})[state.lang] || s).join(", ")];
    tr.append(Object.assign(document.createElement("td"), { className: "pick" }));
    tr.firstChild.append(box);
    for (const value of cells) tr.append(Object.assign(document.createElement("td"), { textContent: value }));
    tr.addEventListener("click", () => openStored(row.content_sha256));
    body.append(tr);
  }
  if (count) $("#library-count").textContent = w("count")(state.rows.length);
}

async function openStored(sha) {
  let data;
  try { data = await (await api(`/v1/summaries/${sha}`)).json(); }
  catch (err) { $("#library-count").textContent = err.message; return; }
  state.current = data;
  $("#article").value = data.article;
  show("summarize");
  renderResult(data.summary, data.article);
}

function renderSectorOptions() {
  const select = $("#f-sector");
  const chosen = select.value;
  select.replaceChildren(Object.assign(document.createElement("option"), { value: "", textContent: w("any_sector") }));
  for (const [label, names] of Object.entries(state.sectors)) {
    select.append(Object.assign(document.createElement("option"), { value: label, textContent: names[state.lang] }));
  }
  select.value = chosen;
}

// ---- memo ----
// The ticked articles by id; with none ticked, every article the library's filters match, sent as those filters
// (the server selects as the library lists), not as thousands of ids.
function memoSelection() {
  return state.selected.size ? { summary_ids: [...state.selected] } : { library: Object.fromEntries(filters()) };
}

function describeSelection() {
  $("#memo-selection").textContent = state.selected.size ? w("selected")(state.selected.size)
                                                          : w("matching")(state.rows.length);
}

async function memo(format) {
  $("#memo-error").hidden = true;
  const response = await api("/v1/memos", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...memoSelection(), format, lang: state.lang }),
  });
  return response;
}

// The memo holds article text, the model's words and submitted URLs: the frame's sandbox (index.html) gives
// it an opaque origin and no script, so nothing in it can reach this page or the API key it keeps.
async function previewMemo() {
  try {
    const html = await (await memo("html")).text();
    const frame = $("#memo-frame");
    frame.srcdoc = html;
    frame.hidden = false;
  } catch (err) { showError("#memo-error", err.message); }
}

async function downloadMemo(format) {
  try {
    const blob = await (await memo(format)).blob();
    const link = Object.assign(document.createElement("a"), {
      href: URL.createObjectURL(blob), download: `ringkas-memo.${format}` });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (err) { showError("#memo-error", err.message); }
}

// ---- start ----
document.addEventListener("DOMContentLoaded", async () => {
  $("#api-key").value = localStorage.getItem("ringkas.key") || "";
  $("#api-key").addEventListener("change", () => {
    localStorage.setItem("ringkas.key", $("#api-key").value.trim());
    loadVocabulary();  // again: refused while the key the server wants was missing
  });
  $("#lang").addEventListener("click", () => {
    state.lang = state.lang === "id" ? "en" : "id";
    localStorage.setItem("ringkas.lang", state.lang);
    applyLanguage();
  });
  document.querySelectorAll(".tab").forEach(el => el.addEventListener("click", () => show(el.dataset.page)));
  $("#summarize-form").addEventListener("submit", summarize);
  $("#file").addEventListener("change", readFile);
  for (const sel of ["#f-q", "#f-partner", "#f-official", "#f-since", "#f-sector"]) {
    $(sel).addEventListener(sel === "#f-sector" || sel === "#f-since" ? "change" : "input", loadLibrary);
  }
  $("#memo-preview").addEventListener("click", previewMemo);
  document.querySelectorAll(".download").forEach(el => el.addEventListener("click", () => downloadMemo(el.dataset.format)));
  await loadVocabulary();
});

