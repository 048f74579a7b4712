'use strict';
// Browser scenarios, played in headless Chromium and in `rwb trace --profile browser`.
//
// A scenario: name, note, start, routes, and optionally presetCookies and settleMs.
//   start.kind: typed (address bar), link (click <a>), form (submit <form method=post>), script
//     (location.href = url, run by the driver), script-auto (the launcher page navigates by itself once
//     loaded: no user activation), fetch (fetch(url, init) run in the launcher page).
//   start.from: the launcher page's URL (the Referer source); start.policy: {meta, header} the page's
//     referrer policy as <meta name=referrer> and/or a Referrer-Policy header on the launcher.
//   routes: path -> {status, headers: [[name, value]...], body}; any other path answers 200 "end".
//     Paths alone select the answer: the host and port only matter to the client.
//   presetCookies: [[URL, Set-Cookie value]...], set by a response from URL before the chain starts.
//   Origins: {A} 127.0.0.1:P1, {A2} 127.0.0.1:P2 (same site), {L} localhost, {C} 127.0.0.2 (other sites).

const to = (status, location, ...headers) => ({ status, headers: [['Location', location], ...headers] });
const page = (body, ...headers) => ({ status: 200, headers, body: `<!doctype html><html><head>${body}</head><body>page</body></html>` });
const FIELDS = [['a', '1'], ['b', 'x y']];
const ACAO = (origin) => ['Access-Control-Allow-Origin', origin];
const ACAC = ['Access-Control-Allow-Credentials', 'true'];
const TEXT = { 'Content-Type': 'text/plain;charset=UTF-8' };

const scenarios = [];
const add = (s) => scenarios.push(s);

// --- typed navigations through each redirect status, and across hosts -----------------------------
for (const status of [301, 302, 303, 307, 308]) {
    add({
        name: `typed-${status}`,
        note: `address bar, same-origin ${status} then 200`,
        start: { kind: 'typed', url: '{A}/t/start?q=1' },
        routes: { '/t/start': to(status, '/t/end') },
    });
}
add({
    name: 'typed-cross-site-chain',
    note: 'address bar: 127.0.0.1 -> 127.0.0.2 -> localhost -> 127.0.0.1 (does Sec-Fetch-Site stay none?)',
    start: { kind: 'typed', url: '{A}/x/1' },
    routes: { '/x/1': to(302, '{C}/x/2'), '/x/2': to(301, '{L}/x/3'), '/x/3': to(307, '{A}/x/4') },
});
add({
    name: 'typed-same-site-chain',
    note: 'address bar: port P1 -> port P2 (same site, other origin) -> back',
    start: { kind: 'typed', url: '{A}/s/1' },
    routes: { '/s/1': to(302, '{A2}/s/2'), '/s/2': to(302, '{A}/s/3') },
});
add({
    name: 'typed-localhost',
    note: 'address bar to localhost: which headers (Sec-Fetch-*, sec-ch-ua, Upgrade-Insecure-Requests)',
    start: { kind: 'typed', url: '{L}/h/1' },
    routes: { '/h/1': to(302, '/h/2') },
});
add({
    name: 'typed-127.0.0.2',
    note: 'address bar to 127.0.0.2',
    start: { kind: 'typed', url: '{C}/h/1' },
    routes: { '/h/1': to(302, '/h/2') },
});

// --- links ------------------------------------------------------------------------------------------
add({
    name: 'link-same-origin',
    note: 'link on the same origin, 302 on the same origin',
    start: { kind: 'link', from: '{A}/launch?from=1', url: '{A}/l/1' },
    routes: { '/l/1': to(302, '/l/2') },
});
add({
    name: 'link-same-site',
    note: 'link from port P2 to port P1 (same site), 302 on P1',
    start: { kind: 'link', from: '{A2}/launch?from=1', url: '{A}/l/1' },
    routes: { '/l/1': to(302, '/l/2') },
});
add({
    name: 'link-cross-site',
    note: 'link from 127.0.0.2 to 127.0.0.1, 302 on 127.0.0.1',
    start: { kind: 'link', from: '{C}/launch?from=1', url: '{A}/l/1' },
    routes: { '/l/1': to(302, '/l/2') },
});
add({
    name: 'link-out-and-back',
    note: 'same-origin link that redirects to another site and back (Sec-Fetch-Site, Referer trimmed)',
    start: { kind: 'link', from: '{A}/launch?secret=1', url: '{A}/l/1' },
    routes: { '/l/1': to(302, '{C}/l/2'), '/l/2': to(302, '{A}/l/3') },
});

