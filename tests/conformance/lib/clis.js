'use strict';
// The command-line clients: real curl, and rwb with the flags equivalent to a scenario. Run
// asynchronously, since the scenario server answers from this same process.
const { execFile } = require('child_process');
const { formBody, formContentType, pagePolicy } = require('./launcher');

// The boundary handed to rwb for multipart forms (a browser makes up its own; the comparer
// replaces either by <boundary>).
const RWB_BOUNDARY = '----WebKitFormBoundaryRwbConformance0';

function runProcess(file, args, timeoutMs = 30000) {
    return new Promise((resolve) => {
        execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
            (error, stdout, stderr) => {
                let code = 0;
                if (error) code = typeof error.code === 'number' ? error.code : -1;
                resolve({ code, stdout, stderr, spawnError: error && typeof error.code !== 'number' ? error.message : null });
            });
    });
}

function curlArgs(scenario) {
    return ['-sS', '-L', '-o', '/dev/null', ...scenario.curl, scenario.url];
}

// curl's flags carry over to `rwb trace` as they are, except -A (rwb: --user-agent).
function rwbArgsForCurl(scenario) {
    const out = ['trace', scenario.url, '--profile', 'curl', '--format', 'json'];
    const a = scenario.curl;
    for (let i = 0; i < a.length; i++) {
        if (a[i] === '-A' || a[i] === '--user-agent') {
            out.push('--user-agent', a[++i]);
        } else {
            out.push(a[i]);
        }
    }
    return out;
}

// What a browser scenario's start means in rwb's flags: --from for anything started from a page, a
// body for a form (with its enctype as Content-Type), --mode fetch with credentials for fetch().
function rwbArgsForBrowser(scenario) {
    const s = scenario.start;
    const out = ['trace', s.url, '--profile', 'browser', '--format', 'json'];
    if (s.kind !== 'typed') out.push('--from', s.from);
    // A script that runs on its own (no click): no user activation, so no Sec-Fetch-User.
    if (s.kind === 'script-auto') out.push('--no-user-activation');
    const policy = pagePolicy(s);
    if (policy) out.push('--referrer-policy', policy);
    for (const [url, value] of scenario.presetCookies || []) out.push('--preset-cookie', `${url} ${value}`);
    if (s.kind === 'form') {
        const enctype = s.enctype || 'application/x-www-form-urlencoded';
        const body = formBody(enctype, s.fields || [], RWB_BOUNDARY);
        if (enctype === 'application/x-www-form-urlencoded') {
            out.push('-d', body);
        } else {
            out.push('--data-binary', body, '-H', `Content-Type: ${formContentType(enctype, RWB_BOUNDARY)}`);
        }
    }
    if (s.kind === 'fetch') {
        out.push('--mode', 'fetch', '--credentials', s.credentials || 'same-origin');
        const method = s.method || 'GET';
        if (method !== 'GET' && !(method === 'POST' && s.body !== undefined)) out.push('-X', method);
        for (const [n, v] of Object.entries(s.headers || {})) out.push('-H', `${n}: ${v}`);
        if (s.body !== undefined) out.push('--data-binary', s.body);
    }
    return out;
}

async function runCurl(scenario, curlPath) {
    return runProcess(curlPath || 'curl', curlArgs(scenario));
}

async function runRwb(scenario, rwbPath) {
    const args = scenario.client === 'curl' ? rwbArgsForCurl(scenario) : rwbArgsForBrowser(scenario);
    const r = await runProcess(rwbPath, args);
    r.args = args;
    try {
        r.trace = JSON.parse(r.stdout);
    } catch {
        r.trace = null;
    }
    return r;
}

module.exports = { runCurl, runRwb, curlArgs, rwbArgsForCurl, rwbArgsForBrowser };
