'use strict';
// The scenario server: plain node http on 127.0.0.1, 127.0.0.2 and ::1 (for the name localhost), on two
// ports, so that scenarios have same-origin, same-site cross-origin (the other port) and cross-site hosts.
// It answers from the current scenario's script, keyed by path alone (hosts and ports only matter to the
// client), and records every request as it arrived: request line, raw header names and values in order,
// body. /favicon.ico is answered 404 and not recorded.
const http = require('http');
const { launcherPage } = require('./launcher');

const IPV4 = ['127.0.0.1', '127.0.0.2'];
const IPV6 = '::1';

function listenOn(server, host, port) {
    return new Promise((resolve, reject) => {
        const onError = (e) => {
            server.removeListener('listening', onListening);
            reject(e);
        };
        const onListening = () => {
            server.removeListener('error', onError);
            resolve(server.address().port);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
    });
}

function closeAll(servers) {
    return Promise.all(servers.map((s) => new Promise((resolve) => {
        s.closeAllConnections?.();
        s.close(() => resolve());
    })));
}

class ScenarioServer {
    constructor() {
        this.servers = [];
        this.ports = [];
        this.ipv6 = false;
        this.reset(null);
    }

    // Two port numbers, each bound on every loopback address (ephemeral: the first address picks it,
    // the others must get the same number, else try again).
    async start() {
        for (let n = 0; n < 2; n++) {
            let done = false;
            for (let attempt = 0; attempt < 20 && !done; attempt++) {
                const group = [];
                try {
                    const first = this.makeServer();
                    group.push(first);
                    const port = await listenOn(first, IPV4[0], 0);
                    for (const host of IPV4.slice(1)) {
                        const s = this.makeServer();
                        group.push(s);
                        await listenOn(s, host, port);
                    }
                    const s6 = this.makeServer();
                    try {
                        await listenOn(s6, IPV6, port);
                        group.push(s6);
                        this.ipv6 = true;
                    } catch (e) {
                        // No IPv6 loopback: 'localhost' then reaches 127.0.0.1 only, which every client tries.
                        if (e.code !== 'EADDRNOTAVAIL' && e.code !== 'EAFNOSUPPORT') throw e;
                    }
                    this.servers.push(...group);
                    this.ports.push(port);
                    done = true;
                } catch (e) {
                    await closeAll(group);
                    if (e.code !== 'EADDRINUSE') throw e;
                }
            }
            if (!done) throw new Error('could not bind the same port on every loopback address');
        }
        return this.ports;
    }

    stop() {
        return closeAll(this.servers);
    }

    makeServer() {
        const s = http.createServer((req, res) => this.handle(req, res));
        s.keepAliveTimeout = 5000;
        return s;
    }

    // A new scenario: its routes (path -> response script), its launcher (the page the chain starts
    // from), an empty log. Phase 'setup' until the launcher has been served or beginChain() is called.
    reset(scenario) {
        this.scenario = scenario;
        this.log = [];
        this.phase = 'setup';
        this.presets = [];
        this.seq = 0;
    }

    // Answer the next request for this path with 200 and this Set-Cookie (a preset cookie, set as a
    // response sets it).
    addPreset(path, setCookie) {
        this.presets.push({ path, setCookie });
    }

    beginChain() {
        this.phase = 'chain';
    }

    chainLog() {
        return this.log.filter((e) => e.phase === 'chain');
    }

    handle(req, res) {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
            const url = req.url;
            const path = url.split('?')[0];
            if (path === '/favicon.ico') {
                res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': '0' });
                res.end();
                return;
            }
            const body = Buffer.concat(chunks);
            const headers = [];
            for (let i = 0; i < req.rawHeaders.length; i += 2)
                headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
            const entry = {
                seq: this.seq++,
                phase: this.phase,
                time: Date.now(),
                method: req.method,
                url,
                httpVersion: req.httpVersion,
                requestLine: `${req.method} ${url} HTTP/${req.httpVersion}`,
                headers,
                body: body.toString('latin1'),
                bodyLength: body.length,
                local: `${req.socket.localAddress}:${req.socket.localPort}`,
            };
            this.log.push(entry);
            this.respond(entry, path, res);
        });
    }

    respond(entry, path, res) {
        const sc = this.scenario;
        const preset = this.phase === 'setup' ? this.presets.findIndex((p) => p.path === path) : -1;
        if (preset >= 0) {
            const p = this.presets.splice(preset, 1)[0];
            entry.role = 'preset';
            return send(res, { status: 200, headers: [['Set-Cookie', p.setCookie]], body: '<!doctype html><title>preset</title>' });
        }
        if (this.phase === 'setup' && sc && sc.start.from && path === pathOf(sc.start.from)) {
            entry.role = 'launcher';
            const page = launcherPage(sc.start);
            this.phase = 'chain';
            return send(res, page);
        }
        let script = sc && sc.routes && sc.routes[path];
        if (script && script.byMethod) script = script.byMethod[entry.method] || script.byMethod['*'];
        if (!script) script = { status: 200, headers: [], body: '<!doctype html><title>end</title><p>end of chain' };
        send(res, script);
    }
}

function pathOf(url) {
    return new URL(url).pathname;
}

function send(res, script) {
    const body = Buffer.from(script.body ?? '', 'utf8');
    const headers = [...(script.headers || [])];
    const has = (n) => headers.some(([k]) => k.toLowerCase() === n);
    if (!has('content-type')) headers.push(['Content-Type', 'text/html; charset=utf-8']);
    if (!has('cache-control')) headers.push(['Cache-Control', 'no-store']);
    headers.push(['Content-Length', String(body.length)]);
    // writeHead with an array of pairs keeps duplicates (several Set-Cookie) and order.
    res.writeHead(script.status || 200, headers.flat());
    res.end(body);
}

module.exports = { ScenarioServer };