// --- form POSTs -------------------------------------------------------------------------------------
for (const status of [301, 302, 303, 307, 308]) {
    add({
        name: `form-urlencoded-${status}`,
        note: `urlencoded POST answered by a same-origin ${status}`,
        start: { kind: 'form', from: '{A}/launch', url: '{A}/f/post', enctype: 'application/x-www-form-urlencoded', fields: FIELDS },
        routes: { '/f/post': to(status, '/f/done') },
    });
}
for (const status of [302, 307]) {
    add({
        name: `form-multipart-${status}`,
        note: `multipart POST answered by ${status}`,
        start: { kind: 'form', from: '{A}/launch', url: '{A}/f/post', enctype: 'multipart/form-data', fields: FIELDS },
        routes: { '/f/post': to(status, '/f/done') },
    });
}
for (const status of [303, 308]) {
    add({
        name: `form-text-plain-${status}`,
        note: `text/plain POST answered by ${status}`,
        start: { kind: 'form', from: '{A}/launch', url: '{A}/f/post', enctype: 'text/plain', fields: FIELDS },
        routes: { '/f/post': to(status, '/f/done') },
    });
}
add({
    name: 'form-cross-site-307',
    note: 'POST from 127.0.0.1 to 127.0.0.2, 307 there',
    start: { kind: 'form', from: '{A}/launch', url: '{C}/f/post', fields: FIELDS },
    routes: { '/f/post': to(307, '/f/post2') },
});
add({
    name: 'form-cross-site-302',
    note: 'POST from 127.0.0.1 to 127.0.0.2, 302 there (becomes GET)',
    start: { kind: 'form', from: '{A}/launch', url: '{C}/f/post', fields: FIELDS },
    routes: { '/f/post': to(302, '/f/done') },
});
add({
    name: 'form-same-site-308',
    note: 'POST from port P2 to port P1, 308',
    start: { kind: 'form', from: '{A2}/launch', url: '{A}/f/post', fields: FIELDS },
    routes: { '/f/post': to(308, '/f/post2') },
});
add({
    name: 'form-out-and-back-307',
    note: 'same-origin POST, 307 to another site, 307 back (Origin and Sec-Fetch-Site to the end)',
    start: { kind: 'form', from: '{A}/launch?k=v', url: '{A}/f/1', fields: FIELDS },
    routes: { '/f/1': to(307, '{C}/f/2'), '/f/2': to(307, '{A}/f/3') },
});
add({
    name: 'form-out-and-back-302',
    note: 'same-origin POST, 307 to another site, 302 back (GET from there on)',
    start: { kind: 'form', from: '{A}/launch?k=v', url: '{A}/f/1', fields: FIELDS },
    routes: { '/f/1': to(307, '{C}/f/2'), '/f/2': to(302, '{A}/f/3') },
});
add({
    name: 'form-same-site-out-and-back-307',
    note: 'POST, 307 to port P2 (same site) and 307 back',
    start: { kind: 'form', from: '{A}/launch', url: '{A}/f/1', fields: FIELDS },
    routes: { '/f/1': to(307, '{A2}/f/2'), '/f/2': to(307, '{A}/f/3') },
});

// --- script navigations -----------------------------------------------------------------------------
add({
    name: 'script-evaluate-same-origin',
    note: 'location.href = url run through page.evaluate (Playwright runs it with a user gesture)',
    start: { kind: 'script', from: '{A}/launch', url: '{A}/j/1' },
    routes: { '/j/1': to(302, '/j/2') },
});
add({
    name: 'script-evaluate-cross-site',
    note: 'location.href = url to another site, through page.evaluate',
    start: { kind: 'script', from: '{A}/launch', url: '{C}/j/1' },
    routes: { '/j/1': to(302, '/j/2') },
});
add({
    name: 'script-auto-same-origin',
    note: 'the launcher sets location.href itself after load: no user activation',
    start: { kind: 'script-auto', from: '{A}/launch', url: '{A}/j/1' },
    routes: { '/j/1': to(302, '/j/2') },
});
add({
    name: 'script-auto-cross-site',
    note: 'the launcher sets location.href to another site itself: no user activation',
    start: { kind: 'script-auto', from: '{A}/launch', url: '{C}/j/1' },
    routes: { '/j/1': to(302, '/j/2') },
});

