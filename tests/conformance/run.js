#!/usr/bin/env node
'use strict';
// The conformance runner: plays each scenario against the real client (headless Chromium or curl) and
// against rwb, on the same loopback server, and compares what the server received, hop by hop.
// Usage: node run.js [--client chromium|curl|all] [--only NAME]... [--json FILE] [--show NAME]
//                    [--rwb PATH] [--no-rwb] [--known FILE] [--list]
const fs = require('fs');
const path = require('path');
const { ScenarioServer } = require('./lib/server');
const scenarioTable = require('./lib/scenarios');
const { runCurl, runRwb } = require('./lib/clis');
const { compareLogs, jsonVersusWire } = require('./lib/compare');
const { sideBySide } = require('./lib/show');

const USAGE = `usage: node run.js [options]
  --client chromium|curl|all   which half to run (default all)
  --only NAME                  only this scenario (repeatable)
  --json FILE                  write the results, with every request the server heard, as JSON
  --show NAME                  run NAME and print the reference's and rwb's requests side by side
  --rwb PATH                   the rwb to test (default $RWB, else build/app/rwb or build/app/cli/rwb)
  --no-rwb                     play the reference client only (records what it sends; no comparison)
  --known FILE                 scenarios expected to differ: listed ones do not fail the run, but a
                               listed one that agrees does (remove it from the list)
  --list                       list the scenarios and exit
Exit status: 0 when every scenario agrees (or is a listed known difference), 1 otherwise, 2 bad usage.`;

function parseArgs(argv) {
    const o = { client: 'all', only: [], json: null, show: null, rwb: null, noRwb: false, known: null, list: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => {
            if (i + 1 >= argv.length) usage(`${a} needs a value`);
            return argv[++i];
        };
        if (a === '--client') o.client = next();
        else if (a === '--only') o.only.push(next());
        else if (a === '--json') o.json = next();
        else if (a === '--show') o.show = next();
        else if (a === '--rwb') o.rwb = next();
        else if (a === '--no-rwb') o.noRwb = true;
        else if (a === '--known') o.known = next();
        else if (a === '--list') o.list = true;
        else if (a === '-h' || a === '--help') {
            console.log(USAGE);
            process.exit(0);
        } else usage(`unknown argument ${a}`);
    }
    if (!['chromium', 'curl', 'all'].includes(o.client)) usage(`--client ${o.client}: chromium, curl or all`);
    if (o.show) o.only.push(o.show);
    return o;
}

function usage(message) {
    console.error(`run.js: ${message}\n${USAGE}`);
    process.exit(2);
}

// The known-differences file: {"scenario-name": "why it differs", ...}; keys starting with '_' are comments.
function readKnown(file, scenarios) {
    let table;
    try {
        table = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
        usage(`--known ${file}: ${e.message}`);
    }
    const names = Object.keys(table).filter((k) => !k.startsWith('_'));
    const unknown = names.filter((n) => !scenarios.some((s) => s.name === n));
    if (unknown.length) usage(`--known ${file}: no such scenario: ${unknown.join(', ')}`);
    return Object.fromEntries(names.map((n) => [n, table[n]]));
}

