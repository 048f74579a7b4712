#pragma once

#include "core/http/proxy.h"
#include "core/http/trace.h"
#include "core/policy/options.h"

class QNetworkReply;
class QNetworkRequest;
class QSslCertificate;
class QSslConfiguration;

namespace Rwb {

// The headers a profile's client sends on its own (User-Agent, Accept), and the ones QNAM would add
// implicitly unless they are set (Host, Connection, Accept-Language, Accept-Encoding, Content-Type,
// Content-Length). Setting them all ourselves makes the recorded list the sent list. The browser profile's
// own set comes from its request context (`browserHeaders`: BrowserContext::nextHop), with Host,
// Connection, Content-Length and Cookie added around it here.
WireRequest buildWireRequest(Profile profile, const RequestSpec &spec, const QByteArray &cookieHeader,
                             const HeaderList &browserHeaders = {});

// The request as options.profile's client writes it (docs/spec/curl-requests.md for curl and strict),
// with Options::userAgent, and spec.suppressedHeaders left out where the client allows it: what they did
// is said in a header-suppressed note appended to *notes. This is the exact head: on plain http the
// engine's relay sends it byte for byte; for requests Qt writes itself see fitToQt().
// The browser profile's own set comes from its request context (`browserHeaders`: BrowserContext::nextHop),
// with Host, Connection, Content-Length and Cookie added around it.
WireRequest buildWireRequest(const Options &options, const RequestSpec &spec, const QByteArray &cookieHeader,
                             NoteList *notes = nullptr, const HeaderList &browserHeaders = {});

// A plain-http request that goes through an http proxy carries, as the profile's client writes them, the
// proxy's headers: curl "Proxy-Authorization" (with credentials) after Host and "Proxy-Connection:
// Keep-Alive" before its Cookie line; the browser "Proxy-Connection: keep-alive" in place of Connection (then
// the credentials); the strict profile only the credentials, after Host. A header of the request's own of the
// same name is sent instead. (Measured through a recording proxy: curl 7.88.1, and Debian's Chromium 156
// headless with --proxy-server, which also sent nothing for 127.0.0.1 to the proxy.)
void addProxyHeaders(WireRequest &wire, Profile profile, const ProxyServer &proxy, const RequestSpec &spec);

// The header lines after "Host" of the CONNECT that opens an https tunnel through an http proxy, as the
// profile's client writes them: curl [Proxy-Authorization], User-Agent, "Proxy-Connection: Keep-Alive";
// the browser "Proxy-Connection: keep-alive", User-Agent; strict [Proxy-Authorization], User-Agent.
// `userAgent`: the User-Agent of the hop's request (none: no line).
HeaderList proxyConnectHeaders(Profile profile, const ProxyServer &proxy, const QByteArray &userAgent);

// How the profile's client speaks HTTP/2 on https (RFC 9113), measured with Debian's curl 7.88.1 (--http2)
// and Chromium 156 headless on a recording h2 server: both offer "h2" then "http/1.1" in ALPN; curl sends
// :method :path :scheme :authority, Chromium :method :authority :scheme :path, the strict profile RFC 9113
// §8.3.1's order (:method :scheme :authority :path); then the HTTP/1.1 header lines in their order, names in
// lower case, without Host and the connection's own (Connection...); Chromium ends a navigation's fields with
// "priority: u=0, i" (RFC 9218), which it sends on HTTP/2 only.
struct Http2Wire {
    bool offer = true;
    bool require = false;
    QByteArray pseudoOrder;
    HeaderList extraFields;
};
Http2Wire http2Wire(const Options &options);

// A request Qt writes itself (when the relay is not running) sends every header once
// (Qt keeps the last value set) and none with an empty value, and Qt adds Host, User-Agent (Mozilla/5.0),
// Accept-Language, Accept-Encoding and Connection when they are not set. Makes `wire` what Qt will
// send: repeated headers joined into one line, empty ones left out, the missing ones set (Accept-Language
// "*", Accept-Encoding "identity" so that bodies stay as sent, Connection "keep-alive"), with a
// header-added note saying what changed.
void fitToQt(WireRequest &wire, NoteList *notes);

// The QNetworkRequest that sends `wire` with manual redirects, no cache, no automatic cookies.
// `relayed`: the HeaderTap relay will replace the head's header lines with `wire.headers` (expectRequest()),
// so Qt is given only the headers it acts on itself (body framing, Expect, Connection, Accept-Encoding).
QNetworkRequest toNetworkRequest(const WireRequest &wire, bool http2Allowed, bool relayed = false);

// The reply's headers as QNetworkReply gives them, for hops HeaderTap did not read (it is not running):
// Set-Cookie lines (joined with "\n") are split back apart; other repeated lines stay joined with ", ", and
// of several Location lines Qt keeps only the last.
HeaderList responseHeaders(const QNetworkReply *reply);

// Fills in what a TLS connection tells of itself: the session's protocol, cipher and ALPN protocol (only
// when `established`: after a failed handshake there is no session), the server's certificate chain with
// its names and dates, and the client certificate offered.
void readTlsSession(TlsInfo *tls, const QSslConfiguration &conf, bool established);

QString networkErrorCode(int qtNetworkError);

}  // namespace Rwb