// --- fetch() ----------------------------------------------------------------------------------------
const fetchCookies = [['{A}/', 'fa=1'], ['{C}/', 'fc=1']];
for (const credentials of ['omit', 'same-origin', 'include']) {
    add({
        name: `fetch-get-same-origin-${credentials}`,
        note: `fetch GET, same-origin 302, credentials ${credentials}`,
        presetCookies: fetchCookies,
        start: { kind: 'fetch', from: '{A}/launch', url: '{A}/api/1', credentials },
        routes: { '/api/1': to(302, '/api/2') },
    });
}
add({
    name: 'fetch-get-cross-origin-acao-include',
    note: 'fetch GET, credentials include, 302 to another site that allows the origin and credentials',
    presetCookies: fetchCookies,
    start: { kind: 'fetch', from: '{A}/launch', url: '{A}/api/1', credentials: 'include' },
    routes: { '/api/1': to(302, '{C}/api/2'), '/api/2': { status: 200, headers: [ACAO('{A}'), ACAC], body: 'ok' } },
});
add({
    name: 'fetch-get-cross-origin-no-acao',
    note: 'fetch GET, 302 to another site without Access-Control-Allow-Origin: what the server sees before the browser stops',
    presetCookies: fetchCookies,
    start: { kind: 'fetch', from: '{A}/launch', url: '{A}/api/1', credentials: 'include' },
    routes: { '/api/1': to(302, '{C}/api/2') },
});
add({
    name: 'fetch-get-cross-origin-acao-no-acac',
    note: 'fetch GET, credentials include, cross-origin response allows the origin but not credentials',
    presetCookies: fetchCookies,
    start: { kind: 'fetch', from: '{A}/launch', url: '{C}/api/1', credentials: 'include' },
    routes: { '/api/1': { status: 302, headers: [['Location', '/api/2'], ACAO('{A}')] }, '/api/2': { status: 200, headers: [ACAO('{A}')], body: 'ok' } },
});
add({
    name: 'fetch-get-cross-origin-acao-acac',
    note: 'fetch GET to another site, credentials include, 302 there, both responses allow origin and credentials',
    presetCookies: fetchCookies,
    start: { kind: 'fetch', from: '{A}/launch', url: '{C}/api/1', credentials: 'include' },
    routes: { '/api/1': { status: 302, headers: [['Location', '/api/2'], ACAO('{A}'), ACAC] }, '/api/2': { status: 200, headers: [ACAO('{A}'), ACAC], body: 'ok' } },
});
add({
    name: 'fetch-get-same-origin-credentials-cross-redirect',
    note: 'fetch GET, credentials same-origin, 302 to another site (ACAO *)',
    presetCookies: fetchCookies,
    start: { kind: 'fetch', from: '{A}/launch', url: '{A}/api/1', credentials: 'same-origin' },
    routes: { '/api/1': to(302, '{C}/api/2'), '/api/2': { status: 200, headers: [ACAO('*')], body: 'ok' } },
});
add({
    name: 'fetch-get-same-site',
    note: 'fetch GET from port P1 to port P2 (same site, cross-origin), credentials include, allowed',
    presetCookies: fetchCookies,
    start: { kind: 'fetch', from: '{A}/launch', url: '{A2}/api/1', credentials: 'include' },
    routes: { '/api/1': { status: 200, headers: [ACAO('{A}'), ACAC], body: 'ok' } },
});
for (const status of [302, 307]) {
    add({
        name: `fetch-post-same-origin-${status}`,
        note: `fetch POST (text/plain body), same-origin ${status}`,
        presetCookies: fetchCookies,
        start: { kind: 'fetch', from: '{A}/launch', url: '{A}/api/post', method: 'POST', body: 'hello=1', headers: TEXT },
        routes: { '/api/post': to(status, '/api/done') },
    });
}
add({
    name: 'fetch-post-cross-origin-307',
    note: 'fetch POST, credentials include, 307 to another site that allows origin and credentials',
    presetCookies: fetchCookies,
    start: { kind: 'fetch', from: '{A}/launch', url: '{A}/api/post', method: 'POST', body: 'hello=1', headers: TEXT, credentials: 'include' },
    routes: { '/api/post': to(307, '{C}/api/post2'), '/api/post2': { status: 200, headers: [ACAO('{A}'), ACAC], body: 'ok' } },
});
for (const credentials of ['include', 'same-origin']) {
    add({
        name: `fetch-cross-site-samesite-none-${credentials}`,
        note: `fetch GET to another site holding SameSite=None; Secure and Lax cookies, credentials ${credentials}`,
        presetCookies: [['{C}/', 'cnone=1; SameSite=None; Secure'], ['{C}/', 'clax=1; SameSite=Lax']],
        start: { kind: 'fetch', from: '{A}/launch', url: '{C}/api/1', credentials },
        routes: { '/api/1': { status: 302, headers: [['Location', '/api/2'], ACAO('{A}'), ACAC] }, '/api/2': { status: 200, headers: [ACAO('{A}'), ACAC], body: 'ok' } },
    });
}
add({
    name: 'fetch-tainted-origin',
    note: 'fetch GET to 127.0.0.2 that redirects to localhost (a third origin): Origin becomes null',
    start: { kind: 'fetch', from: '{A}/launch', url: '{C}/api/1', credentials: 'omit' },
    routes: { '/api/1': { status: 302, headers: [['Location', '{L}/api/2'], ACAO('{A}')] }, '/api/2': { status: 200, headers: [ACAO('null')], body: 'ok' } },
});
add({
    name: 'fetch-put-preflight',
    note: 'fetch PUT to another site: the preflight OPTIONS, then the PUT',
    start: { kind: 'fetch', from: '{A}/launch', url: '{C}/api/put', method: 'PUT', body: 'x', headers: TEXT, credentials: 'omit' },
    routes: {
        '/api/put': { byMethod: {
            OPTIONS: { status: 204, headers: [ACAO('{A}'), ['Access-Control-Allow-Methods', 'PUT']] },
            '*': { status: 200, headers: [ACAO('{A}')], body: 'ok' },
        } },
    },
});

