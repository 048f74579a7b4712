'use strict';
// --show: the reference client's requests and rwb's, hop by hop, in two columns (a '|' between
// lines that differ, as diff -y does).

function lines(entry) {
    if (!entry) return ['(no request)'];
    const out = [entry.requestLine, ...entry.headers.map(([n, v]) => `${n}: ${v}`)];
    if (entry.bodyLength) out.push('', ...JSON.stringify(entry.body).match(/.{1,70}/g));
    return out;
}

function sideBySide(result) {
    const width = Math.max(60, Math.floor(((process.stdout.columns || 200) - 3) / 2));
    const cut = (s) => (s.length > width ? `${s.slice(0, width - 1)}…` : s.padEnd(width));
    const ref = result.reference || [];
    const rwb = result.rwb || [];
    const out = [`${cut(`${result.client} (${ref.length} requests)`)}   rwb (${rwb.length} requests)`];
    for (let i = 0; i < Math.max(ref.length, rwb.length); i++) {
        out.push(`${'-'.repeat(width)}-+-${'-'.repeat(Math.min(width, 20))} hop ${i}`);
        const a = lines(ref[i]);
        const b = rwb.length || result.rwbRun ? lines(rwb[i]) : [];
        for (let j = 0; j < Math.max(a.length, b.length); j++) {
            const l = a[j] ?? '';
            const r = b[j] ?? '';
            out.push(`${cut(l)} ${l === r ? ' ' : '|'} ${r}`);
        }
    }
    if (result.rwbRun) {
        out.push('', `rwb ${result.rwbRun.args.map((x) => (/^[\w@%+=:,./-]+$/.test(x) ? x : `'${x.replace(/'/g, "'\\''")}'`)).join(' ')}`);
        out.push(`exit ${result.rwbRun.exitCode}${result.rwbRun.stderr ? `: ${result.rwbRun.stderr}` : ''}`);
        for (const n of result.jsonVersusWire || []) out.push(`JSON vs wire: ${n}`);
    }
    if (result.referenceRun && result.referenceRun.outcome) out.push(`${result.client} outcome: ${JSON.stringify(result.referenceRun.outcome)}`);
    return out.join('\n');
}

module.exports = { sideBySide };
