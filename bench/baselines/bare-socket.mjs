// The Socket.IO baseline: a bare server (same options as the app's) whose sockets all join one
// room; POST /emit {text} answers 201 and does `io.to(room).emit('message.created', payload)` with
// a payload shaped like the app's. No auth, no database, no event log.
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const ROOM = 'inbox:1';
let seq = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/emit') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const now = new Date().toISOString();
      const id = ++seq;
      io.to(ROOM).emit('message.created', {
        seq: id,
        conversationId: 1,
        inboxId: 1,
        message: { id, conversationId: 1, direction: 'incoming', private: false, text, html: null, status: 'received', error: null, createdAt: now, author: { type: 'contact', id: 1, name: 'Zofia Łukasik' }, clientId: null, externalId: text, event: null, eventData: null, attachments: [], email: null },
      });
      const body = JSON.stringify({ conversationId: 1, messageId: id });
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
});
server.keepAliveTimeout = 65_000;
const io = new Server(server, { serveClient: false, pingInterval: 20_000, pingTimeout: 20_000, maxHttpBufferSize: 1_000_000 });
io.on('connection', (socket) => void socket.join(ROOM));
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  server.close(() => process.exit(0));
});
