// A minimal in-memory Hearth room server on Node `ws`: the reference that hearthd is compared with
// by bench/load/run-load.sh (docs/benchmarks.md, "Live sync load"). It speaks the subset of wire
// protocol v1 (docs/protocol.md) the load tool uses:
//
//   ws://127.0.0.1:PORT/api/ws/{household_id}?token=<jwt>
//   - the token is verified like hearthd does: HS256 only (alg pinned), signature with
//     HEARTH_JWT_SECRET (node:crypto HMAC, constant-time compare), exp required, household_id claim
//     equal to the path -> else close 4001 Unauthorized / 4003 Forbidden, nothing sent first;
//   - {"event":"connected",...} on accept, presence to the household on join/leave;
//   - mutate (pantry create/update/delete) -> ack {received,id,ok,seq,entity_id,rev}, then
//     {"event":"pantry_updated","seq",data:{action,entity_id,entity,rev,user_id,mutation_id,ts,collection}}
//     to every socket of the household, the sender included, encoded once; a retried id is acked
//     again and not reapplied;
//   - anything else -> ack; a ping event every 30 s.
// Nothing is durable: the households exist as long as the process, made on the first join.
//
//   HEARTH_JWT_SECRET=... node server.js [--port 0] [--host 127.0.0.1]
// prints {"listening":"127.0.0.1:PORT","port":PORT} on stdout when ready; SIGTERM stops it.

'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const host = arg('--host', '127.0.0.1');
const port = Number(arg('--port', '0'));
const pingIntervalMs = Number(arg('--ping-interval', '30')) * 1000;
if (!/^127\./.test(host)) {
  console.error('server.js: loopback addresses only');
  process.exit(2);
}
const secret = Buffer.from(process.env.HEARTH_JWT_SECRET || '', 'utf8');
if (secret.length < 32) {
  console.error('server.js: HEARTH_JWT_SECRET must be at least 32 bytes');
  process.exit(2);
}

function b64urlDecode(text) {
  return Buffer.from(text, 'base64url');
}

// Returns the claims, or null (-> 4001).
function verifyToken(token) {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let header;
  let claims;
  try {
    header = JSON.parse(b64urlDecode(parts[0]).toString('utf8'));
    claims = JSON.parse(b64urlDecode(parts[1]).toString('utf8'));
  } catch {
    return null;
  }
  if (!header || header.alg !== 'HS256') return null;
  const expected = crypto.createHmac('sha256', secret).update(parts[0] + '.' + parts[1]).digest();
  const given = b64urlDecode(parts[2]);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  if (!claims || typeof claims.sub !== 'string' || typeof claims.household_id !== 'string') return null;
  if (typeof claims.exp !== 'number' || Math.floor(Date.now() / 1000) >= claims.exp) return null;
  return claims;
}

// household id -> { id, sockets: Set, seq, entities: Map, results: Map(mutation id -> ack data) }
const rooms = new Map();
function roomOf(id) {
  let room = rooms.get(id);
  if (!room) {
    room = { id, sockets: new Set(), seq: 0, entities: new Map(), results: new Map() };
    rooms.set(id, room);
  }
  return room;
}

function send(ws, text) {
  if (ws.readyState === 1) ws.send(text);
}

function broadcast(room, text) {
  for (const ws of room.sockets) send(ws, text);
}

function presence(room) {
  if (room.sockets.size === 0) return;
  const members = [...new Set([...room.sockets].map((ws) => ws.memberId))];
  broadcast(room, JSON.stringify({ event: 'presence', data: { active_connections: room.sockets.size, members } }));
}

const pantryFields = new Set(['name', 'quantity', 'unit', 'category', 'location', 'expires_on']);

function refuse(code, message) {
  return { ok: false, error: { code, message } };
}

