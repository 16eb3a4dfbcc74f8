/**
 * The report's only script: tooltips on mouseover and keyboard focus. It reads data-* attributes
 * and the inline JSON, writes with `textContent` only (never markup), and touches no network.
 * Plain ES2017 so every current browser runs it as is; the page's CSP names it by its hash.
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  var tip = document.getElementById('tip');
  var dataEl = document.getElementById('report-data');
  if (!tip) return;
  var data = {};
  try { data = JSON.parse(dataEl ? dataEl.textContent : '{}') || {}; } catch (e) { data = {}; }
  var flowsOf = {};
  (data.groups || []).forEach(function (g) { flowsOf[g.name] = g.flows; });
  function dur(total) {
    if (total === 0) return '0s';
    var s = Math.round(total), out = '', units = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
    units.forEach(function (u) { if (s >= u[1]) { out += Math.floor(s / u[1]) + u[0]; s %= u[1]; } });
    return out || total + 's';
  }
  function count(n) { return String(Math.round(n)).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }
  function textOf(el) {
    var d = el.dataset;
    if (d.tip) return d.tip;
    if (el.classList.contains('o')) {
      var start = Number(d.start), end = Number(d.end), of = flowsOf[d.group];
      var lines = [
        d.group,
        'start ' + dur(start) + ' · end ' + dur(end) + ' (' + dur(end - start) + ')',
        'flows lost: ' + count(Number(d.flows)) + (of ? ' of ' + count(of) : '') + (d.count ? ' (most at once)' : ''),
        'reason: ' + d.reason + (d.filter ? ' (' + d.filter + ')' : '')
      ];
      if (d.count) lines.splice(1, 0, d.count + ' outages merged at this scale');
      return lines.join('\\n');
    }
    return null;
  }
  function target(node) {
    return node && node.closest ? node.closest('[data-tip], .o') : null;
  }
  function show(el, cx, cy) {
    var t = textOf(el);
    if (t === null) return hide();
    tip.textContent = t;
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var x = cx === undefined ? r.left + r.width / 2 : cx;
    var y = cy === undefined ? r.top : cy;
    var w = tip.offsetWidth, hgt = tip.offsetHeight;
    var left = Math.min(Math.max(4, x + 12), document.documentElement.clientWidth - w - 4);
    var top = y - hgt - 10 < 4 ? y + 18 : y - hgt - 10;
    // Page coordinates (the tip is position:absolute), so scrolling carries it with its target.
    tip.style.left = left + window.scrollX + 'px';
    tip.style.top = top + window.scrollY + 'px';
    tip.setAttribute('data-for', el.getAttribute('data-group') || el.getAttribute('data-label') || '');
  }
  function hide() { tip.hidden = true; }
  document.addEventListener('mouseover', function (e) {
    var el = target(e.target);
    if (el) show(el, e.clientX, e.clientY); else hide();
  });
  document.addEventListener('mousemove', function (e) {
    var el = target(e.target);
    if (el && !tip.hidden) show(el, e.clientX, e.clientY);
  });
  document.addEventListener('focusin', function (e) {
    var el = target(e.target);
    if (el) show(el); else hide();
  });
  document.addEventListener('focusout', hide);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });
  document.documentElement.setAttribute('data-ready', '1');
})();
`;
