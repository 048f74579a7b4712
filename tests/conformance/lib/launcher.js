'use strict';
// The page a chain starts from (served at the scenario's `from` URL, so that the Referer source is
// exactly that URL), and the form bodies a browser builds, written out the same way for rwb.

function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// The page's referrer policy: <meta name=referrer> and/or a Referrer-Policy header on the launcher.
// When both are given the meta element wins (it is applied after the header), as in a browser.
function pagePolicy(start) {
    const p = start.policy || {};
    return p.meta ?? p.header ?? null;
}

function launcherPage(start) {
    const head = ['<meta charset="utf-8">', '<title>launcher</title>'];
    if (start.policy && start.policy.meta) head.push(`<meta name="referrer" content="${esc(start.policy.meta)}">`);
    let body = '';
    switch (start.kind) {
    case 'link':
        body = `<a id="go" href="${esc(start.url)}">go</a>`;
        break;
    case 'form': {
        const inputs = (start.fields || []).map(([n, v]) => `<input type="hidden" name="${esc(n)}" value="${esc(v)}">`);
        body = `<form id="f" method="post" action="${esc(start.url)}" enctype="${esc(start.enctype || 'application/x-www-form-urlencoded')}">`
            + `${inputs.join('')}<button id="submit" type="submit">send</button></form>`;
        break;
    }
    case 'script-auto':
        // Navigates by itself once loaded: a script navigation without user activation.
        body = `<script>addEventListener('load', function () { setTimeout(function () { location.href = ${JSON.stringify(start.url)}; }, 10); });</script>`;
        break;
    default:  // 'script' and 'fetch': the driver runs the script in this page
        body = '<p>launcher';
    }
    const headers = [];
    if (start.policy && start.policy.header) headers.push(['Referrer-Policy', start.policy.header]);
    return { status: 200, headers, body: `<!doctype html><html><head>${head.join('')}</head><body>${body}</body></html>` };
}

// The body a browser submits for these fields and this enctype. Multipart uses the given boundary
// (a browser makes up its own: the comparer replaces either by <boundary>).
function formBody(enctype, fields, boundary) {
    switch (enctype || 'application/x-www-form-urlencoded') {
    case 'multipart/form-data':
        return fields.map(([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join('')
            + `--${boundary}--\r\n`;
    case 'text/plain':
        return fields.map(([n, v]) => `${n}=${v}\r\n`).join('');
    default:
        return new URLSearchParams(fields).toString();
    }
}

function formContentType(enctype, boundary) {
    if (enctype === 'multipart/form-data') return `multipart/form-data; boundary=${boundary}`;
    return enctype || 'application/x-www-form-urlencoded';
}

module.exports = { launcherPage, pagePolicy, formBody, formContentType };