const profileOf = (client) => (client === 'curl' ? 'curl' : 'browser');

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    let list = scenarioTable.all();
    if (opts.client !== 'all') list = list.filter((s) => s.client === opts.client);
    if (opts.only.length) {
        const unknown = opts.only.filter((n) => !list.some((s) => s.name === n));
        if (unknown.length) usage(`no such scenario: ${unknown.join(', ')}`);
        list = list.filter((s) => opts.only.includes(s.name));
    }
    if (opts.list) {
        for (const s of list) console.log(`${s.client.padEnd(8)} ${s.name.padEnd(46)} ${s.note || ''}`);
        return 0;
    }
    const repo = path.resolve(__dirname, '..', '..');
    // The brief's build/app/rwb, or where the default preset puts it (build/app/cli/rwb).
    const built = ['app/rwb', 'app/cli/rwb'].map((p) => path.join(repo, 'build', p));
    const rwbPath = opts.rwb || process.env.RWB || built.find((p) => fs.existsSync(p)) || built[0];
    if (!opts.noRwb && !fs.existsSync(rwbPath)) usage(`rwb not found at ${rwbPath} (build it, or give --rwb / RWB=)`);
    const known = opts.known ? readKnown(opts.known, scenarioTable.all()) : {};

    const server = new ScenarioServer();
    const ports = await server.start();
    let chromium = null;
    const results = [];
    try {
        if (list.some((s) => s.client === 'chromium')) {
            const { ChromiumDriver } = require('./lib/chromium');
            chromium = new ChromiumDriver();
            await chromium.open();
            console.log(`Chromium ${chromium.version}, server on 127.0.0.1, 127.0.0.2${server.ipv6 ? ', ::1' : ''} ports ${ports.join(', ')}`);
        } else {
            console.log(`server on 127.0.0.1, 127.0.0.2${server.ipv6 ? ', ::1' : ''} ports ${ports.join(', ')}`);
        }
        for (const raw of list) {
            const scenario = scenarioTable.expand(raw, ports);
            const result = { name: scenario.name, client: scenario.client, profile: profileOf(scenario.client), note: scenario.note };
            server.reset(scenario);
            if (scenario.client === 'chromium') {
                result.referenceRun = await chromium.run(scenario, server);
            } else {
                server.beginChain();
                const r = await runCurl(scenario);
                result.referenceRun = { exitCode: r.code, stderr: r.stderr.trim(), error: r.spawnError };
            }
            result.reference = server.chainLog();
            result.setup = server.log.filter((e) => e.phase !== 'chain');
            if (!opts.noRwb) {
                server.reset(scenario);
                server.beginChain();
                const r = await runRwb(scenario, rwbPath);
                result.rwbRun = { args: r.args, exitCode: r.code, stderr: r.stderr.trim(), outcome: r.trace && r.trace.outcome };
                result.rwb = server.chainLog();
                result.jsonVersusWire = jsonVersusWire(r.trace, result.rwb);
                const c = compareLogs(result.reference, result.rwb, scenario.client, scenario.client);
                result.agree = c.agree;
                result.differences = c.differences;
                result.known = known[scenario.name] || null;
            }
            results.push(result);
            report(result, opts);
            if (opts.show) console.log(sideBySide(result));
        }
    } finally {
        if (chromium) await chromium.close();
        await server.stop();
    }
    const meta = { ports, chromium: chromium && chromium.version, rwb: opts.noRwb ? null : rwbPath };
    return summarize(results, opts, meta);
}

function report(r, opts) {
    if (opts.noRwb) {
        console.log(`  recorded  ${r.name}: ${r.reference.length} requests${r.referenceRun.error ? ` (${r.referenceRun.error})` : ''}`);
        return;
    }
    const tag = r.agree ? (r.known ? 'AGREE*' : 'agree') : (r.known ? 'known' : 'DIFFER');
    let line = `  ${tag.padEnd(6)}  ${r.name}`;
    if (!r.agree) line += `: ${r.differences[0].text}`;
    if (!r.agree && r.rwbRun.exitCode === 2) line += ` [rwb: ${r.rwbRun.stderr.split('\n')[0]}]`;
    if (r.agree && r.known) line += ': agrees now, remove it from the known list';
    console.log(line);
    if (r.jsonVersusWire.length)
        console.log(`          rwb's JSON vs the wire: ${r.jsonVersusWire[0]}${r.jsonVersusWire.length > 1 ? ` (+${r.jsonVersusWire.length - 1} more)` : ''}`);
}

function summarize(results, opts, meta) {
    if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify({ ...meta, results }, null, 1)}\n`);
    if (opts.noRwb) return 0;
    const firsts = {};
    for (const r of results.filter((x) => !x.agree)) firsts[r.differences[0].field] = (firsts[r.differences[0].field] || 0) + 1;
    const byField = Object.entries(firsts).sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`);
    if (byField.length) console.log(`first differences by field: ${byField.join(', ')}`);
    const parts = [];
    let failed = false;
    for (const profile of ['browser', 'curl']) {
        const mine = results.filter((r) => r.profile === profile);
        if (!mine.length) continue;
        parts.push(`${profile}: ${mine.filter((r) => r.agree).length}/${mine.length} scenarios agree`);
        if (mine.some((r) => r.agree === !!r.known)) failed = true;
    }
    console.log(parts.join(', '));
    const knownCount = results.filter((r) => !r.agree && r.known).length;
    if (opts.known) console.log(`(${knownCount} of the differences are listed in ${opts.known})`);
    return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
    console.error(e.stack || String(e));
    process.exit(1);
});
