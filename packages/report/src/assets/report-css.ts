/**
 * The report's stylesheet, inlined in a `<style>` whose hash the Content-Security-Policy names.
 * System fonts only: nothing to download, nothing to inline.
 */
export const REPORT_CSS = `
:root{color-scheme:light;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 24px 48px}
h1{font-size:26px;margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:16px 0 6px}
.kind{font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0}
.description{max-width:78ch;margin:6px 0;white-space:pre-line;overflow-wrap:anywhere}
.meta{color:var(--muted);margin:4px 0 0}
.caption{color:var(--muted);margin:4px 0 10px;max-width:90ch}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
td code{white-space:nowrap}
.verdict{border:1px solid var(--line);border-left-width:6px;border-radius:6px;padding:12px 16px;margin:20px 0 8px;background:var(--soft)}
.verdict.pass{border-left-color:var(--ok)}
.verdict.fail{border-left-color:var(--bad);background:#fff5f5}
.verdict.none{border-left-color:var(--muted)}
.verdict-title{font-size:18px;font-weight:600;margin:0 0 6px}
.verdict.pass .verdict-title{color:var(--ok)}
.verdict.fail .verdict-title{color:var(--bad)}
.verdict ul{list-style:none;margin:0;padding:0}
.verdict li{margin:3px 0;overflow-wrap:anywhere}
.mark{display:inline-block;min-width:3.2em;font-weight:700;font-size:12px;text-align:center;border-radius:4px;padding:0 4px;margin-right:6px;color:#fff}
.mark.ok{background:var(--ok)}
.mark.bad{background:var(--bad)}
.warn{color:var(--warn);font-weight:600}
table{border-collapse:collapse;width:100%;margin:6px 0;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
th{font-size:12px;color:var(--muted);font-weight:600;background:var(--soft)}
td.num,th.num{text-align:right;white-space:nowrap}
td:first-child{min-width:12em}
@media (max-width:640px){main{padding:16px 10px 32px}table{display:block;overflow-x:auto;width:auto;max-width:100%}}
tr.bad td:first-child{box-shadow:inset 3px 0 var(--bad)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:6px 0;color:var(--muted);font-size:12.5px}
.legend .line{display:inline-block;width:18px;height:0;border-top:2px solid var(--ok);vertical-align:3px;margin-right:5px}
.legend .evk{display:inline-block;width:0;height:12px;border-left:1.5px dashed #57606a;vertical-align:-2px;margin:0 6px 0 4px}
.legend .merged{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:-1px;background:repeating-linear-gradient(45deg,#888 0 2px,#fff 2px 4px)}
.chart-wrap{border:1px solid var(--line);border-radius:6px;padding:8px;overflow-x:auto}
svg.timeline,svg.chart{display:block;width:100%;min-width:720px;height:auto;font-size:11px}
svg text{fill:var(--fg)}
.lane-name{font-weight:600;font-size:12px}
.lane-sub,.tick,.axis-name{fill:var(--muted);font-size:10.5px}
.lane-bg{fill:#f3f6f9}
.grid{stroke:#e3e8ee;stroke-width:1}
.o{opacity:.85;cursor:pointer}
.o.m{stroke:#fff;stroke-width:.6;stroke-dasharray:2 1}
.o:hover,.o:focus,.pt:hover,.pt:focus,.bar:hover,.bar:focus,.box:hover,.tick:hover,.mean:hover,.box:focus,.tick:focus,.mean:focus{opacity:1;outline:none;stroke:#111;stroke-width:1.5}
.dl{fill:none;stroke:var(--ok);stroke-width:1.6;pointer-events:none}
.ev-line{stroke:#57606a;stroke-width:1;stroke-dasharray:3 3}
.ev-hit{stroke:transparent;stroke-width:8;pointer-events:stroke}
.ev{cursor:pointer}
.ev:hover .ev-line,.ev:focus .ev-line{stroke:#111;stroke-dasharray:none}
.ev:focus{outline:none}
.ev-label{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:10px;fill:#3d444d}
.pt.a{fill:#0969da}.pt.b{fill:#bf3989}
.bar.a{fill:#0969da}.bar.b{fill:#bf3989}
.link{stroke:#8c959f;stroke-width:2}
.absent{fill:var(--muted);font-style:italic}
.whisker{stroke:#57606a;stroke-width:1.5}
.box{fill:#9ecbff;stroke:#0969da}
.box.out{fill:#ffd8b5;stroke:#bc4c00}
.tick{fill:#0969da}.tick.out{fill:#bc4c00}.tick.p50{fill:#0a3069}
svg text.tick{fill:var(--muted)}
.mean{fill:#1f2328}
#tip{position:absolute;top:0;left:0;z-index:10;max-width:360px;padding:6px 9px;border-radius:5px;background:#1f2328;color:#fff;font-size:12.5px;line-height:1.45;white-space:pre-line;pointer-events:none;box-shadow:0 4px 14px rgba(0,0,0,.25);overflow-wrap:anywhere}
#tip[hidden]{display:none}
details summary{cursor:pointer;color:var(--muted)}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{main{max-width:none;padding:0}.chart-wrap{border:none;overflow:visible}#tip{display:none}details{display:block}}
`;
