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
  // Filled in by the server that serves this file (its retention settings); the defaults match them.
  var KEEP_DAYS = parseInt("{{CONVERSATION_RETENTION_DAYS}}", 10) || 180;
  var FEEDBACK_DAYS = parseInt("{{FEEDBACK_RETENTION_DAYS}}", 10) || 180;
  var EXAMPLES = ["怀孕了公司要给我降薪合法吗", "产假有多少天？上海有没有延长", "哺乳期每天有哺乳时间吗",
    "领导对我说黄色笑话，我该怎么办"];
  // National hotlines she can call from the answer (never inside quoted statute text).
  var HOTLINES = /(?<![\d第.])(12351|12333|12338|12348|12320|110)(?![\d条款项元天%.])/g;

  var CSS = [
    ":host{all:initial}",
    ".panel,.bubble{--accent:#b3265e;--accent-fg:#fff;--ink:#222;--muted:#5c5c5c;--bg:#fff;--log:#faf7f8;",
    "--line:#eadde2;--soft:#fffafc;--head:#7a1a40;--quiet:#f3e6eb;--err-bg:#fff1f0;--err-line:#f5b5ae;--err:#a8071a;",
    "--warn-bg:#fffbe6;--warn-line:#f2c94c;--warn:#5c4400;--focus:#f2a900;--size:15px}",
    "@media (prefers-color-scheme:dark){.panel,.bubble{--accent:#9e1f52;--accent-fg:#fff;--ink:#ececec;--muted:#c4bcc0;",
    "--bg:#1f1b1d;--log:#171415;--line:#4a3b42;--soft:#2a2326;--head:#f4a6c6;--quiet:#3a2a31;--err-bg:#3a1c1c;",
    "--err-line:#7a3a3a;--err:#ffb3b3;--warn-bg:#3a3218;--warn-line:#7a6a2a;--warn:#f5e3a0}}",
    "*{box-sizing:border-box;font-family:-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif}",
    ".bubble{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;border:0;",
    "background:var(--accent);color:var(--accent-fg);font-size:15px;font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}",
    ".bubble:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,summary:focus-visible,a:focus-visible",
    "{outline:3px solid var(--focus);outline-offset:2px}",
    ".panel{position:fixed;right:20px;bottom:92px;width:400px;max-width:calc(100vw - 16px);height:min(640px,calc(100vh - 110px));",
    "background:var(--bg);color:var(--ink);border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;",
    "overflow:hidden;z-index:2147483001;font-size:var(--size);line-height:1.6}",
    ".panel[data-size=l]{--size:17px}.panel[data-size=xl]{--size:19px}",
    ".panel[hidden]{display:none}",
    "header{display:flex;align-items:center;gap:4px;padding:8px 10px 8px 14px;background:var(--accent);color:var(--accent-fg)}",
    "header h2{margin:0;font-size:16px;flex:1;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}",
    ".tool{background:transparent;border:1px solid rgba(255,255,255,.6);color:inherit;font-size:13px;line-height:1;cursor:pointer;",
    "padding:6px 8px;border-radius:6px;white-space:nowrap}",
    ".icon{background:transparent;border:0;color:inherit;font-size:22px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}",
    ".log{position:relative;flex:1;overflow-y:auto;padding:12px;background:var(--log)}",
    ".msg{margin:0 0 12px;padding:10px 12px;border-radius:10px;max-width:100%;word-break:break-word}",
    ".me{background:var(--accent);color:var(--accent-fg);margin-left:15%;white-space:pre-wrap}",
    ".bot{background:var(--bg);border:1px solid var(--line)}",
    ".bot h3{font-size:calc(var(--size) - 1px);margin:10px 0 4px;color:var(--head)}",
    ".bot p{margin:0 0 8px}.body.streaming{white-space:pre-wrap;margin:0 0 8px}",
    ".conclusion{border-left:4px solid var(--accent);background:var(--soft);padding:8px 10px;margin:0 0 10px;border-radius:0 8px 8px 0}",
    ".conclusion h3{margin:0 0 4px}.conclusion p{font-weight:600;margin:0 0 6px}.conclusion p:last-child{margin:0}",
    ".status{color:var(--muted);font-size:13px;margin:0 0 6px}",
    ".err{background:var(--err-bg);border:1px solid var(--err-line);color:var(--err)}",
    ".err button{margin:8px 6px 0 0}",
    ".safety{padding:8px 10px;border-radius:8px;margin:0 0 10px}.safety p:last-child{margin:0}",
    "details{border:1px solid var(--line);border-radius:8px;margin:6px 0;background:var(--soft)}",
    "summary{cursor:pointer;padding:6px 10px;font-weight:600;color:var(--head)}",
    "details.sec>summary{font-size:calc(var(--size) - 1px)}",
    "details.sec>.inner{padding:0 8px 6px}",
    "details.sec details{background:var(--bg)}",
    "blockquote{margin:0 10px 6px;padding:6px 10px;border-left:3px solid var(--accent);background:var(--bg);white-space:pre-wrap}",
    ".meta{margin:0 10px 8px;font-size:12px;color:var(--muted)}",
    "ol,ul.steps{margin:4px 0;padding-left:22px}",
    "a.tel{color:inherit;font-weight:700;text-decoration:underline}",
    ".me a.tel{color:inherit}",
    ".chips{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 4px}",
    ".chips button,.docs button,.fb button,.tools button,.err button,.form .actions button{padding:6px 10px;border-radius:6px;",
    "border:1px solid var(--accent);background:var(--bg);color:var(--head);cursor:pointer;font-size:14px}",
    ".docs button{margin:4px 6px 0 0}",
    ".docs button.primary,.form .actions button.primary{background:var(--accent);color:var(--accent-fg)}",
    ".tools,.fb{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin-top:8px}",
    ".fb textarea{width:100%;min-height:60px;padding:6px 8px;border:1px solid var(--line);border-radius:6px;font-size:14px;",
    "background:var(--bg);color:var(--ink)}",
    ".fb label{font-size:13px;display:block;width:100%}.fb .why{width:100%}.fb .why[hidden]{display:none}",
    ".note{font-size:12px;color:var(--muted)}",
    ".privacy{font-size:12px;color:var(--muted);margin:8px 0 0}.privacy summary{font-size:12px;padding:4px 8px}",
    ".privacy p{margin:0 8px 6px}",
    "form.ask{display:flex;gap:6px;padding:8px;border-top:1px solid var(--line);background:var(--bg);align-items:flex-end}",
    "form.ask textarea{flex:1;resize:none;min-height:42px;max-height:120px;padding:8px;border:1px solid #8a8a8a;border-radius:8px;",
    "font-size:var(--size);background:var(--bg);color:var(--ink)}",
    "form.ask button{height:42px;min-width:42px;border-radius:8px;border:0;background:var(--accent);color:var(--accent-fg);font-size:15px;cursor:pointer;padding:0 12px}",
    "form.ask button.voice{background:var(--quiet);color:var(--head)}",
    "form.ask button.voice[aria-pressed=true]{background:var(--focus);color:#222}",
    // A long press records: no text selection, callout or scrolling starts from the button.
    "form.ask button.voice{touch-action:none;user-select:none;-webkit-user-select:none;-webkit-touch-callout:none}",
    "form.ask button.voice.off{background:var(--bg);border:1px dashed var(--head)}form.ask button.voice[aria-disabled=true]{cursor:wait}",
    ".voice-line{margin:0;padding:4px 10px;font-size:13px;color:var(--muted);background:var(--bg);border-top:1px solid var(--line)}",
    ".voice-line.err{color:var(--err);background:var(--err-bg)}.voice-line[hidden]{display:none}",
    "button:disabled{opacity:.55;cursor:wait}",
    ".form{position:absolute;inset:0;background:var(--bg);display:flex;flex-direction:column;z-index:2}",
    ".form[hidden]{display:none}",
    ".form form{display:flex;flex-direction:column;flex:1;min-height:0}",
    ".form .body{flex:1;min-height:0;overflow-y:auto;padding:12px 14px}",
    ".form label{display:block;font-weight:600;margin-top:10px;font-size:14px}",
    ".form .req{color:var(--err);margin-left:2px}",
    ".form input,.form textarea,.form select{width:100%;padding:7px 8px;border:1px solid #8a8a8a;border-radius:6px;font-size:15px;margin-top:3px;",
    "background:var(--bg);color:var(--ink)}",
    ".form textarea{min-height:70px}",
    ".form input[type=checkbox]{width:auto}",
    ".form .help{font-size:12px;color:var(--muted);margin:2px 0 0}",
    ".form .problem{font-size:13px;color:var(--err);margin:2px 0 0}",
    ".form [aria-invalid=true]{border-color:var(--err);background:var(--err-bg)}",
    ".form .row{border:1px dashed var(--line);border-radius:6px;padding:4px 8px 8px;margin-top:6px}",
    ".form .actions{padding:10px 14px;border-top:1px solid var(--line);display:flex;flex-wrap:wrap;gap:4px}",
    ".form .summary{background:var(--err-bg);border:1px solid var(--err-line);color:var(--err);padding:8px;border-radius:6px;white-space:pre-wrap}",
    ".form .pre{font-weight:400;font-size:12px;color:#2f6f3e;margin-left:4px}",
    ".form .checks label{font-weight:400;display:flex;gap:6px;align-items:flex-start;margin-top:4px}",
    ".form .checks input{width:auto;margin-top:5px}",
    ".form .warnings{background:var(--warn-bg);border:1px solid var(--warn-line);color:var(--warn);padding:8px;border-radius:6px;white-space:pre-wrap;margin-top:8px}",
    ".form .preview{margin-top:10px;border:1px solid #ccc;border-radius:6px;width:100%;height:360px;background:#fff}",
    "@media (prefers-color-scheme:dark){.form .pre{color:#9fd8a9}}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    "@media (max-width:480px){.panel{right:0;left:0;bottom:0;top:0;width:100vw;max-width:100vw;height:100%;border-radius:0}",
    ".bubble{right:14px;bottom:14px}}",
    // Printing: only the conversation, every section opened (see beforeprint), black on white.
    "@media print{.bubble,header .tool,header .icon,form.ask,.voice-line,.fb,.tools,.chips,.docs,.privacy,.err button{display:none!important}",
    ".panel{position:static;width:auto;max-width:none;height:auto;box-shadow:none;overflow:visible;--bg:#fff;--log:#fff;--ink:#000;",
    "--muted:#333;--head:#000;--soft:#fff;--line:#999;--accent:#000;--accent-fg:#fff}",
    ".log{overflow:visible;background:#fff}.me{background:#fff;color:#000;border:1px solid #999;margin-left:0}",
    "header{background:#fff;color:#000;border-bottom:2px solid #000}details{break-inside:avoid}}"
  ].join("");
  // On the host page while printing with the panel open: print the answer, not the page behind it.
  var PAGE_PRINT_CSS = "@media print{body:has(> #fzz-legal-widget[data-open]) > :not(#fzz-legal-widget){display:none!important}}";

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
  // Text with the hotline numbers as tel: links (still text nodes and <a> elements, never markup).
  function withLinks(text) {
    var out = [], last = 0, m;
    text = String(text || "");
    HOTLINES.lastIndex = 0;
    while ((m = HOTLINES.exec(text)) !== null) {
      if (m.index > last) out.push(text.slice(last, m.index));
      out.push(el("a", { class: "tel", href: "tel:" + m[1], text: m[1] }));
      last = m.index + m[1].length;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  }
  function adopt(target, css) {
    // A constructed stylesheet works under a host page's strict CSP (style-src without 'unsafe-inline').
    if (target.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function" && CSSStyleSheet.prototype.replaceSync) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      target.adoptedStyleSheets = target.adoptedStyleSheets.concat([sheet]);
      return true;
    }
    return false;
  }

  var host = el("div", { id: "fzz-legal-widget" });
  document.body.appendChild(host);
  var root = host.attachShadow({ mode: "open" });
  if (!adopt(root, CSS)) root.appendChild(el("style", { text: CSS }));
  adopt(document, PAGE_PRINT_CSS);

  var SIZES = [["m", "标准"], ["l", "大"], ["xl", "特大"]];
  var bubble = el("button", { class: "bubble", type: "button", "aria-label": "问法：打开" + TITLE, "aria-expanded": "false",
    "aria-controls": "fzz-panel", text: "问法" });
  var newBtn = el("button", { class: "tool", type: "button", text: "新对话",
    "aria-label": "开始新对话（清除本次对话和记住的地区）" });
  var sizeBtn = el("button", { class: "tool", type: "button", text: "字号" });
  var closeBtn = el("button", { class: "icon", type: "button", "aria-label": "关闭助手", text: "×" });
  // The log is read at her own pace; finished answers are announced once, through the status region.
  var log = el("div", { class: "log", role: "log", "aria-live": "off", "aria-label": "对话记录", tabindex: "-1" });
  var announcer = el("div", { class: "sr", role: "status", "aria-live": "polite" });
  var input = el("textarea", { rows: "1", "aria-label": "输入您的问题", placeholder: "请描述您遇到的问题…",
    maxlength: "500" });
  var sendBtn = el("button", { type: "submit", "aria-label": "发送问题", text: "发送" });
  var voiceBtn = el("button", { type: "button", class: "voice", "aria-label": "语音输入：开始录音", "aria-pressed": "false",
    text: "语音" });
  // Recording time, recognition progress and voice errors: next to the input box, never an alert().
  var voiceLine = el("p", { class: "voice-line", id: "fzz-voice-line", hidden: true });
  var askForm = el("form", { class: "ask", "aria-label": "提问" }, [input, voiceBtn, sendBtn]);
  var formLayer = el("div", { class: "form", hidden: true, role: "dialog", "aria-modal": "true", "aria-label": "填写文书" });
  var heading = el("h2", { id: "fzz-title", text: TITLE });
  var panel = el("div", { class: "panel", id: "fzz-panel", hidden: true, role: "dialog", "aria-modal": "true",
    "aria-labelledby": "fzz-title" }, [
    el("header", null, [heading, newBtn, sizeBtn, closeBtn]), log, voiceLine, askForm, formLayer, announcer
  ]);
  root.appendChild(bubble);
  root.appendChild(panel);

  function remember(slot, value) {
    try { if (value) window.localStorage.setItem(slot, value); else window.localStorage.removeItem(slot); } catch (e) { /* private mode */ }
  }
  function recall(slot) {
    try { return window.localStorage.getItem(slot); } catch (e) { return null; }
  }

  // -- text size: three steps, remembered in this browser --------------------------------------
  var SIZE_SLOT = "fzz-text-size";
  function applySize(code) {
    var i = SIZES.findIndex(function (s) { return s[0] === code; });
    if (i < 0) i = 0;
    panel.setAttribute("data-size", SIZES[i][0]);
    sizeBtn.setAttribute("aria-label", "调整字号，当前" + SIZES[i][1]);
    return i;
  }
  var sizeIndex = applySize(recall(SIZE_SLOT));
  sizeBtn.addEventListener("click", function () {
    sizeIndex = applySize(SIZES[(sizeIndex + 1) % SIZES.length][0]);
    remember(SIZE_SLOT, SIZES[sizeIndex][0]);
    announce("字号：" + SIZES[sizeIndex][1]);
  });
  function announce(text) {
    // Cleared first so the same words are announced again.
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 30);
  }

  // The server issues the conversation id (in the first answer) and binds it to this browser's signed token.
  var conversationId = null;
  var busy = null;  // the running request: {abort}

  function emptyState() {
    var chips = el("div", { class: "chips", role: "group", "aria-label": "示例问题" }, EXAMPLES.map(function (q) {
      return el("button", { type: "button", class: "example", text: q, onclick: function () { input.value = q; submit(); } });
    }));
    var privacy = el("details", { class: "privacy" }, [
      el("summary", { text: "隐私说明：我们保存什么、保存多久" }),
      el("p", { text: "为了理解您在同一对话中的追问，我们保存您的问题和回答摘要" + KEEP_DAYS + "天；保存前会自动去掉手机号、身份证号、银行卡号、邮箱等个人信息。" }),
      el("p", { text: "您点“没帮助”时填写的意见（同样去掉个人信息）保存" + FEEDBACK_DAYS + "天，供工会法律工作者改进回答。生成文书时填写的内容不保存。" }),
      el("p", { text: "点“新对话”会立即删除本次对话的记录，包括记住的地区。请不要在问题中填写姓名、电话等个人信息。" })
    ]);
    return el("div", { class: "msg bot welcome" }, [
      el("p", { text: "您好！我可以帮您查询女职工劳动权益相关的法律规定，如孕期、产假、哺乳期、工资、解除合同、性骚扰等问题，并帮您生成维权文书。" }),
      el("p", { class: "note", text: "可以直接点下面的问题试试：" }),
      chips,
      el("p", { class: "note" }, ["回答仅供参考，不构成法律意见；急需帮助可拨打工会职工服务热线 "].concat(withLinks("12351"), ["。"])),
      privacy
    ]);
  }

  function openPanel() {
    panel.hidden = false;
    host.setAttribute("data-open", "");
    bubble.setAttribute("aria-expanded", "true");
    if (!log.firstChild) log.appendChild(emptyState());
    voice.prepare();
    input.focus();
  }
  function closePanel() {
    if (!formLayer.hidden) { closeForm(); return; }
    voice.cancel();  // the microphone never stays on behind a closed panel
    panel.hidden = true;
    host.removeAttribute("data-open");
    bubble.setAttribute("aria-expanded", "false");
    bubble.focus();
  }
  bubble.addEventListener("click", function () { if (panel.hidden) openPanel(); else closePanel(); });
  closeBtn.addEventListener("click", closePanel);
  // On the document: focus may have left the widget (e.g. a button disabled while a request ran).
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); closePanel(); } });

  // -- focus trap: Tab and Shift+Tab stay inside the open panel (or the open document form) -----------
  var FOCUSABLE = "a[href],button:not([disabled]),textarea:not([disabled]),input:not([disabled]),select:not([disabled]),summary,iframe,[tabindex]:not([tabindex='-1'])";
  function visible(node) { return !!(node.offsetWidth || node.offsetHeight || node.getClientRects().length); }
  function focusables() {
    var scope = formLayer.hidden ? panel : formLayer;
    return Array.prototype.filter.call(scope.querySelectorAll(FOCUSABLE), function (n) {
      if (!visible(n)) return false;
      // A closed <details> hides everything but its <summary>.
      for (var p = n.parentElement; p && p !== scope; p = p.parentElement) {
        if (p.tagName === "DETAILS" && !p.open && n.tagName !== "SUMMARY") return false;
        if (formLayer.hidden && p === formLayer) return false;
      }
      return true;
    });
  }
  panel.addEventListener("keydown", function (e) {
    if (e.key !== "Tab") return;
    var items = focusables();
    if (!items.length) return;
    var first = items[0], last = items[items.length - 1], active = root.activeElement;
    var inside = items.indexOf(active) >= 0;
    if (e.shiftKey && (active === first || !inside)) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && (active === last || !inside)) { e.preventDefault(); first.focus(); }
  });

  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); askForm.requestSubmit ? askForm.requestSubmit() : submit(); }
  });
  askForm.addEventListener("submit", function (e) { e.preventDefault(); submit(); });

  // -- a new conversation: forget this one here and on the server (its remembered region too) --------
  newBtn.addEventListener("click", function () {
    if (busy) busy.abort();
    var old = conversationId;
    conversationId = null;
    if (old) call("/v1/conversations/" + encodeURIComponent(old), { method: "DELETE" }).catch(function () { /* it expires anyway */ });
    if (!formLayer.hidden) closeForm();
    voice.cancel();
    log.textContent = "";
    log.appendChild(emptyState());
    input.value = "";
    input.focus();
    announce("已开始新对话");
  });

  var voice = voiceInput();

  // -- the browser token: signed by the server, kept in localStorage, refreshed once when refused --------
  var TOKEN_SLOT = "fzz-widget-token:" + API;
  var widgetToken = recall(TOKEN_SLOT);
  function saveToken(t) { widgetToken = t; remember(TOKEN_SLOT, t); }
  function ensureToken() {
    if (widgetToken) return Promise.resolve(widgetToken);
    return fetch(API + "/v1/widget/token", { method: "POST", headers: { "X-API-Key": KEY } }).then(function (res) {
      if (!res.ok) return readError(res).then(function (m) { throw new Error(m); });
      return res.json().then(function (b) { saveToken(b.token); return b.token; });
    });
  }
  function headers(body) {
    var h = { "X-API-Key": KEY, "X-Widget-Token": widgetToken || "" };
    // A FormData body (a recording) needs the browser's own multipart Content-Type with its boundary.
    if (!(typeof FormData === "function" && body instanceof FormData)) h["Content-Type"] = "application/json";
    return h;
  }
  function call(path, opts, retried) {
    return ensureToken().then(function () {
      return fetch(API + path, Object.assign({}, opts, { headers: headers(opts && opts.body) }));
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
  function ServerError(message) { this.message = message; }

  // -- voice input: the union's own recogniser (POST /v1/speech) first, the browser's Web Speech second ------
  // Web Speech sends the audio to a foreign service (unreachable in China), so the server's recogniser wins.
  // Her words go into the input box for her to check: nothing is ever sent on her behalf.
  function voiceInput() {
    var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    var MIMES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"];
    var EXT = { "audio/webm": ".webm", "audio/ogg": ".ogg", "audio/mp4": ".m4a" };
    var TAP_MS = 300;  // a press shorter than this is a tap: recording goes on until the next tap
    var limits = { max_seconds: 60, field: "file" };
    var ready = null, mode = null, why = "";  // mode: "record" | "webspeech" | "none" once the server answered
    var state = "idle", runs = 0, stream = null, recorder = null, recognizer = null, timer = null, started = 0;
    var pointerDown = false, holding = false, downAt = 0, upAt = 0, stopWhenReady = false, atLimit = false;

    function canRecord() {
      return typeof window.MediaRecorder === "function" && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
    }
    function show(text, isError) {
      voiceLine.hidden = !text;
      voiceLine.textContent = text || "";
      voiceLine.className = "voice-line" + (isError ? " err" : "");
    }
    function fail(text) { show(text, true); announce(text); }
    function label(recording) {
      voiceBtn.setAttribute("aria-pressed", recording ? "true" : "false");
      voiceBtn.setAttribute("aria-label", recording ? "停止录音" : mode === "none" ? "语音输入（不可用）" : "语音输入：开始录音");
      voiceBtn.textContent = recording ? "停止" : "语音";
      voiceBtn.classList.toggle("off", mode === "none");
    }
    function unavailable() {
      return "语音不可用：" + why + (/文字输入/.test(why) ? "" : "，请用文字输入问题");
    }
    function clock(s) {
      s = Math.max(0, Math.floor(s));
      return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
    }

    // GET /v1/speech once: is a recogniser configured, and its limits. Asked again after a failure.
    function prepare() {
      if (ready) return ready;
      ready = call("/v1/speech", { method: "GET" }).then(function (res) {
        if (res.status === 404) return { available: false, message: null };  // an older server: no route
        if (!res.ok) return readError(res).then(function (m) { throw new ServerError(m); });
        return res.json();
      }).then(function (cfg) {
        if (cfg.available && canRecord()) {
          mode = "record";
          limits = { max_seconds: cfg.max_seconds || 60, field: cfg.field || "file" };
        } else if (Recognition) {
          mode = "webspeech";
        } else {
          mode = "none";
          why = !cfg.available ? (cfg.message || "语音识别服务未配置")
            : window.isSecureContext === false ? "需要通过 HTTPS 打开本页才能录音" : "这个浏览器不支持录音";
        }
        if (state === "idle") label(false);
      }, function (err) {
        ready = null;
        throw err;
      });
      return ready;
    }

    function begin() {
      if (state === "sending") { announce("正在识别，请稍候"); return; }
      if (state !== "idle") { finish(); return; }
      state = "starting";
      stopWhenReady = false;
      show("");
      var run = ++runs;
      prepare().then(function () {
        if (run !== runs) return;
        if (mode === "record") record(run);
        else if (mode === "webspeech") webSpeech(run);
        else { state = "idle"; fail(unavailable()); }
      }, function (err) {
        if (run !== runs) return;
        state = "idle";
        fail(err instanceof ServerError ? err.message : "网络连接失败，暂时无法使用语音输入，请检查网络后重试，或用文字输入问题");
      });
    }

    function micError(err) {
      var name = (err && err.name) || "";
      if (/NotAllowed|Security|PermissionDenied/.test(name)) return "请允许使用麦克风：在浏览器的网站设置中允许本网站使用麦克风后再试，或用文字输入问题";
      if (/NotFound|DevicesNotFound|Overconstrained/.test(name)) return "没有找到麦克风，请检查手机或电脑的麦克风，或用文字输入问题";
      if (/NotReadable|TrackStart/.test(name)) return "麦克风正被其他应用使用，请关闭后再试，或用文字输入问题";
      return "无法开始录音，请用文字输入问题";
    }
    function releaseStream() {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
    }
    function recording(run) {
      state = "recording";
      started = Date.now();
      label(true);
      tick();
      timer = setInterval(tick, 250);
      announce("正在录音…");
      if (stopWhenReady && run === runs) finish();
    }

    function record(run) {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
        if (run !== runs) { s.getTracks().forEach(function (t) { t.stop(); }); return; }  // cancelled meanwhile
        stream = s;
        if (stopWhenReady) {
          // She let go before the microphone was ready (e.g. while the browser asked for permission).
          releaseStream();
          state = "idle";
          show("麦克风已可以使用，请再按一次语音按钮开始说话");
          return;
        }
        var type = MIMES.filter(function (m) { return MediaRecorder.isTypeSupported(m); })[0];
        var options = { audioBitsPerSecond: 32000 };
        if (type) options.mimeType = type;
        var rec, parts = [];
        try { rec = new MediaRecorder(s, options); } catch (e) {
          releaseStream();
          state = "idle";
          fail("无法开始录音，请用文字输入问题");
          return;
        }
        rec.ondataavailable = function (ev) { if (ev.data && ev.data.size) parts.push(ev.data); };
        rec.onstop = function () {
          var blob = new Blob(parts, { type: rec.mimeType || type || "" });
          parts = [];
          if (recorder === rec) recorder = null;
          releaseStream();  // the microphone is off as soon as she stops
          if (run !== runs) return;
          // Stopped before the first chunk was written: nothing to recognise (the server would say 422).
          if (!blob.size) { done(run); fail("录音太短，没有听到说话，请按住按钮说完再松开"); return; }
          upload(blob, run);
        };
        recorder = rec;
        rec.start(1000);
        recording(run);
      }, function (err) {
        if (run !== runs) return;
        state = "idle";
        fail(micError(err));
      });
    }

    function tick() {
      var secs = (Date.now() - started) / 1000, max = limits.max_seconds;
      var left = Math.max(0, Math.ceil(max - secs));
      show("正在录音 " + clock(secs) + " / " + clock(max) + (left <= 10 ? "，还剩 " + left + " 秒" : "") +
        (holding ? "，松开按钮结束" : "，再按一次“停止”结束"));
      // Stopped a little before the server's limit: the recorder starts a moment after the clock.
      if (secs >= max - 0.5) finish(true);
    }

    function finish(limitReached) {
      if (state === "starting") { stopWhenReady = true; return; }
      if (state !== "recording") return;
      clearInterval(timer);
      atLimit = !!limitReached;
      state = "sending";
      label(false);
      voiceBtn.setAttribute("aria-disabled", "true");
      var prefix = atLimit ? "录音已到 " + clock(limits.max_seconds) + " 上限，已自动停止。" : "";
      show(prefix + "正在识别…");
      announce(prefix + "正在识别…");
      if (recognizer) recognizer.stop();
      else if (recorder) recorder.stop();
    }
    function done(run) {
      if (run !== runs) return;
      state = "idle";
      voiceBtn.removeAttribute("aria-disabled");
    }

    function upload(blob, run) {
      var form = new FormData();
      form.append(limits.field, blob, "speech" + (EXT[blob.type.split(";")[0]] || ""));
      blob = null;
      call("/v1/speech", { method: "POST", body: form }).then(function (res) {
        return res.json().then(function (b) { return { res: res, body: b }; }, function () { return { res: res, body: null }; });
      }).then(function (r) {
        form = null;  // the recording is not kept once it is uploaded
        if (run !== runs) return;
        done(run);
        if (!r.res.ok) { fail(errorText(r.res, r.body)); return; }
        var text = String((r.body && r.body.text) || "").trim();
        if (text) place(text); else fail("没有识别到说话内容，请靠近话筒再说一次");
      }, function () {
        form = null;
        if (run !== runs) return;
        done(run);
        fail("网络连接失败，录音没有识别。请检查网络后再说一次，或用文字输入问题");
      });
    }

    // Her words after what she already typed, then the cursor at the end for her to check and send.
    function place(text) {
      var have = input.value.replace(/\s+$/, "");
      var joined = have ? have + (/[，。？！、；：,.?!;:]$/.test(have) ? "" : "，") + text : text;
      var max = parseInt(input.getAttribute("maxlength"), 10) || 500;
      input.value = joined.slice(0, max);
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
      var msg = joined.length > max ? "已识别，超过" + max + "字的部分没有放入，请检查后发送" : "已识别，请检查后发送";
      show(msg);
      announce(msg);
    }

    function webSpeech(run) {
      var r = new Recognition(), heard = "", problem = "";
      r.lang = "zh-CN";
      r.interimResults = false;
      r.onresult = function (ev) {
        for (var i = ev.resultIndex; i < ev.results.length; i++) if (ev.results[i].isFinal) heard += ev.results[i][0].transcript;
      };
      r.onerror = function (ev) { problem = ev.error || "error"; };
      r.onend = function () {
        clearInterval(timer);
        recognizer = null;
        label(false);
        done(run);
        if (heard.trim()) place(heard.trim());
        else if (problem === "not-allowed" || problem === "service-not-allowed") fail(micError({ name: "NotAllowedError" }));
        else if (problem === "audio-capture") fail(micError({ name: "NotFoundError" }));
        else if (!problem || problem === "no-speech") fail("没有识别到说话内容，请靠近话筒再说一次");
        else fail("语音识别失败，请用文字输入问题");
      };
      recognizer = r;
      try { r.start(); } catch (e) { recognizer = null; state = "idle"; fail("语音识别失败，请用文字输入问题"); return; }
      recording(run);
    }

    // Stop everything and keep nothing (panel closed, new conversation, page left).
    function cancel() {
      runs++;
      clearInterval(timer);
      stopWhenReady = false;
      holding = false;
      if (recognizer) { recognizer.onend = null; recognizer.abort(); recognizer = null; }
      if (recorder && recorder.state !== "inactive") recorder.stop();  // its onstop sees a stale run and drops the audio
      recorder = null;
      releaseStream();
      state = "idle";
      voiceBtn.removeAttribute("aria-disabled");
      label(false);
      show("");
    }

    // Press-and-hold (let go to stop) and tap-to-toggle (a short tap starts, the next tap stops) both work.
    voiceBtn.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      pointerDown = true;
      if (state === "recording" || state === "starting") { holding = false; finish(); return; }
      holding = true;
      downAt = Date.now();
      begin();
    });
    function release() {
      if (!pointerDown) return;
      pointerDown = false;
      upAt = Date.now();
      if (holding && upAt - downAt >= TAP_MS) finish();
      holding = false;
    }
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) { voiceBtn.addEventListener(name, release); });
    voiceBtn.addEventListener("click", function () {
      // Presses by pointer are handled above; a click without one is Space/Enter or assistive technology.
      if (pointerDown || Date.now() - upAt < 800) return;
      if (state === "recording" || state === "starting") finish(); else begin();
    });
    voiceBtn.addEventListener("contextmenu", function (e) { e.preventDefault(); });  // a long press is not a menu
    window.addEventListener("pagehide", cancel);

    return {
      prepare: function () { prepare().catch(function () { /* said when she presses the button */ }); },
      cancel: cancel,
      clear: function () { if (state === "idle") show(""); }
    };
  }

  // -- asking: fetch + ReadableStream over the SSE endpoint, rendered as the events arrive -------------
  function submit(again) {
    var q = (again || input.value).trim();
    if (!q || busy) return;
    var welcome = log.querySelector(".welcome");
    if (welcome) welcome.remove();
    voice.clear();
    input.value = "";
    var me = el("div", { class: "msg me", text: q });
    var view = answerView(q);
    log.appendChild(me);
    log.appendChild(view.box);
    log.scrollTop = log.scrollHeight;
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var finished = false, stopped = false;
    busy = { abort: function () { stopped = true; if (controller) controller.abort(); } };
    sendBtn.disabled = true;
    var payload = { question: q, conversation_id: conversationId };
    call("/v1/ask/stream", { method: "POST", body: JSON.stringify(payload), signal: controller ? controller.signal : undefined })
      .then(function (res) {
        if (!res.ok) return readError(res).then(function (m) { throw new ServerError(m); });
        return readStream(res.body.getReader(), function (event, data) {
          if (event === "error") throw new ServerError((data && data.message) || "回答生成失败，请稍后再试");
          if (event === "done") finished = true;
          view.on(event, data, me);
        });
      })
      .then(function () {
        if (!finished && !stopped) throw new Error("stream ended early");
      })
      .catch(function (err) {
        if (stopped) return;
        failed(me, view.box, q, err instanceof ServerError ? err.message : null);
      })
      .then(function () {
        busy = null;
        sendBtn.disabled = false;
        view.box.removeAttribute("aria-busy");
        if (!formLayer.hidden) return;
        if (!root.activeElement || root.activeElement === sendBtn) input.focus();
      });
  }

  // A failure keeps what she typed and offers to send it again.
  function failed(me, box, q, message) {
    box.textContent = "";
    box.className = "msg err";
    box.setAttribute("role", "alert");
    box.appendChild(el("p", { text: message || "网络连接失败，您的问题没有丢失。请检查网络后重试。" }));
    var retry = el("button", { type: "button", text: "重试", onclick: function () {
      me.remove(); box.remove(); input.value = ""; submit(q);
    } });
    box.appendChild(retry);
    if (!input.value.trim()) input.value = q;
    retry.focus();
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
      var event = null, data = [];
      frame.split("\n").forEach(function (line) {
        if (line.indexOf("event:") === 0) event = line.slice(6).trim();
        else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
      });
      if (event === null) return;  // a keep-alive comment (": ping")
      var parsed = null;
      try { parsed = JSON.parse(data.join("\n")); } catch (e) { parsed = data.join("\n"); }
      onEvent(event, parsed);
    }
    return pump();
  }

  // -- one answer, filled in as its events arrive; every paragraph is shown once ---------------------
  function norm(text) { return String(text || "").replace(/【[^】]*】/g, "").replace(/\s+/g, ""); }
  function paragraphs(text) {
    // A label line (【上海地方规定】) belongs to the paragraph after it.
    var out = [], label = "";
    String(text || "").split(/\n+/).forEach(function (line) {
      line = line.trim();
      if (!line) return;
      if (/^【[^】]*】$/.test(line)) { label += line; return; }
      out.push(label + line);
      label = "";
    });
    if (label) out.push(label);
    return out;
  }

  function answerView(question) {
    var a = { question: question, citations: [], summary: "", body: "" };
    var box = el("div", { class: "msg bot", "aria-busy": "true" });
    var live = el("p", { class: "status", text: "正在查找相关法律规定…" });
    var safety = el("div");
    var conclusion = el("section", { class: "conclusion", "aria-label": "结论", hidden: true });
    var body = el("div", { class: "body" });
    var sections = el("div");
    var tail = el("div");
    box.appendChild(live);
    box.appendChild(safety);
    box.appendChild(conclusion);
    box.appendChild(body);
    box.appendChild(sections);
    box.appendChild(tail);
    var slots = {};
    ["basis", "calculations", "cases", "next_steps", "documents"].forEach(function (name) {
      slots[name] = el("div");
      sections.appendChild(slots[name]);
    });
    var sources = {}, order = [], tokens = "", scrolled = false;

    function shown() {
      // Every paragraph already on screen outside the quoted texts, normalised.
      return Array.prototype.map.call(box.querySelectorAll(".para"), function (p) { return norm(p.textContent); });
    }
    function fresh(text, seen) {
      var n = norm(text);
      return n && !seen.some(function (s) { return s.indexOf(n) >= 0; });
    }
    function fill(container, text, tag, cls) {
      container.textContent = "";
      var seen = shown();
      paragraphs(text).forEach(function (p) {
        if (!fresh(p, seen)) return;
        seen.push(norm(p));
        container.appendChild(el(tag || "p", { class: "para" + (cls ? " " + cls : "") }, withLinks(p)));
      });
    }
    function section(slot, title, count, children, cls) {
      slot.textContent = "";
      var inner = el("div", { class: "inner" }, children);
      slot.appendChild(el("details", { class: "sec " + cls }, [
        el("summary", { text: title + (count ? "（" + count + "）" : "") }), inner
      ]));
    }
    function citeCard(c) {
      var meta = [c.level, c.region_label || c.region, "版本 " + (c.version || "未知")];
      if (c.effective) meta.push("施行 " + c.effective);
      meta.push(c.status || "现行有效");
      return el("details", { class: "cite", "data-id": c.id }, [
        el("summary", { text: c.title || ("《" + c.law + "》" + c.label) }),
        el("blockquote", { text: c.text }),
        el("p", { class: "meta", text: meta.join(" · ") + (c.note ? "；" + c.note : "") })
      ]);
    }
    function showSources(keep) {
      var list = (keep || order).filter(function (id) { return sources[id]; }).map(function (id) { return sources[id]; });
      a.citations = list;
      if (!list.length) { slots.basis.textContent = ""; return; }
      section(slots.basis, "法律依据", list.length + "条", list.map(citeCard), "basis");
    }
    function scrollToQuestion(me) {
      // Her question at the top, the conclusion right under it: where a phone reader starts.
      if (scrolled) return;
      scrolled = true;
      log.scrollTop = Math.max(0, me.offsetTop - 8);
    }

    function on(event, data, me) {
      if (event === "safety") {
        a.safety = data;
        safety.textContent = "";
        var warn = el("div", { class: "safety err", role: "alert" });
        fill(warn, data);
        safety.appendChild(warn);
      } else if (event === "sources") {
        (data || []).forEach(function (c) { if (!sources[c.id]) order.push(c.id); sources[c.id] = c; });
        showSources();
        live.textContent = "已找到相关法律依据，正在整理回答…";
      } else if (event === "summary") {
        a.summary = data || "";
        conclusion.hidden = false;
        conclusion.textContent = "";
        conclusion.appendChild(el("h3", { text: "结论" }));
        var text = el("div");
        conclusion.appendChild(text);
        body.textContent = "";  // re-checked against the new conclusion below
        fill(text, a.summary);
        if (a.body || tokens) fill(body, a.body || tokens);
        scrollToQuestion(me);
      } else if (event === "token") {
        tokens += String(data);
        body.className = "body streaming";
        body.textContent = tokens;  // plain while it streams; split into paragraphs once complete
      } else if (event === "body") {
        a.body = data || "";
        fill(body, a.body);
      } else if (event === "calculations") {
        a.calculations = data || [];
        section(slots.calculations, "按您的情况计算", a.calculations.length + "项", a.calculations.map(function (c) {
          var basis = (c.articles || []).map(function (id) { return sources[id] ? sources[id].title : id; });
          return el("div", null, [
            el("p", { class: "para" }, withLinks(c.title + "：" + c.text)),
            el("ol", null, (c.steps || []).map(function (s) { return el("li", { text: s }); })),
            basis.length ? el("p", { class: "note", text: "依据：" + basis.join("、") }) : null,
            (c.notes || []).length ? el("p", { class: "note", text: c.notes.join("；") }) : null
          ]);
        }), "calcs");
      } else if (event === "cases") {
        a.cases = data || [];
        section(slots.cases, "相关案例", a.cases.length + "个", a.cases.map(function (c) {
          return el("details", { class: "case" }, [
            el("summary", { text: c.title }),
            el("blockquote", { text: c.holding }),
            el("p", { class: "meta", text: [c.publisher, c.date].filter(Boolean).join(" · ") })
          ]);
        }), "cases");
      } else if (event === "next_steps") {
        a.next_steps = data || [];
        section(slots.next_steps, "下一步怎么做", "", [el("ol", null, a.next_steps.map(function (s) {
          return el("li", { class: "para" }, [el("strong", { text: s.title })].concat(s.detail ? ["："].concat(withLinks(s.detail)) : []));
        }))], "steps");
      } else if (event === "documents") {
        a.documents = data || [];
        slots.documents.textContent = "";
        if (!a.documents.length) return;
        var docs = el("div", { class: "docs" });
        a.documents.forEach(function (d) {
          docs.appendChild(el("button", { type: "button", "data-template": d.template_id, title: d.reason,
            text: "填写《" + d.title + "》", onclick: function () { openForm(d, a); } }));
        });
        slots.documents.appendChild(el("h3", { text: "可以帮您生成的文书" }));
        slots.documents.appendChild(docs);
      } else if (event === "notices") {
        a.notices = data || [];
        var notes = el("div", { class: "notices" });
        var seen = shown();
        a.notices.forEach(function (n) {
          if (!fresh(n, seen)) return;
          seen.push(norm(n));
          notes.appendChild(el("p", { class: "para note" }, ["提示："].concat(withLinks(n))));
        });
        tail.appendChild(notes);
      } else if (event === "done") {
        Object.keys(data || {}).forEach(function (k) { a[k] = data[k]; });
        if (a.conversation_id) conversationId = a.conversation_id;
        if (data && data.citation_ids) showSources(data.citation_ids);
        body.className = "body";
        if (tokens && !a.body) { a.body = tokens.trim(); fill(body, a.body); }
        live.remove();
        if (!a.summary) { conclusion.hidden = true; }
        // The one fact still missing, asked with the conclusion (unless the conclusion already asks it).
        if (a.follow_up && !conclusion.hidden && fresh(a.follow_up, shown())) {
          conclusion.appendChild(el("p", { class: "para follow" }, withLinks(a.follow_up)));
        }
        if (a.disclaimer) tail.appendChild(el("p", { class: "note" }, withLinks(a.disclaimer)));
        tail.appendChild(tools(a));
        tail.appendChild(feedbackRow(a));
        scrollToQuestion(me);
        announce("回答已生成。结论：" + (a.summary || "").slice(0, 160));
      }
    }
    return { box: box, on: on };
  }

  function answerText(a) {
    var out = ["问：" + a.question, "", "结论：" + (a.summary || "")];
    if (a.body) out.push("", a.body);
    if (a.citations && a.citations.length) {
      out.push("", "法律依据：");
      a.citations.forEach(function (c) {
        out.push((c.title || "《" + c.law + "》" + c.label) + "（" + [c.version, c.status].filter(Boolean).join("，") + "）", c.text);
      });
    }
    if (a.next_steps && a.next_steps.length) {
      out.push("", "下一步怎么做：");
      a.next_steps.forEach(function (s, i) { out.push((i + 1) + ". " + s.title + (s.detail ? "：" + s.detail : "")); });
    }
    if (a.disclaimer) out.push("", a.disclaimer);
    return out.join("\n");
  }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { class: "sr", "aria-hidden": "true" });
      area.value = text;
      root.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }
  function tools(a) {
    var row = el("div", { class: "tools" });
    var copy = el("button", { type: "button", text: "复制回答", onclick: function () {
      copyText(answerText(a)).then(function () { copy.textContent = "已复制"; announce("回答已复制"); },
        function () { announce("复制失败，请长按选择文字复制"); });
    } });
    row.appendChild(copy);
    row.appendChild(el("button", { type: "button", text: "打印", onclick: function () { window.print(); } }));
    return row;
  }

  // Printing opens every section, and closes again those she had not opened.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = Array.prototype.filter.call(log.querySelectorAll("details:not([open])"), function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () { reopened.forEach(function (d) { d.open = false; }); reopened = []; });

  function feedbackRow(a) {
    var row = el("div", { class: "fb", role: "group", "aria-label": "这个回答有帮助吗" }, [el("span", { class: "note", text: "这个回答有帮助吗？" })]);
    var result = el("span", { class: "note", role: "status" });
    function send(helpful, comment) {
      row.querySelectorAll("button,textarea").forEach(function (b) { b.disabled = true; });
      return call("/v1/feedback", { method: "POST",
        body: JSON.stringify({ helpful: helpful, comment: comment || "", question: a.question || "",
          conversation_id: a.conversation_id || null }) })
        .then(function (r) { result.textContent = r.ok ? "谢谢您的反馈！" : "反馈提交失败，请稍后再试"; },
          function () { result.textContent = "网络连接失败，反馈没有提交"; });
    }
    var yes = el("button", { type: "button", text: "有帮助", onclick: function () { send(true); } });
    var no = el("button", { type: "button", text: "没帮助", "aria-expanded": "false", onclick: function () {
      if (why.hidden === false) return;
      why.hidden = false;
      no.setAttribute("aria-expanded", "true");
      box.focus();
    } });
    var uidWhy = "fb" + (++uid);
    var box = el("textarea", { id: uidWhy, maxlength: "500", placeholder: "例如：没有说到我所在地区的规定" });
    var why = el("div", { class: "why", hidden: true }, [
      el("label", { for: uidWhy, text: "哪里没帮到您？（可不填，请勿填写个人信息）" }), box,
      el("button", { type: "button", text: "提交反馈", onclick: function () { send(false, box.value.trim()); } })
    ]);
    row.appendChild(yes);
    row.appendChild(no);
    row.appendChild(why);
    row.appendChild(result);
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
    // The server's problems name their field ({field, message}); the browser's own checks are plain text.
    summary.textContent = "请检查以下项目：\n" + problems.map(function (p) { return "· " + (p && p.message ? p.message : p); }).join("\n");
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
