'use strict';
// Loads the scenario tables and fills in the origins once the server knows its ports:
//   {A}  http://127.0.0.1:P1    {A2} http://127.0.0.1:P2   (same site as {A}, other origin)
//   {L}  http://localhost:P1    {L2} http://localhost:P2   (other site)
//   {C}  http://127.0.0.2:P1    {C2} http://127.0.0.2:P2   (other site)
//   {P1} {P2} the port numbers.
const chromium = require('../scenarios/chromium');
const curl = require('../scenarios/curl');

function all() {
    const list = [...chromium.map((s) => ({ client: 'chromium', ...s })), ...curl.map((s) => ({ client: 'curl', ...s }))];
    const seen = new Set();
    for (const s of list) {
        if (seen.has(s.name)) throw new Error(`scenario name used twice: ${s.name}`);
        seen.add(s.name);
    }
    return list;
}

function expand(value, ports) {
    const [p1, p2] = ports;
    const table = {
        A: `http://127.0.0.1:${p1}`, A2: `http://127.0.0.1:${p2}`,
        L: `http://localhost:${p1}`, L2: `http://localhost:${p2}`,
        C: `http://127.0.0.2:${p1}`, C2: `http://127.0.0.2:${p2}`,
        P1: String(p1), P2: String(p2),
    };
    if (typeof value === 'string') return value.replace(/\{(A2?|L2?|C2?|P[12])\}/g, (m, k) => table[k]);
    if (Array.isArray(value)) return value.map((v) => expand(v, ports));
    if (value && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value)) out[expand(k, ports)] = expand(v, ports);
        return out;
    }
    return value;
}

module.exports = { all, expand };
