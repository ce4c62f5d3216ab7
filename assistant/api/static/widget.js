/* 女职工维权法律助手 — embeddable chat widget.
 * Usage: <script src="https://HOST/widget.js" data-key="PUBLIC_WIDGET_KEY" defer></script>
 * Vanilla JS, no build step, no external resources. Everything from the model or the corpus is inserted
 * with textContent (never as markup), inside a shadow root so the host page's CSS cannot break it.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__fzzWidgetLoaded) return;
  window.__fzzWidgetLoaded = true;
  var KEY = script.getAttribute("data-key") || "";
  var API = (script.getAttribute("data-api") || new URL(script.src, location.href).origin).replace(/\/$/, "");
  var TITLE = script.getAttribute("data-title") || "女职工维权法律助手";

  var CSS = [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif}",
    ".bubble{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;border:0;",
    "background:#b3265e;color:#fff;font-size:15px;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}",
    ".bubble:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,summary:focus-visible",
    "{outline:3px solid #f2a900;outline-offset:2px}",
    ".panel{position:fixed;right:20px;bottom:92px;width:400px;max-width:calc(100vw - 16px);height:min(640px,calc(100vh - 110px));",
    "background:#fff;color:#222;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;",
    "overflow:hidden;z-index:2147483001;font-size:15px;line-height:1.6}",
    ".panel[hidden]{display:none}",
    "header{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#b3265e;color:#fff}",
    "header h2{margin:0;font-size:16px}",
    ".icon{background:transparent;border:0;color:inherit;font-size:22px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}",
    ".log{flex:1;overflow-y:auto;padding:12px;background:#faf7f8}",
    ".msg{margin:0 0 12px;padding:10px 12px;border-radius:10px;max-width:100%;word-break:break-word;white-space:pre-wrap}",
    ".me{background:#b3265e;color:#fff;margin-left:15%}",
    ".bot{background:#fff;border:1px solid #eadde2}",
    ".bot h3{font-size:14px;margin:10px 0 4px;color:#7a1a40}",
    ".status{color:#666;font-size:13px}",
    ".err{background:#fff1f0;border:1px solid #f5b5ae;color:#a8071a}",
    "details{border:1px solid #e6d5dc;border-radius:8px;margin:6px 0;background:#fffafc;white-space:normal}",
    "summary{cursor:pointer;padding:6px 10px;font-weight:600;color:#7a1a40}",
    "blockquote{margin:0 10px 6px;padding:6px 10px;border-left:3px solid #b3265e;background:#fff;white-space:pre-wrap}",
    ".meta{margin:0 10px 8px;font-size:12px;color:#666}",
    "ol{margin:4px 0;padding-left:22px;white-space:normal}",
    ".docs button,.fb button,.form .actions button{margin:4px 6px 0 0;padding:6px 10px;border-radius:6px;border:1px solid #b3265e;",
    "background:#fff;color:#b3265e;cursor:pointer;font-size:14px}",
    ".docs button.primary,.form .actions button.primary{background:#b3265e;color:#fff}",
    ".note{font-size:12px;color:#666;white-space:normal}",
    "form.ask{display:flex;gap:6px;padding:8px;border-top:1px solid #eee;background:#fff;align-items:flex-end}",
    "form.ask textarea{flex:1;resize:none;min-height:42px;max-height:120px;padding:8px;border:1px solid #ccc;border-radius:8px;font-size:15px}",
    "form.ask button{height:42px;min-width:42px;border-radius:8px;border:0;background:#b3265e;color:#fff;font-size:15px;cursor:pointer;padding:0 12px}",
    "form.ask button.voice{background:#f3e6eb;color:#b3265e}",
    "form.ask button.voice[aria-pressed=true]{background:#f2a900;color:#222}",
    "button:disabled{opacity:.55;cursor:wait}",
    ".form{position:absolute;inset:0;background:#fff;display:flex;flex-direction:column;z-index:2}",
    ".form[hidden]{display:none}",
    ".form form{display:flex;flex-direction:column;flex:1;min-height:0}",
    ".form .body{flex:1;min-height:0;overflow-y:auto;padding:12px 14px}",
    ".form label{display:block;font-weight:600;margin-top:10px;font-size:14px}",
    ".form .req{color:#c41d7f;margin-left:2px}",
    ".form input,.form textarea,.form select{width:100%;padding:7px 8px;border:1px solid #bbb;border-radius:6px;font-size:15px;margin-top:3px}",
    ".form textarea{min-height:70px}",
    ".form input[type=checkbox]{width:auto}",
    ".form .help{font-size:12px;color:#666;margin:2px 0 0}",
    ".form .problem{font-size:13px;color:#a8071a;margin:2px 0 0}",
    ".form [aria-invalid=true]{border-color:#a8071a;background:#fff6f6}",
    ".form .row{border:1px dashed #ccc;border-radius:6px;padding:4px 8px 8px;margin-top:6px}",
    ".form .actions{padding:10px 14px;border-top:1px solid #eee;display:flex;flex-wrap:wrap;gap:4px}",
    ".form .summary{background:#fff1f0;border:1px solid #f5b5ae;color:#a8071a;padding:8px;border-radius:6px;white-space:pre-wrap}",
    ".form .pre{font-weight:400;font-size:12px;color:#2f6f3e;margin-left:4px}",
    ".form .checks label{font-weight:400;display:flex;gap:6px;align-items:flex-start;margin-top:4px}",
    ".form .checks input{width:auto;margin-top:5px}",
    ".form .warnings{background:#fffbe6;border:1px solid #f2c94c;color:#5c4400;padding:8px;border-radius:6px;white-space:pre-wrap;margin-top:8px}",
    ".form .preview{margin-top:10px;border:1px solid #ccc;border-radius:6px;width:100%;height:360px;background:#fff}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}",
    "@media (max-width:480px){.panel{right:0;left:0;bottom:0;top:0;width:100vw;max-width:100vw;height:100%;border-radius:0}",
    ".bubble{right:14px;bottom:14px}}"
  ].join("");

  // -- tiny DOM helper: text only, never HTML -------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "class") node.className = v;
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
        else node.setAttribute(k, v === true ? "" : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  var host = el("div", { id: "fzz-legal-widget" });
  document.body.appendChild(host);
  var root = host.attachShadow({ mode: "open" });
  // A constructed stylesheet works under a host page's strict CSP (style-src without 'unsafe-inline').
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function" && CSSStyleSheet.prototype.replaceSync) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    root.appendChild(el("style", { text: CSS }));
  }

  var bubble = el("button", { class: "bubble", type: "button", "aria-label": "打开" + TITLE, "aria-expanded": "false",
    "aria-controls": "fzz-panel", text: "问法" });
  var closeBtn = el("button", { class: "icon", type: "button", "aria-label": "关闭助手", text: "×" });
  var log = el("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "对话记录" });
  var input = el("textarea", { rows: "1", "aria-label": "输入您的问题", placeholder: "请描述您遇到的问题…",
    maxlength: "500" });
  var sendBtn = el("button", { type: "submit", "aria-label": "发送问题", text: "发送" });
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  var voiceBtn = Recognition ? el("button", { type: "button", class: "voice", "aria-label": "语音输入", "aria-pressed": "false", text: "语音" }) : null;
  var askForm = el("form", { class: "ask", "aria-label": "提问" }, [input, voiceBtn, sendBtn]);
  var formLayer = el("div", { class: "form", hidden: true, role: "dialog", "aria-modal": "true", "aria-label": "填写文书" });
  var panel = el("div", { class: "panel", id: "fzz-panel", hidden: true, role: "dialog", "aria-label": TITLE }, [
    el("header", null, [el("h2", { text: TITLE }), closeBtn]), log, askForm, formLayer
  ]);
  root.appendChild(bubble);
  root.appendChild(panel);

  // The server issues the conversation id (in the first answer) and binds it to this browser's signed token.
  var conversationId = null;
  var busy = false;
  var greeted = false;

  function openPanel() {
    panel.hidden = false;
    bubble.setAttribute("aria-expanded", "true");
    if (!greeted) {
      greeted = true;
      log.appendChild(el("div", { class: "msg bot" }, [
        "您好！我可以帮您查询女职工劳动权益相关的法律规定，如孕期、产假、哺乳期、工资、解除合同、性骚扰等问题，并帮您生成维权文书。\n例如：“怀孕了公司要给我降薪合法吗？”",
        el("p", { class: "note", text: "回答仅供参考，不构成法律意见；请勿在问题中填写身份证号、手机号等个人信息。" })
      ]));
    }
    input.focus();
  }
  function closePanel() {
    if (!formLayer.hidden) { closeForm(); return; }
    panel.hidden = true;
    bubble.setAttribute("aria-expanded", "false");
    bubble.focus();
  }
  bubble.addEventListener("click", function () { if (panel.hidden) openPanel(); else closePanel(); });
  closeBtn.addEventListener("click", closePanel);
  // On the document: focus may have left the widget (e.g. a button disabled while a request ran).
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); closePanel(); } });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); askForm.requestSubmit ? askForm.requestSubmit() : submit(); }
  });
  askForm.addEventListener("submit", function (e) { e.preventDefault(); submit(); });

  if (voiceBtn) {
    var rec = null;
    voiceBtn.addEventListener("click", function () {
      if (rec) { rec.stop(); return; }
      rec = new Recognition();
      rec.lang = "zh-CN";
      rec.interimResults = false;
      rec.onresult = function (ev) { input.value += ev.results[0][0].transcript; input.focus(); };
      rec.onerror = function () { status("语音识别失败，请改用文字输入"); };
      rec.onend = function () { rec = null; voiceBtn.setAttribute("aria-pressed", "false"); voiceBtn.setAttribute("aria-label", "语音输入"); };
      voiceBtn.setAttribute("aria-pressed", "true");
      voiceBtn.setAttribute("aria-label", "正在听，再按一次停止");
      rec.start();
    });
  }

  function status(text) { log.appendChild(el("p", { class: "status", text: text })); log.scrollTop = log.scrollHeight; }
  // -- the browser token: signed by the server, kept in localStorage, refreshed once when refused --------
  var TOKEN_SLOT = "fzz-widget-token:" + API;
  var widgetToken = null;
  try { widgetToken = window.localStorage.getItem(TOKEN_SLOT); } catch (e) { widgetToken = null; }
  function saveToken(t) {
    widgetToken = t;
    try { if (t) window.localStorage.setItem(TOKEN_SLOT, t); else window.localStorage.removeItem(TOKEN_SLOT); } catch (e) { /* private mode */ }
  }
  function ensureToken() {
    if (widgetToken) return Promise.resolve(widgetToken);
    return fetch(API + "/v1/widget/token", { method: "POST", headers: { "X-API-Key": KEY } }).then(function (res) {
      if (!res.ok) return readError(res).then(function (m) { throw new Error(m); });
      return res.json().then(function (b) { saveToken(b.token); return b.token; });
    });
  }
  function headers() {
    return { "Content-Type": "application/json", "X-API-Key": KEY, "X-Widget-Token": widgetToken || "" };
  }
  function call(path, opts, retried) {
    return ensureToken().then(function () {
      return fetch(API + path, Object.assign({}, opts, { headers: headers() }));
    }).then(function (res) {
      if (res.status !== 401 || retried) return res;
      return res.clone().json().then(function (b) {
        if (!b || b.code !== "widget_token_invalid") return res;
        saveToken(null);
        conversationId = null;  // the old conversation belonged to the old token
        return call(path, opts, true);
      }, function () { return res; });
    });
  }
  function errorText(res, body) {
    if (body && body.message) return body.message;
    return "服务暂时不可用（" + res.status + "），请稍后再试";
  }
  function readError(res) {
    return res.json().then(function (b) { return errorText(res, b); }, function () { return errorText(res, null); });
  }

  // -- asking: fetch + ReadableStream over the SSE endpoint ------------------------------------
  function submit() {
    var q = input.value.trim();
    if (!q || busy) return;
    busy = true;
    sendBtn.disabled = true;
    input.value = "";
    log.appendChild(el("div", { class: "msg me", text: q }));
    var box = el("div", { class: "msg bot", "aria-busy": "true" });
    var live = el("p", { class: "status", text: "正在查找相关法律规定…" });
    var tokens = el("div");
    box.appendChild(live);
    box.appendChild(tokens);
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
    var payload = { question: q, conversation_id: conversationId };
    call("/v1/ask/stream", { method: "POST", body: JSON.stringify(payload) })
      .then(function (res) {
        if (!res.ok) return readError(res).then(function (m) { throw new Error(m); });
        return readStream(res.body.getReader(), function (event, data) {
          if (event === "token") { tokens.textContent += String(data); }
          else if (event === "section") { live.textContent = "正在整理：" + sectionName(data) + "…"; }
          else if (event === "done") { box.textContent = ""; renderAnswer(box, data); }
          else if (event === "error") { throw new Error((data && data.message) || "回答生成失败，请稍后再试"); }
          log.scrollTop = log.scrollHeight;
        });
      })
      .catch(function (err) {
        box.textContent = "";
        box.className = "msg err";
        box.setAttribute("role", "alert");
        box.textContent = err && err.message && !/fetch|network/i.test(err.message) ? err.message : "网络连接失败，请检查网络后重试";
      })
      .then(function () { busy = false; sendBtn.disabled = false; box.removeAttribute("aria-busy"); input.focus(); });
  }

  var SECTIONS = { summary: "结论", citations: "法律依据", cases: "相关案例", next_steps: "下一步", documents: "可用文书" };
  function sectionName(data) {
    var name = data && typeof data === "object" ? data.name : data;
    return SECTIONS[name] || "回答";
  }

  function readStream(reader, onEvent) {
    var decoder = new TextDecoder("utf-8");
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { if (buffer.trim()) dispatch(buffer); return; }
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n/g, "\n");
        var idx;
        while ((idx = buffer.indexOf("\n\n")) >= 0) { dispatch(buffer.slice(0, idx)); buffer = buffer.slice(idx + 2); }
        return pump();
      });
    }
    function dispatch(frame) {
      var event = "message", data = [];
      frame.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) event = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
      });
      var parsed = null;
      try { parsed = JSON.parse(data.join("\n")); } catch (e) { parsed = data.join("\n"); }
      onEvent(event, parsed);
    }
    return pump();
  }

  // -- rendering an answer (all text via textContent) -----------------------------------------
  function renderAnswer(box, a) {
    if (a.conversation_id) conversationId = a.conversation_id;
    if (a.safety) box.appendChild(el("p", { class: "msg err", role: "alert", text: a.safety }));
    box.appendChild(el("p", { class: "summary", text: a.summary || "" }));
    if (a.body && a.body !== a.summary) box.appendChild(el("p", { text: a.body }));
    (a.notices || []).forEach(function (n) { box.appendChild(el("p", { class: "note", text: "提示：" + n })); });
    if (a.citations && a.citations.length) {
      box.appendChild(el("h3", { text: "法律依据" }));
      a.citations.forEach(function (c) {
        var meta = [c.level, c.region, "版本 " + (c.version || "未知")];
        if (c.effective) meta.push("施行 " + c.effective);
        meta.push(c.status || "现行有效");
        box.appendChild(el("details", { class: "cite", "data-id": c.id }, [
          el("summary", { text: "《" + c.law + "》" + c.label }),
          el("blockquote", { text: c.text }),
          el("p", { class: "meta", text: meta.join(" · ") + (c.note ? "；" + c.note : "") })
        ]));
      });
    }
    if (a.cases && a.cases.length) {
      box.appendChild(el("h3", { text: "相关案例" }));
      a.cases.forEach(function (c) {
        box.appendChild(el("details", { class: "case" }, [
          el("summary", { text: c.title }),
          el("blockquote", { text: c.holding }),
          el("p", { class: "meta", text: [c.publisher, c.date].filter(Boolean).join(" · ") })
        ]));
      });
    }
    if (a.next_steps && a.next_steps.length) {
      box.appendChild(el("h3", { text: "下一步可以这样做" }));
      box.appendChild(el("ol", null, a.next_steps.map(function (s) {
        return el("li", null, [el("strong", { text: s.title }), s.detail ? "：" + s.detail : ""]);
      })));
    }
    if (a.documents && a.documents.length) {
      box.appendChild(el("h3", { text: "可以帮您生成的文书" }));
      var docs = el("div", { class: "docs" });
      a.documents.forEach(function (d) {
        docs.appendChild(el("button", { type: "button", "data-template": d.template_id, title: d.reason,
          text: "填写《" + d.title + "》", onclick: function () { openForm(d, a); } }));
      });
      box.appendChild(docs);
    }
    if (a.disclaimer) box.appendChild(el("p", { class: "note", text: a.disclaimer }));
    box.appendChild(feedbackRow(a));
  }

  function feedbackRow(a) {
    var row = el("div", { class: "fb", role: "group", "aria-label": "这个回答有帮助吗" }, [el("span", { class: "note", text: "这个回答有帮助吗？" })]);
    function send(helpful) {
      row.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      call("/v1/feedback", { method: "POST",
        body: JSON.stringify({ helpful: helpful, question: a.question || "", conversation_id: a.conversation_id || null }) })
        .then(function (r) { row.appendChild(el("span", { class: "note", text: r.ok ? " 谢谢您的反馈！" : " 反馈提交失败" })); });
    }
    row.appendChild(el("button", { type: "button", text: "有帮助", onclick: function () { send(true); } }));
    row.appendChild(el("button", { type: "button", text: "没帮助", onclick: function () { send(false); } }));
    return row;
  }

  // -- document forms built from the template schema -------------------------------------------
  var lastFocus = null;
  function closeForm() {
    formLayer.hidden = true;
    formLayer.textContent = "";
    if (lastFocus) lastFocus.focus();
  }
  function openForm(suggestion, answer) {
    lastFocus = root.activeElement;
    formLayer.textContent = "";
    formLayer.hidden = false;
    formLayer.appendChild(el("p", { class: "status", text: "正在加载表单…" }));
    // The articles cited in the answer are offered as plain choices for 补充引用的法律条文.
    var cited = ((answer && answer.citations) || []).map(function (c) { return c.id; }).slice(0, 20).join(",");
    call("/v1/documents/" + encodeURIComponent(suggestion.template_id) + (cited ? "?articles=" + encodeURIComponent(cited) : ""),
      { method: "GET" })
      .then(function (res) { return res.ok ? res.json() : readError(res).then(function (m) { throw new Error(m); }); })
      .then(function (schema) { buildForm(schema, suggestion.prefilled || {}); })
      .catch(function (err) {
        formLayer.textContent = "";
        formLayer.appendChild(el("p", { class: "msg err", role: "alert", text: err.message || "表单加载失败" }));
        formLayer.appendChild(el("div", { class: "actions" }, [el("button", { type: "button", text: "返回", onclick: closeForm })]));
      });
  }

  var uid = 0;
  function fieldInput(spec, value) {
    var id = "f" + (++uid);
    var attrs = { id: id, name: spec.name, "data-type": spec.type, "aria-required": spec.required ? "true" : null };
    var node;
    if (spec.type === "longtext" || (spec.type === "list" && !spec.columns)) {
      node = el("textarea", attrs);
      if (Array.isArray(value)) value = value.join("\n");
    } else if (spec.type === "choice") {
      node = el("select", attrs, [el("option", { value: "", text: "请选择" })].concat((spec.choices || []).map(function (c) {
        return el("option", { value: c, text: c });
      })));
    } else if (spec.type === "bool") {
      attrs.type = "checkbox";
      node = el("input", attrs);
      node.checked = value === true || value === "是";
      return node;
    } else {
      attrs.type = spec.type === "date" ? "date" : spec.type === "phone" ? "tel" : spec.type === "int" ? "number" : "text";
      if (spec.type === "money") attrs.inputmode = "decimal";
      if (spec.type === "idcard") { attrs.inputmode = "text"; attrs.autocomplete = "off"; }
      if (spec.max_length) attrs.maxlength = String(spec.max_length);
      node = el("input", attrs);
    }
    if (value !== undefined && value !== null && !(spec.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))) node.value = String(value);
    return node;
  }

  function checkList(spec, value) {
    // A list with choices (or article options) is a plain set of check boxes, never a syntax to type.
    var chosen = Array.isArray(value) ? value : [];
    var opts = spec.options || (spec.choices || []).map(function (c) { return { value: c, label: c }; });
    var box = el("div", { class: "checks", role: "group", "data-checks": spec.name });
    opts.forEach(function (o) {
      var id = "f" + (++uid);
      var input = el("input", { type: "checkbox", id: id, name: spec.name, value: o.value });
      input.checked = chosen.indexOf(o.value) >= 0;
      box.appendChild(el("label", { for: id, title: o.excerpt || null }, [input, el("span", { text: o.label + (o.excerpt ? "：" + o.excerpt : "") })]));
    });
    return box;
  }

  function fieldBlock(spec, value, container, prefilled) {
    var wrap = el("div", { class: "field", "data-field": spec.name, "data-prefilled": prefilled ? "true" : null });
    var label = el("label", null, [spec.label, spec.required ? el("span", { class: "req", "aria-hidden": "true", text: "*" }) : null,
      prefilled ? el("span", { class: "pre", text: "（已根据对话预填，请核对）" }) : null]);
    wrap.appendChild(label);
    if (spec.type === "list" && !spec.columns && ((spec.options && spec.options.length) || (spec.choices && spec.choices.length))) {
      var checks = checkList(spec, value);
      label.setAttribute("id", "l" + (++uid));
      checks.setAttribute("aria-labelledby", label.id);
      wrap.appendChild(checks);
      if (spec.help) wrap.appendChild(el("p", { class: "help", text: spec.help }));
    } else if (spec.type === "list" && spec.columns) {
      var rows = el("div", { class: "rows", "data-rows": spec.name });
      var addRow = function (rowValue) {
        var row = el("div", { class: "row", role: "group", "aria-label": spec.label + " 第" + (rows.children.length + 1) + "项" });
        spec.columns.forEach(function (col) { fieldBlock(col, rowValue ? rowValue[col.name] : undefined, row); });
        rows.appendChild(row);
      };
      (Array.isArray(value) && value.length ? value : [null]).forEach(addRow);
      wrap.appendChild(rows);
      wrap.appendChild(el("button", { type: "button", text: "添加一项", onclick: function () { addRow(null); } }));
      label.setAttribute("id", "l" + (++uid));
      rows.setAttribute("aria-labelledby", label.id);
    } else {
      var input = fieldInput(spec, value);
      label.setAttribute("for", input.id);
      wrap.appendChild(input);
      if (spec.help || spec.type === "list") {
        var help = el("p", { class: "help", id: input.id + "-help", text: (spec.help || "") + (spec.type === "list" ? "（每行一项）" : "") });
        wrap.appendChild(help);
        input.setAttribute("aria-describedby", help.id);
      }
      input.__spec = spec;
    }
    container.appendChild(wrap);
  }

  function buildForm(schema, prefilled) {
    formLayer.textContent = "";
    var form = el("form", { novalidate: true, "aria-label": schema.title });
    var body = el("div", { class: "body" }, [
      el("h2", { text: schema.title, tabindex: "-1" }),
      el("p", { class: "note", text: schema.description }),
      el("p", { class: "note", text: "带 * 的为必填项。您填写的信息只用于生成本文书，不会被保存。" })
    ]);
    var summary = el("div", { class: "summary", role: "alert", hidden: true });
    body.appendChild(summary);
    schema.fields.forEach(function (spec) {
      var has = Object.prototype.hasOwnProperty.call(prefilled, spec.name);
      var value = prefilled[spec.name];
      // Tables and lists arrive from the answer as JSON text (e.g. the respondents known from the conversation).
      if (spec.type === "list" && typeof value === "string" && /^\s*\[/.test(value)) {
        try { value = JSON.parse(value); } catch (e) { /* keep the text */ }
      }
      fieldBlock(spec, value, body, has);
    });
    var warnBox = el("div", { class: "warnings", role: "status", hidden: true });
    var frame = el("iframe", { class: "preview", title: "文书预览", sandbox: "", hidden: true });
    body.appendChild(warnBox);
    body.appendChild(frame);
    var submitBtn = el("button", { type: "submit", class: "primary", text: "生成并下载 Word 文书" });
    var previewBtn = el("button", { type: "button", text: "预览" });
    form.appendChild(body);
    form.appendChild(el("div", { class: "actions" }, [submitBtn, previewBtn, el("button", { type: "button", text: "取消", onclick: closeForm })]));
    previewBtn.addEventListener("click", function () {
      summary.hidden = true;
      var collected = collect(schema, body);
      if (collected.problems.length) { showProblems(summary, collected.problems); return; }
      previewBtn.disabled = true;
      call("/v1/documents/" + encodeURIComponent(schema.id) + "/preview",
        { method: "POST", body: JSON.stringify({ fields: collected.values }) })
        .then(function (res) {
          if (!res.ok) return res.json().then(function (b) { throw b; }, function () { throw { message: "预览失败（" + res.status + "）" }; });
          showWarnings(warnBox, warningsOf(res));
          return res.text().then(function (html) { frame.hidden = false; frame.srcdoc = html; });
        })
        .catch(function (b) { showProblems(summary, (b && b.detail) || [(b && b.message) || "预览失败，请稍后再试"]); })
        .then(function () { previewBtn.disabled = false; });
    });
    formLayer.appendChild(form);
    body.querySelector("h2").focus();
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      summary.hidden = true;
      var collected = collect(schema, body);
      if (collected.problems.length) { showProblems(summary, collected.problems); return; }
      submitBtn.disabled = true;
      submitBtn.textContent = "正在生成…";
      call("/v1/documents/" + encodeURIComponent(schema.id) + "/render",
        { method: "POST", body: JSON.stringify({ fields: collected.values }) })
        .then(function (res) {
          if (!res.ok) return res.json().then(function (b) { throw b; }, function () { throw { message: "生成失败（" + res.status + "）" }; });
          var name = filenameOf(res.headers.get("Content-Disposition")) || schema.id + ".docx";
          var warnings = warningsOf(res);
          return res.blob().then(function (blob) { download(blob, name); return warnings; });
        })
        .then(function (warnings) {
          summary.hidden = false;
          summary.className = "note";
          summary.textContent = "文书已生成并开始下载。请核对内容后打印签字。";
          showWarnings(warnBox, warnings);
        }, function (b) { showProblems(summary, (b && b.detail) || [(b && b.message) || "生成失败，请稍后再试"]); })
        .then(function () {
          submitBtn.disabled = false;
          submitBtn.textContent = "生成并下载 Word 文书";
          if (!root.activeElement) submitBtn.focus();
        });
    });
  }

  function warningsOf(res) {
    var raw = res.headers.get("X-Document-Warnings");
    if (!raw) return [];
    try { var list = JSON.parse(decodeURIComponent(raw)); return Array.isArray(list) ? list : []; } catch (e) { return []; }
  }
  function showWarnings(box, warnings) {
    // Every warning the server gives (e.g. the one-year time limit) is shown here; none is in the document.
    box.hidden = !warnings.length;
    box.textContent = warnings.length ? "请注意（提醒不会写入文书）：\n" + warnings.map(function (w) { return "· " + w; }).join("\n") : "";
  }

  function showProblems(summary, problems) {
    summary.hidden = false;
    summary.className = "summary";
    summary.textContent = "请检查以下项目：\n" + problems.map(function (p) { return "· " + p; }).join("\n");
    summary.setAttribute("tabindex", "-1");
    var bad = formLayer.querySelector("[aria-invalid=true]");
    (bad || summary).focus();
  }

  // ID number: 18 characters with the ISO 7064 MOD 11-2 check character.
  function validIdCard(v) {
    if (!/^\d{17}[\dX]$/.test(v)) return false;
    var w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], sum = 0;
    for (var i = 0; i < 17; i++) sum += parseInt(v[i], 10) * w[i];
    return "10X98765432"[sum % 11] === v[17];
  }
  function validPhone(v) {
    var s = v.replace(/[\s]/g, "");
    return /^1[3-9]\d{9}$/.test(s) || /^(010|02\d|0[3-9]\d{2})-?[2-9]\d{6,7}((-|转)\d{1,6})?$/.test(s) || /^(400|800)\d{7}$/.test(s);
  }

  function checkInput(node, spec, problems) {
    var old = node.parentNode.querySelector(".problem");
    if (old) old.remove();
    node.removeAttribute("aria-invalid");
    var raw = node.type === "checkbox" ? node.checked : node.value.trim();
    var problem = null;
    if (node.type !== "checkbox" && raw === "") {
      if (spec.required) problem = "「" + spec.label + "」为必填项";
    } else if (spec.type === "idcard" && !validIdCard(String(raw).toUpperCase())) {
      problem = "「" + spec.label + "」应为18位身份证号码，请核对最后一位校验码";
    } else if (spec.type === "phone" && !validPhone(String(raw))) {
      problem = "「" + spec.label + "」应为11位手机号或带区号的固定电话";
    } else if (spec.type === "money" && !/^\d+(\.\d{1,2})?$/.test(String(raw).replace(/,/g, ""))) {
      problem = "「" + spec.label + "」应为金额数字，如 5000 或 5000.50";
    }
    if (problem) {
      problems.push(problem);
      node.setAttribute("aria-invalid", "true");
      var msg = el("p", { class: "problem", id: node.id + "-problem", text: problem });
      node.parentNode.appendChild(msg);
      node.setAttribute("aria-describedby", ((node.getAttribute("aria-describedby") || "") + " " + msg.id).trim());
      return undefined;
    }
    if (raw === "") return undefined;
    if (spec.type === "list") return String(raw).split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
    if (spec.type === "idcard") return String(raw).toUpperCase();
    return raw;
  }

  function collect(schema, body) {
    var values = {}, problems = [];
    schema.fields.forEach(function (spec) {
      var wrap = body.querySelector(':scope > .field[data-field="' + spec.name + '"]');
      if (spec.type === "list" && spec.columns) {
        var items = [];
        wrap.querySelectorAll(".row").forEach(function (row) {
          var item = {}, any = false;
          spec.columns.forEach(function (col) {
            var node = row.querySelector('[name="' + col.name + '"]');
            var v = checkInput(node, { label: col.label, type: col.type, required: false }, problems);
            if (v !== undefined) { item[col.name] = v; any = true; }
          });
          if (any) items.push(item);
        });
        if (items.length) values[spec.name] = items;
        else if (spec.required) problems.push("「" + spec.label + "」至少需要填写一项");
        return;
      }
      var checks = wrap.querySelector(':scope > .checks');
      if (checks) {
        var picked = Array.prototype.map.call(checks.querySelectorAll("input:checked"), function (i) { return i.value; });
        if (picked.length) values[spec.name] = picked;
        else if (spec.required) problems.push("「" + spec.label + "」至少需要选择一项");
        return;
      }
      var node = wrap.querySelector('[name="' + spec.name + '"]');
      var v = checkInput(node, spec, problems);
      if (v !== undefined) values[spec.name] = v;
    });
    return { values: values, problems: problems };
  }

  function filenameOf(header) {
    if (!header) return null;
    var star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) { try { return decodeURIComponent(star[1]); } catch (e) { /* fall through */ } }
    var plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : null;
  }
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name, class: "sr", text: "下载" });
    root.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }
})();
