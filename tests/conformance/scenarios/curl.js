'use strict';
// curl scenarios, played with `curl -sS -L -o /dev/null ARGS URL` and `rwb trace URL --profile curl ARGS`
// (the same flags; -A becomes --user-agent). Compared byte for byte: request line, header names, order
// and values, body. Routes as in chromium.js; {A} 127.0.0.1:P1, {A2} 127.0.0.1:P2, {C} 127.0.0.2:P1.

const to = (status, location, ...headers) => ({ status, headers: [['Location', location], ...headers] });

const scenarios = [];
const add = (s) => scenarios.push(s);

add({
    name: 'curl-get-chain',
    note: 'GET through 301, 302, 303, 307, 308',
    url: '{A}/g/1?q=1', curl: [],
    routes: { '/g/1': to(301, '/g/2'), '/g/2': to(302, '/g/3'), '/g/3': to(303, '/g/4'), '/g/4': to(307, '/g/5'), '/g/5': to(308, '/g/6') },
});
add({
    name: 'curl-get-cross-host',
    note: 'GET through another host and port and back',
    url: '{A}/g/1', curl: [],
    routes: { '/g/1': to(302, '{C}/g/2'), '/g/2': to(302, '{A2}/g/3'), '/g/3': to(302, '{A}/g/4') },
});
for (const status of [301, 302, 303, 307, 308]) {
    add({
        name: `curl-post-d-${status}`,
        note: `-d body answered by ${status}`,
        url: '{A}/p/1', curl: ['-d', 'a=1&b=2'],
        routes: { '/p/1': to(status, '/p/2') },
    });
}
for (const status of [302, 303]) {
    add({
        name: `curl-X-POST-${status}`,
        note: `-X POST -d answered by ${status}: the method is kept on every hop`,
        url: '{A}/p/1', curl: ['-X', 'POST', '-d', 'a=1'],
        routes: { '/p/1': to(status, '/p/2') },
    });
}
add({
    name: 'curl-X-POST-307',
    note: '-X POST -d answered by 307: method and body kept',
    url: '{A}/p/1', curl: ['-X', 'POST', '-d', 'a=1'],
    routes: { '/p/1': to(307, '/p/2') },
});
add({
    name: 'curl-X-PUT-302',
    note: '-X PUT with --data-binary, 302',
    url: '{A}/p/1', curl: ['-X', 'PUT', '--data-binary', 'raw'],
    routes: { '/p/1': to(302, '/p/2') },
});
add({
    name: 'curl-data-binary-307',
    note: '--data-binary with newlines, 307',
    url: '{A}/p/1', curl: ['--data-binary', 'line1\nline2\r\n'],
    routes: { '/p/1': to(307, '/p/2') },
});
add({
    name: 'curl-post-d-307-cross-host',
    note: '-d with an explicit Content-Type, 307 to another host',
    url: '{A}/p/1', curl: ['-d', '{"a":1}', '-H', 'Content-Type: application/json'],
    routes: { '/p/1': to(307, '{C}/p/2') },
});
add({
    name: 'curl-authorization-cross-host',
    note: '-H Authorization: same host, then another port, then another host',
    url: '{A}/a/1', curl: ['-H', 'Authorization: Bearer secret'],
    routes: { '/a/1': to(302, '/a/2'), '/a/2': to(302, '{A2}/a/3'), '/a/3': to(302, '{C}/a/4') },
});
add({
    name: 'curl-authorization-location-trusted',
    note: '-H Authorization with --location-trusted across hosts',
    url: '{A}/a/1', curl: ['--location-trusted', '-H', 'Authorization: Bearer secret'],
    routes: { '/a/1': to(302, '{C}/a/2'), '/a/2': to(302, '{A}/a/3') },
});
add({
    name: 'curl-user-cross-host',
    note: '-u user:pw: same host, then another port, then another host',
    url: '{A}/a/1', curl: ['-u', 'user:pw'],
    routes: { '/a/1': to(302, '/a/2'), '/a/2': to(302, '{A2}/a/3'), '/a/3': to(302, '{C}/a/4') },
});
add({
    name: 'curl-user-location-trusted',
    note: '-u user:pw with --location-trusted',
    url: '{A}/a/1', curl: ['--location-trusted', '-u', 'user:pw'],
    routes: { '/a/1': to(302, '{C}/a/2') },
});
add({
    name: 'curl-remove-headers',
    note: "-H 'Accept:' removes Accept; -H 'Accept-Language:' removes a header curl does not send",
    url: '{A}/h/1', curl: ['-H', 'Accept:', '-H', 'Accept-Language:'],
    routes: { '/h/1': to(302, '/h/2') },
});
add({
    name: 'curl-empty-header',
    note: "-H 'X-Empty;' sends an empty header; -H 'X-Set: v' a custom one",
    url: '{A}/h/1', curl: ['-H', 'X-Empty;', '-H', 'X-Set: v'],
    routes: { '/h/1': to(302, '{C}/h/2') },
});
add({
    name: 'curl-override-accept-ua',
    note: '-H Accept and -H User-Agent replace curl\'s own',
    url: '{A}/h/1', curl: ['-H', 'Accept: text/html', '-H', 'User-Agent: Custom/1.0'],
    routes: { '/h/1': to(302, '/h/2') },
});
add({
    name: 'curl-user-agent-A',
    note: '-A sets the User-Agent',
    url: '{A}/h/1', curl: ['-A', 'Agent A/2'],
    routes: { '/h/1': to(302, '/h/2') },
});
add({
    name: 'curl-host-override',
    note: "-H 'Host: example.test': relative redirect (same host), then absolute to another host",
    url: '{A}/h/1', curl: ['-H', 'Host: example.test'],
    routes: { '/h/1': to(302, '/h/2'), '/h/2': to(302, '{C}/h/3') },
});
add({
    name: 'curl-cookie-b-set-cookie',
    note: "-b 'a=1' (a cookie string: sent as is, the cookie engine stays off); a 302 sets s=2; then another host",
    url: '{A}/k/1', curl: ['-b', 'a=1'],
    routes: { '/k/1': to(302, '/k/2', ['Set-Cookie', 's=2; Path=/']), '/k/2': to(302, '{C}/k/3'), '/k/3': to(302, '{A}/k/4') },
});
add({
    name: 'curl-compressed',
    note: "--compressed with -b and a custom header: Accept-Encoding after Accept, before Cookie and -H lines, on every hop",
    url: '{A}/z/1', curl: ['--compressed', '-b', 'a=1', '-H', 'X-Custom: 1'],
    routes: { '/z/1': to(302, '/z/2'), '/z/2': to(302, '{C}/z/3') },
});
add({
    name: 'curl-cookie-b-two',
    note: "-b 'a=1; b=2', a 302 replaces b and adds c with Path=/k",
    url: '{A}/k/1', curl: ['-b', 'a=1; b=2'],
    routes: { '/k/1': to(302, '/k/2', ['Set-Cookie', 'b=3'], ['Set-Cookie', 'c=4; Path=/k']) },
});
add({
    name: 'curl-cookie-engine-on',
    note: "-b 'a=1' -b '' (an empty cookie file turns the engine on); a 302 sets s=2 and t=3; then another host and back",
    url: '{A}/k/1', curl: ['-b', 'a=1', '-b', ''],
    routes: { '/k/1': to(302, '/k/2', ['Set-Cookie', 's=2; Path=/'], ['Set-Cookie', 't=3']), '/k/2': to(302, '{C}/k/3'), '/k/3': to(302, '{A}/k/4') },
});
add({
    name: 'curl-set-cookie-without-engine',
    note: 'Set-Cookie in the chain with no -b: curl\'s cookie engine is off, nothing is sent back',
    url: '{A}/k/1', curl: [],
    routes: { '/k/1': to(302, '/k/2', ['Set-Cookie', 's=2']) },
});

module.exports = scenarios;