// --- referrer policies ------------------------------------------------------------------------------
// Each policy twice, once as <meta> and once as the launcher's header: a same-origin link that
// redirects to another site and back, and a link to another site that redirects on that site.
const POLICIES = ['no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin',
    'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url'];
POLICIES.forEach((policy, i) => {
    const via = i % 2 === 0 ? 'meta' : 'header';
    const other = via === 'meta' ? 'header' : 'meta';
    add({
        name: `policy-${via}-${policy}`,
        note: `page policy ${policy} (${via}); same-origin link that redirects to another site and back`,
        start: { kind: 'link', from: '{A}/launch?secret=1', url: '{A}/r/1', policy: { [via]: policy } },
        routes: { '/r/1': to(302, '{C}/r/2'), '/r/2': to(302, '{A}/r/3') },
    });
    add({
        name: `policy-cross-${other}-${policy}`,
        note: `page policy ${policy} (${other}); link to another site that redirects on that site`,
        start: { kind: 'link', from: '{A}/launch?secret=1', url: '{C}/r/1', policy: { [other]: policy } },
        routes: { '/r/1': to(302, '/r/2') },
    });
});
add({
    name: 'policy-header-and-meta',
    note: 'launcher sends Referrer-Policy: unsafe-url and has <meta name=referrer content=origin>',
    start: { kind: 'link', from: '{A}/launch?secret=1', url: '{C}/r/1', policy: { header: 'unsafe-url', meta: 'origin' } },
    routes: { '/r/1': to(302, '/r/2') },
});
for (const policy of ['no-referrer', 'origin', 'unsafe-url']) {
    add({
        name: `policy-on-302-${policy}`,
        note: `Referrer-Policy: ${policy} on a 302 in the middle of a same-origin link chain that then leaves the site`,
        start: { kind: 'link', from: '{A}/launch?secret=1', url: '{A}/m/1' },
        routes: { '/m/1': to(302, '/m/2', ['Referrer-Policy', policy]), '/m/2': to(302, '{C}/m/3'), '/m/3': to(302, '{A}/m/4') },
    });
}
add({
    name: 'referer-trimmed-stays-trimmed',
    note: 'link chain A -> C -> A: the Referer trimmed to the origin on C; what comes back to A',
    start: { kind: 'link', from: '{A}/launch?secret=1', url: '{A}/k/1' },
    routes: { '/k/1': to(307, '{C}/k/2'), '/k/2': to(307, '{A}/k/3'), '/k/3': to(302, '/k/4') },
});

