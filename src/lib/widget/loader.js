/*
 * Switchboard chat loader: <script src=".../widget.js" data-inbox="wgt_..." async></script>.
 * Self-contained on purpose (no framework, no globals but window.SwitchboardChat): it draws a
 * launcher in a shadow root, so the host page's CSS cannot reach it, and opens the chat
 * in an iframe served by Switchboard. postMessage carries only open/close, the unread count
 * and the identity; both sides check origin and source.
 */
(function () {
  'use strict';
  /** @type {Record<string, {open: string, close: string, title: string, unread: string}>} */
  var LABELS = JSON.parse('__SB_LABELS__');
  /** @type {Window & {SwitchboardChat?: object, switchboardChatSettings?: {identity?: object | null, preload?: boolean}}} */
  var w = window;
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script || w.SwitchboardChat) return;
  var token = script.getAttribute('data-inbox') || '';
  var base = new URL(script.src, location.href).origin;
  var wanted = (script.getAttribute('data-locale') || navigator.language || 'en').toLowerCase().slice(0, 2);
  var locale = LABELS[wanted] ? wanted : 'en';
  var t = LABELS[locale];
  var settings = w.switchboardChatSettings || {};
  var identity = settings.identity || null;
  var isOpen = false;
  var ready = false;
  /** @type {HTMLIFrameElement | null} */
  var frame = null;
  var hostEl = document.createElement('div');
  hostEl.setAttribute('data-switchboard-chat', '');
  var root = hostEl.attachShadow({ mode: 'open' });

  var css =
    ':host{all:initial}' +
    '.sb-btn{position:fixed;right:20px;bottom:20px;z-index:2147483646;width:60px;height:60px;border-radius:50%;border:0;cursor:pointer;' +
    'background:#4338ca;color:#fff;box-shadow:0 6px 20px rgba(17,24,39,.28);display:flex;align-items:center;justify-content:center;transition:transform .15s ease,background .15s ease}' +
    '.sb-btn:hover{background:#3730a3;transform:scale(1.05)}' +
    '.sb-btn:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}' +
    '.sb-btn svg{width:28px;height:28px}' +
    '.sb-badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;' +
    'font:700 12px/20px system-ui,-apple-system,Segoe UI,Roboto,sans-serif;text-align:center;box-sizing:border-box;border:2px solid #fff}' +
    '.sb-badge[hidden]{display:none}' +
    '.sb-panel{position:fixed;right:20px;bottom:92px;z-index:2147483647;width:380px;height:min(640px,calc(100vh - 112px));border-radius:16px;overflow:hidden;' +
    'box-shadow:0 12px 40px rgba(17,24,39,.3);background:#fff;display:none}' +
    '.sb-panel.sb-open{display:block}' +
    '.sb-panel iframe{border:0;width:100%;height:100%;display:block;color-scheme:normal}' +
    '@media (max-width:480px){.sb-panel{inset:0;width:100%;height:100%;border-radius:0;right:0;bottom:0}.sb-open~.sb-btn{display:none}}' +
    '@media (prefers-reduced-motion:reduce){.sb-btn{transition:none}}';
  var style = document.createElement('style');
  style.textContent = css;
  root.appendChild(style);

  var panel = document.createElement('div');
  panel.className = 'sb-panel';
  panel.id = 'sb-chat-panel';
  root.appendChild(panel);

  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'sb-btn';
  button.setAttribute('aria-controls', 'sb-chat-panel');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-label', t.open);
  /**
   * An icon built with DOM calls (no markup parsing anywhere in the loader).
   * @param {string} d the path data
   * @param {string} width the stroke width
   */
  function icon(d, width) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    var path = document.createElementNS(ns, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('fill', 'none');
    svg.setAttribute('stroke', 'currentColor');
    svg.setAttribute('stroke-width', width);
    svg.setAttribute('stroke-linecap', 'round');
    svg.setAttribute('stroke-linejoin', 'round');
    svg.setAttribute('aria-hidden', 'true');
    path.setAttribute('d', d);
    svg.appendChild(path);
    return svg;
  }
  var chatIcon = icon('M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z', '2');
  var closeIcon = icon('M18 6 6 18M6 6l12 12', '2.2');
  button.appendChild(chatIcon);
  var badge = document.createElement('span');
  badge.className = 'sb-badge';
  badge.hidden = true;
  button.appendChild(badge);
  root.appendChild(button);

  /** @param {{type: string, identity?: object | null}} message */
  function post(message) {
    if (frame && frame.contentWindow && ready) frame.contentWindow.postMessage(message, base);
  }

  function ensureFrame() {
    if (frame) return;
    frame = document.createElement('iframe');
    frame.title = t.title;
    frame.setAttribute('allow', 'clipboard-write');
    frame.src = base + '/widget/' + encodeURIComponent(token) + '?host=' + encodeURIComponent(location.origin) + '&locale=' + locale;
    panel.appendChild(frame);
  }

  /** @param {number} count */
  function setUnread(count) {
    badge.hidden = !count || isOpen;
    badge.textContent = count > 99 ? '99+' : String(count || '');
    button.setAttribute('aria-label', count && !isOpen ? t.open + ' (' + t.unread.replace('{count}', String(count)) + ')' : isOpen ? t.close : t.open);
  }

  function open() {
    ensureFrame();
    isOpen = true;
    panel.classList.add('sb-open');
    button.setAttribute('aria-expanded', 'true');
    if (chatIcon.parentNode) button.replaceChild(closeIcon, chatIcon);
    setUnread(0);
    post({ type: 'sb:open' });
    if (ready && frame) frame.focus();
  }

  /** @param {boolean} fromFrame */
  function close(fromFrame) {
    isOpen = false;
    panel.classList.remove('sb-open');
    button.setAttribute('aria-expanded', 'false');
    if (closeIcon.parentNode) button.replaceChild(chatIcon, closeIcon);
    setUnread(0);
    post({ type: 'sb:closed' });
    if (fromFrame) button.focus();
  }

  button.addEventListener('click', function () {
    if (isOpen) close(false);
    else open();
  });

  window.addEventListener('message', function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== base) return;
    var data = event.data || {};
    if (data.type === 'sb:ready') {
      ready = true;
      post({ type: 'sb:identity', identity: identity });
      if (isOpen) {
        post({ type: 'sb:open' });
        frame.focus();
      }
    } else if (data.type === 'sb:close') close(true);
    else if (data.type === 'sb:unread' && typeof data.count === 'number') setUnread(isOpen ? 0 : data.count);
  });

  w.SwitchboardChat = {
    open: open,
    close: function () { close(false); },
    /** Verified identity: {userId, email, name, userHash} computed by the site's server. */
    /** @param {object | null} next */
    identify: function (next) {
      identity = next || null;
      post({ type: 'sb:identity', identity: identity });
    },
  };

  function mount() {
    document.body.appendChild(hostEl);
    // A returning visitor's frame loads at once, so replies that came meanwhile show a badge.
    if (settings.preload !== false) ensureFrame();
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