function applyMutation(room, memberId, id, data) {
  if (id === undefined || id === null || String(id).length > 128) return { result: refuse('invalid', 'A mutation needs an id.') };
  const prior = room.results.get(String(id));
  if (prior) return { result: prior };
  if (!data || data.collection !== 'pantry') return { result: refuse('invalid', 'Unknown collection.') };
  const fields = data.fields && typeof data.fields === 'object' ? data.fields : {};
  for (const key of Object.keys(fields)) if (!pantryFields.has(key)) return { result: refuse('invalid', `Unknown field ${key}.`) };
  if (fields.quantity !== undefined && (typeof fields.quantity !== 'number' || fields.quantity < 0))
    return { result: refuse('invalid', 'Quantity cannot be negative.') };
  const now = new Date().toISOString();
  let entity;
  let action;
  if (data.op === 'create') {
    if (typeof fields.name !== 'string' || fields.name.trim() === '') return { result: refuse('invalid', 'A name is required.') };
    const entityId = typeof data.entity_id === 'string' && data.entity_id ? data.entity_id : crypto.randomUUID();
    if (room.entities.has(entityId)) return { result: refuse('conflict', 'That item exists already.') };
    entity = { id: entityId, name: fields.name, quantity: fields.quantity ?? 1, unit: fields.unit ?? 'pcs', category: fields.category ?? '',
      location: fields.location ?? '', expires_on: fields.expires_on ?? null, rev: 1, updated_at: now };
    room.entities.set(entityId, entity);
    action = 'created';
  } else if (data.op === 'update' || data.op === 'delete') {
    const existing = room.entities.get(data.entity_id);
    if (!existing) return { result: refuse('not_found', 'That item is gone.') };
    if (data.base_rev !== undefined && data.base_rev !== existing.rev) return { result: refuse('conflict', 'Someone else changed it.') };
    if (data.op === 'update') {
      if (fields.name !== undefined && (typeof fields.name !== 'string' || fields.name.trim() === ''))
        return { result: refuse('invalid', 'A name is required.') };
      entity = { ...existing, ...fields, rev: existing.rev + 1, updated_at: now };
      room.entities.set(entity.id, entity);
      action = 'updated';
    } else {
      entity = existing;
      room.entities.delete(existing.id);
      action = 'deleted';
    }
  } else {
    return { result: refuse('invalid', 'Unknown op.') };
  }
  const seq = ++room.seq;
  const result = { ok: true, seq, entity_id: entity.id, rev: entity.rev };
  room.results.set(String(id), result);
  const event = JSON.stringify({ event: 'pantry_updated', seq, data: { action, entity_id: entity.id, entity, rev: entity.rev,
    user_id: memberId, mutation_id: String(id), ts: now, collection: 'pantry' } });
  return { result, event };
}

function onMessage(ws, room, raw, isBinary) {
  if (isBinary) return send(ws, JSON.stringify({ event: 'error', data: { reason: 'binary frames are not part of the protocol' } }));
  let message;
  try {
    message = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return send(ws, JSON.stringify({ event: 'error', data: { reason: `malformed JSON: ${e.message}` } }));
  }
  if (!message || typeof message !== 'object' || typeof message.event !== 'string' || !message.event)
    return send(ws, JSON.stringify({ event: 'error', data: { reason: '"event" missing' } }));
  const ack = { received: message.event };
  if (message.id !== undefined) ack.id = message.id;
  if (message.event === 'mutate') {
    const { result, event } = applyMutation(room, ws.memberId, message.id, message.data);
    send(ws, JSON.stringify({ event: 'ack', data: { ...ack, ...result } }));
    if (event) broadcast(room, event);
    return;
  }
  send(ws, JSON.stringify({ event: 'ack', data: ack }));
}

const server = http.createServer((req, res) => {
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });

server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url, 'http://localhost');
  const match = /^\/api\/ws\/([^/]+)$/.exec(url.pathname);
  wss.handleUpgrade(req, socket, head, (ws) => {
    if (!match) return ws.close(1008, 'Unknown path');
    const householdId = decodeURIComponent(match[1]);
    const claims = verifyToken(url.searchParams.get('token'));
    if (!claims) return ws.close(4001, 'Unauthorized');
    if (claims.household_id !== householdId) return ws.close(4003, 'Forbidden');
    const room = roomOf(householdId);
    ws.memberId = claims.sub;
    room.sockets.add(ws);
    send(ws, JSON.stringify({ event: 'connected', data: { household_id: householdId, active_connections: room.sockets.size,
      member_id: claims.sub, seq: room.seq, message: `Connected to ${householdId}` } }));
    presence(room);
    ws.on('message', (raw, isBinary) => onMessage(ws, room, raw, isBinary));
    ws.on('close', () => {
      room.sockets.delete(ws);
      presence(room);
    });
    ws.on('error', () => {});
  });
});

const pingTimer = setInterval(() => {
  const ping = JSON.stringify({ event: 'ping', data: {} });
  for (const room of rooms.values()) broadcast(room, ping);
}, pingIntervalMs);

server.listen(port, host, () => {
  const address = server.address();
  process.stdout.write(JSON.stringify({ listening: `${address.address}:${address.port}`, port: address.port }) + '\n');
});

function stop() {
  clearInterval(pingTimer);
  for (const ws of wss.clients) ws.close(1001, 'Server shutting down');
  server.close();
  setTimeout(() => process.exit(0), 300).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