// --- cookies ----------------------------------------------------------------------------------------
const SAMESITE = [['{A}/', 'strict=1; SameSite=Strict'], ['{A}/', 'lax=1; SameSite=Lax'],
    ['{A}/', 'none=1; SameSite=None'], ['{A}/', 'nonesec=1; SameSite=None; Secure'], ['{A}/', 'plain=1']];
add({
    name: 'cookies-cross-site-link',
    note: 'SameSite Strict/Lax/None/None+Secure/absent, link from another site, 302 on the cookies\' site',
    presetCookies: SAMESITE,
    start: { kind: 'link', from: '{C}/launch', url: '{A}/c/1' },
    routes: { '/c/1': to(302, '/c/2') },
});
add({
    name: 'cookies-cross-site-form-307',
    note: 'the same cookies, POST from another site answered by 307 (the Lax-by-default 2-minute allowance)',
    presetCookies: SAMESITE,
    start: { kind: 'form', from: '{C}/launch', url: '{A}/c/1', fields: FIELDS },
    routes: { '/c/1': to(307, '/c/2') },
});
add({
    name: 'cookies-cross-site-form-302',
    note: 'the same cookies, POST from another site answered by 302 (GET)',
    presetCookies: SAMESITE,
    start: { kind: 'form', from: '{C}/launch', url: '{A}/c/1', fields: FIELDS },
    routes: { '/c/1': to(302, '/c/2') },
});
add({
    name: 'cookies-same-site-link',
    note: 'the same cookies, link from port P2 (same site)',
    presetCookies: SAMESITE,
    start: { kind: 'link', from: '{A2}/launch', url: '{A}/c/1' },
    routes: { '/c/1': to(302, '/c/2') },
});
add({
    name: 'cookies-same-site-form-307',
    note: 'the same cookies, POST from port P2 (same site), 307',
    presetCookies: SAMESITE,
    start: { kind: 'form', from: '{A2}/launch', url: '{A}/c/1', fields: FIELDS },
    routes: { '/c/1': to(307, '/c/2') },
});
add({
    name: 'cookies-typed-through-other-site',
    note: 'the same cookies, typed: 127.0.0.2 redirects to 127.0.0.1 (a cross-site redirect in a browser-initiated chain)',
    presetCookies: SAMESITE,
    start: { kind: 'typed', url: '{C}/c/0' },
    routes: { '/c/0': to(302, '{A}/c/1'), '/c/1': to(302, '/c/2') },
});
add({
    name: 'cookies-link-same-origin-bounce',
    note: 'the same cookies, same-origin link that goes through another site and back',
    presetCookies: SAMESITE,
    start: { kind: 'link', from: '{A}/launch', url: '{A}/c/1' },
    routes: { '/c/1': to(302, '{C}/c/2'), '/c/2': to(302, '{A}/c/3') },
});
for (const [label, origin] of [['127.0.0.1', '{A}'], ['localhost', '{L}'], ['127.0.0.2', '{C}']]) {
    add({
        name: `cookies-secure-over-http-${label}`,
        note: `Secure and __Host-/__Secure- cookies set over http on ${label}`,
        presetCookies: [[`${origin}/`, 'sec=1; Secure'], [`${origin}/`, '__Host-h=1; Path=/; Secure'],
            [`${origin}/`, '__Secure-s=1; Secure'], [`${origin}/`, 'plain=1']],
        start: { kind: 'typed', url: `${origin}/c/1` },
        routes: { '/c/1': to(302, '/c/2') },
    });
}
add({
    name: 'cookies-prefix-violations',
    note: '__Host- without Secure, with Domain, with Path=/x; __Secure- without Secure; on localhost',
    presetCookies: [['{L}/', '__Host-nosec=1; Path=/'], ['{L}/', '__Host-dom=1; Secure; Path=/; Domain=localhost'],
        ['{L}/', '__Host-path=1; Secure; Path=/c'], ['{L}/', '__Secure-nosec=1'], ['{L}/', 'ok=1']],
    start: { kind: 'typed', url: '{L}/c/1' },
    routes: { '/c/1': to(302, '/c/2') },
});
add({
    name: 'cookies-set-by-302',
    note: 'a 302 in the chain sets a cookie; the next hops (same origin, another site, back) show it',
    start: { kind: 'typed', url: '{A}/c/1' },
    routes: {
        '/c/1': to(302, '/c/2', ['Set-Cookie', 'chain=1'], ['Set-Cookie', 'chainlax=1; SameSite=Lax']),
        '/c/2': to(302, '{C}/c/3'), '/c/3': to(302, '{A}/c/4'),
    },
});
add({
    name: 'cookies-domain-path-host-only',
    note: 'Domain=localhost, Path=/dir, host-only default path, other port; chain visits /dir, /other and port P2',
    presetCookies: [['{L}/dir/page', 'hostonly=1'], ['{L}/dir/page', 'dom=1; Domain=localhost'],
        ['{L}/dir/page', 'rootpath=1; Path=/'], ['{L}/dir/page', 'other=1; Path=/other'], ['{A}/', 'ip=1']],
    start: { kind: 'typed', url: '{L}/dir/x' },
    routes: { '/dir/x': to(302, '/other/y'), '/other/y': to(302, '{L2}/dir/z'), '/dir/z': to(302, '{L}/') },
});
add({
    name: 'cookies-max-age-0-in-chain',
    note: 'a 302 on /c/1 deletes gone (Max-Age=0; Path=/), fails to delete stays (Max-Age=0, default path /c), sets fresh (path /c)',
    presetCookies: [['{A}/', 'gone=1'], ['{A}/', 'stays=1']],
    start: { kind: 'typed', url: '{A}/c/1' },
    routes: { '/c/1': to(302, '/c/2', ['Set-Cookie', 'gone=; Max-Age=0; Path=/'], ['Set-Cookie', 'stays=; Max-Age=0'], ['Set-Cookie', 'fresh=1']) },
});
add({
    name: 'cookies-order',
    note: 'three cookies of different path lengths and ages: the order of the Cookie header',
    presetCookies: [['{A}/', 'first=1'], ['{A}/o/p/q', 'deep=1; Path=/o/p'], ['{A}/', 'second=1'], ['{A}/o/x', 'mid=1; Path=/o']],
    start: { kind: 'typed', url: '{A}/o/p/start' },
    routes: { '/o/p/start': to(302, '/o/end') },
});

