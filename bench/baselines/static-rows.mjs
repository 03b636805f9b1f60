// console-cold's baseline: a static page of 50 conversation rows (the same texts a row shows),
// served from memory by a bare node:http server. Its LCP is what painting such a list costs.
import http from 'node:http';

const port = Number(process.argv[2]);
const names = ['Zofia Łukasik', 'Maija Virtanen', 'Søren Nielsen', 'Olivia Smith', 'Piotr Nowak'];
const rows = Array.from({ length: 50 }, (_, i) => `
  <li class="row" data-conversation-id="${i + 1}"><a href="#${i + 1}">
    <span class="avatar">${names[i % 5][0]}</span>
    <span class="body"><span class="top"><b>${names[i % 5]}</b><time>12:${String(i).padStart(2, '0')}</time></span>
    <span class="preview">Order #${10000 + i} · Dzień dobry, zamówienie nie dotarło, a status przesyłki od tygodnia się nie zmienia.</span>
    <span class="meta">Shop API · Anna Agent</span></span></a></li>`).join('');
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Static rows</title><style>
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1c1917} ul{list-style:none;margin:0;padding:0;width:320px;border-right:1px solid #e7e5e4}
.row{height:76px;border-bottom:1px solid #e7e5e4} .row a{display:flex;gap:12px;padding:10px 12px;color:inherit;text-decoration:none}
.avatar{width:32px;height:32px;border-radius:50%;background:#e0e7ff;display:flex;align-items:center;justify-content:center;flex:none}
.body{display:flex;flex-direction:column;min-width:0;flex:1} .top{display:flex;justify-content:space-between}
.preview,.meta{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-size:12px;color:#57534e} .meta{font-size:11px}
</style></head><body><h1 style="font-size:16px;margin:8px 12px">Inbox</h1><ul role="list">${rows}</ul></body></html>`;

http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)).listen(port, '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
