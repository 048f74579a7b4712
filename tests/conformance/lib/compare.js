'use strict';
// Hop-by-hop comparison of what the server received from the reference client (Chromium or curl) and
// from rwb. Browser scenarios: method, URL (host + path + query), body, and the values of the headers
// below. curl scenarios: all that, plus the request line and the whole ordered header list, byte for byte.

const COMPARED = ['Cookie', 'Referer', 'Origin', 'Sec-Fetch-Site', 'Sec-Fetch-Mode', 'Sec-Fetch-Dest',
    'Sec-Fetch-User', 'Content-Type', 'Authorization'];

// A multipart boundary is made up by each client: both become <boundary>.
function boundaryOf(headers) {
    const ct = headers.find(([n]) => n.toLowerCase() === 'content-type');
    const m = ct && /boundary=("?)([^";]+)\1/i.exec(ct[1]);
    return m ? m[2] : null;
}

function normalize(text, boundary) {
    return boundary ? text.split(boundary).join('<boundary>') : text;
}

function headerValue(headers, name) {
    const values = headers.filter(([n]) => n.toLowerCase() === name.toLowerCase()).map(([, v]) => v);
    return values.length ? values.join(', ') : null;
}

function view(entry) {
    const boundary = boundaryOf(entry.headers);
    const host = headerValue(entry.headers, 'Host') || '';
    const v = {
        method: entry.method,
        url: `${host}${entry.url}`,
        body: normalize(entry.body, boundary),
        requestLine: entry.requestLine,
        headerList: entry.headers.map(([n, val]) => `${n}: ${normalize(val, boundary)}`),
    };
    for (const h of COMPARED) {
        const value = headerValue(entry.headers, h);
        v[h] = value === null ? null : normalize(value, boundary);
    }
    return v;
}

const show = (x) => (x === null || x === undefined ? '(absent)' : JSON.stringify(x));

function sameCookiesOtherOrder(a, b) {
    if (a === null || b === null) return false;
    const sort = (s) => s.split(/;\s*/).sort().join('; ');
    return sort(a) === sort(b);
}

// Returns { agree, differences: [{hop, field, reference, rwb, text}] }, differences in chain order.
function compareLogs(refLog, rwbLog, client, refName) {
    const differences = [];
    const fields = ['method', 'url', ...COMPARED, 'body'];
    if (client === 'curl') fields.push('requestLine');
    const n = Math.min(refLog.length, rwbLog.length);
    for (let i = 0; i < n; i++) {
        const a = view(refLog[i]);
        const b = view(rwbLog[i]);
        for (const f of fields) {
            if (a[f] === b[f]) continue;
            let text = `hop ${i}: ${f}: ${refName} ${show(a[f])}, rwb ${show(b[f])}`;
            if (f === 'Cookie' && sameCookiesOtherOrder(a[f], b[f])) text += ' (same cookies, other order)';
            differences.push({ hop: i, field: f, reference: a[f], rwb: b[f], text });
        }
        if (client === 'curl') {
            const d = firstListDifference(a.headerList, b.headerList);
            if (d) differences.push({ hop: i, field: 'headers', reference: a.headerList, rwb: b.headerList,
                text: `hop ${i}: header list: ${d.replace('REF', refName)}` });
        }
    }
    if (refLog.length !== rwbLog.length) {
        const next = (log) => `${view(log[n]).method} ${view(log[n]).url}`;
        let extra;
        if (rwbLog.length === 0) extra = 'rwb sent nothing';
        else if (refLog.length === 0) extra = `${refName} sent nothing`;
        else extra = refLog.length > rwbLog.length ? `${refName} went on to ${next(refLog)}` : `rwb went on to ${next(rwbLog)}`;
        differences.push({ hop: n, field: 'hops', reference: refLog.length, rwb: rwbLog.length,
            text: `hops: ${refName} ${refLog.length}, rwb ${rwbLog.length} (${extra})` });
    }
    return { agree: differences.length === 0, differences };
}

function firstListDifference(a, b) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] === b[i]) continue;
        return `line ${i + 1}: REF ${show(a[i])}, rwb ${show(b[i])}`;
    }
    return null;
}

// Where rwb's trace JSON says something else than the server heard: hop count, method, URL, and
// header pairs present on one side only. Informative: the comparison itself uses the wire.
function jsonVersusWire(trace, wire) {
    if (!trace || !Array.isArray(trace.hops)) return wire.length ? ['no trace JSON'] : [];
    const notes = [];
    const sent = trace.hops.filter((h) => !h.synthetic && h.request);
    if (sent.length !== wire.length) notes.push(`JSON has ${sent.length} network hops, the server heard ${wire.length}`);
    for (let i = 0; i < Math.min(sent.length, wire.length); i++) {
        const j = sent[i].request;
        const w = wire[i];
        const wu = `${headerValue(w.headers, 'Host')}${w.url}`;
        let ju = j.url;
        try {
            const u = new URL(j.url);
            ju = `${u.host}${u.pathname}${u.search}`;
        } catch { /* keep as is */ }
        if (j.method !== w.method) notes.push(`hop ${i}: JSON method ${j.method}, wire ${w.method}`);
        if (ju !== wu) notes.push(`hop ${i}: JSON URL ${ju}, wire ${wu}`);
        const key = ([n, v]) => `${n.toLowerCase()}: ${v}`;
        const jk = (j.headers || []).map(key);
        const wk = w.headers.map(key);
        const onlyJson = jk.filter((x) => !wk.includes(x));
        const onlyWire = wk.filter((x) => !jk.includes(x));
        if (onlyJson.length) notes.push(`hop ${i}: in JSON, not on the wire: ${onlyJson.join(' | ')}`);
        if (onlyWire.length) notes.push(`hop ${i}: on the wire, not in JSON: ${onlyWire.join(' | ')}`);
    }
    return notes;
}

module.exports = { compareLogs, jsonVersusWire, COMPARED, headerValue };