// --- refresh and script hops ------------------------------------------------------------------------
add({
    name: 'refresh-header-0',
    note: 'Refresh: 0; url=... header on a 200, same origin',
    start: { kind: 'typed', url: '{A}/rf/1' },
    routes: { '/rf/1': { status: 200, headers: [['Refresh', '0; url=/rf/2']], body: 'refresh' }, '/rf/2': to(302, '/rf/3') },
});
add({
    name: 'refresh-header-cross-site',
    note: 'Refresh header to another site, after a link with a query',
    start: { kind: 'link', from: '{A}/launch?secret=1', url: '{A}/rf/1' },
    routes: { '/rf/1': { status: 200, headers: [['Refresh', '0; url={C}/rf/2']], body: 'refresh' } },
});
add({
    name: 'meta-refresh-0',
    note: '<meta http-equiv=refresh content="0;url=...">, same origin',
    start: { kind: 'typed', url: '{A}/mr/1' },
    routes: { '/mr/1': page('<meta http-equiv="refresh" content="0;url=/mr/2">'), '/mr/2': to(302, '/mr/3') },
});
add({
    name: 'meta-refresh-cross-site',
    note: 'meta refresh to another site, page reached by a link',
    start: { kind: 'link', from: '{A}/launch?secret=1', url: '{A}/mr/1' },
    routes: { '/mr/1': page('<meta http-equiv="refresh" content="0;url={C}/mr/2">') },
});
add({
    name: 'meta-refresh-1s',
    note: 'meta refresh after 1 second',
    settleMs: 2500,
    start: { kind: 'typed', url: '{A}/mr/1' },
    routes: { '/mr/1': page('<meta http-equiv="refresh" content="1; url=/mr/2">') },
});
add({
    name: 'meta-refresh-policy',
    note: 'meta refresh from a page that also has <meta name=referrer content=no-referrer>',
    start: { kind: 'typed', url: '{A}/mr/1' },
    routes: { '/mr/1': page('<meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=/mr/2">') },
});
add({
    name: 'inline-script-location',
    note: 'a page whose inline script does location = ...',
    start: { kind: 'typed', url: '{A}/is/1' },
    routes: { '/is/1': page('<script>location = "/is/2";</script>'), '/is/2': to(302, '/is/3') },
});
add({
    name: 'inline-script-location-cross-site',
    note: 'an inline script sending the page to another site',
    start: { kind: 'link', from: '{A}/launch?secret=1', url: '{A}/is/1' },
    routes: { '/is/1': page('<script>location = "{C}/is/2";</script>') },
});

module.exports = scenarios;
