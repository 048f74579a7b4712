#include "core/policy/explain.h"

namespace Rwb {

namespace {

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

StatusExplanation make(const char *title, std::initializer_list<const char *> about)
{
    StatusExplanation e{s(title), {}};
    for (const char *p : about)
        e.about << s(p);
    return e;
}

// Said of every redirect: the client, not the server, decides what the next request is.
const char *const kLocation =
    "The Location header names the next URL; a relative one is resolved against the "
    "URL of this request (RFC 3986 §5). Without Location the response is final.";

StatusExplanation redirectExplanation(int status)
{
    switch (status) {
    case 300:
        return make(
            "300 Multiple Choices: several representations to choose from",
            {"The server offers several versions of the resource and leaves the choice to the client.",
             "RFC 9110 §15.4.1 says a client MAY follow the Location header if there is one. Browsers "
             "(Fetch) do not: for them 300 is a final response. curl -L follows it when a Location is "
             "present.",
             "Caches may store a 300 without being told to (it is heuristically cacheable, RFC 9110 "
             "§15.1).",
             "To send everyone to one URL, use 302 or 307 (temporary) or 301 or 308 (permanent) "
             "instead."});
    case 301:
        return make("301 Moved Permanently: a permanent redirect",
                    {"The resource has a new URL for good; clients should use the Location from now on.",
                     "Method and body: browsers (Fetch) and curl turn a POST into a GET and drop the body; "
                     "every other method is kept, with its body. curl keeps POST with --post301. RFC 9110 "
                     "§15.4.2 only allows (MAY) the POST → GET rewrite: a strict client keeps the method.",
                     "Caches store a 301 without being told to (heuristically cacheable), and browsers "
                     "remember it: later requests go straight to the new URL. Search engines move the old "
                     "URL's standing to the new one.",
                     "Use 308 when the method and body must be kept (an API taking POST or PUT); use 302 or "
                     "307 if the move is not final, since a cached 301 is hard to undo."});
    case 302:
        return make("302 Found: a temporary redirect",
                    {"The resource is at another URL for now; clients keep using the original URL.",
                     "Method and body: browsers (Fetch) and curl turn a POST into a GET and drop the body; "
                     "every other method is kept, with its body. curl keeps POST with --post302. RFC 9110 "
                     "§15.4.3 only allows (MAY) the POST → GET rewrite: a strict client keeps the method.",
                     "Not cached unless Cache-Control or Expires say so. Search engines keep the original "
                     "URL.",
                     "After a form POST, 303 says what is meant (Post/Redirect/Get) without relying on the "
                     "rewrite; use 307 when the method and body must be kept."});
    case 303:
        return make("303 See Other: look at another URL with GET",
                    {"The answer is at another URL, to be retrieved with GET: the usual reply to a form POST "
                     "(Post/Redirect/Get), so that reloading the page does not send the form again.",
                     "Method and body: RFC 9110 §15.4.4 says retrieve with GET (or HEAD). Browsers (Fetch) "
                     "use GET for every method but GET and HEAD and drop the body. curl turns a POST into a "
                     "GET, keeps HEAD with -I, and keeps a method set with -X (--post303 keeps POST).",
                     "Not cached unless Cache-Control or Expires say so; search engines do not treat it as a "
                     "move of the original URL.",
                     "Use 307 or 308 instead if the client should repeat the same request elsewhere."});
    case 304:
        return make("304 Not Modified: the cached copy is still good",
                    {"The answer to a conditional request (If-None-Match, If-Modified-Since): the client "
                     "uses the copy it has. It has no body.",
                     "It is not a redirect (RFC 9110 §15.4.5): browsers never follow it. curl -L does follow "
                     "a Location on a 304 (observed with 7.88).",
                     "A 304 to a request that was not conditional is a server bug."});
    case 305:
        return make(
            "305 Use Proxy: deprecated",
            {"Once asked the client to repeat the request through a proxy; deprecated for security "
             "reasons (RFC 9110 §15.4.6).",
             "Browsers (Fetch) treat it as a final response; curl -L follows its Location (observed); "
             "Qt's automatic redirects treat it like 302.",
             "Do not use it: use 307 or 302 to send clients elsewhere."});
    case 307:
        return make(
            "307 Temporary Redirect: a temporary redirect that keeps the method",
            {"The resource is at another URL for now, and the client repeats the same request there.",
             "Method and body: kept by everyone (RFC 9110 §15.4.8: the method MUST NOT change; Fetch, "
             "curl, requests, Go and Qt keep method and body). Browsers also show a 307 for an "
             "http → https switch they make themselves for an HSTS host.",
             "Not cached unless Cache-Control or Expires say so. Search engines keep the original "
             "URL.",
             "Use 308 if the move is permanent; use 303 if the client should fetch a result with "
             "GET."});
    case 308:
        return make(
            "308 Permanent Redirect: a permanent redirect that keeps the method",
            {"The resource has a new URL for good, and the client repeats the same request there.",
             "Method and body: kept by everyone (RFC 9110 §15.4.9: the method MUST NOT change; Fetch, "
             "curl, requests, Go and Qt keep method and body).",
             "Caches store a 308 without being told to (heuristically cacheable) and search engines "
             "move the old URL's standing to the new one, as for 301.",
             "Prefer 308 over 301 for APIs taking POST, PUT or DELETE; 301 is fine for pages fetched "
             "with GET and understood by the oldest clients."});
    default:
        return make("", {});
    }
}

StatusExplanation otherExplanation(int status)
{
    switch (status) {
    case 200:
        return make("200 OK: success",
                    {"The request worked and the body is the result. The chain ends here."});
    case 201:
        return make("201 Created: a new resource",
                    {"The request created a resource; a Location header names it. Clients do not follow "
                     "that Location: the chain ends here."});
    case 204:
        return make("204 No Content: success without a body",
                    {"The request worked and there is nothing to show; the chain ends here."});
    case 400:
        return make(
            "400 Bad Request: the server could not read the request",
            {"Malformed syntax or an invalid value. After a redirect, check what the profile changed: "
             "a dropped body or Content-Type often causes it."});
    case 401:
        return make("401 Unauthorized: credentials missing or wrong",
                    {"WWW-Authenticate says how to authenticate. After a cross-origin redirect this is often "
                     "because clients remove Authorization there (Fetch always; curl away from the first "
                     "origin unless --location-trusted)."});
    case 403:
        return make("403 Forbidden: refused", {"The server understood the request and will not serve it; "
                                               "other credentials may not help."});
    case 404:
        return make("404 Not Found: nothing at this URL",
                    {"After a redirect, check the Location: a relative path resolved against the wrong base, "
                     "or a lost query or fragment, are common causes."});
    case 405:
        return make(
            "405 Method Not Allowed: this URL does not take this method",
            {"The Allow header lists the methods that work. After a 301 or 302 a POST may have become "
             "a GET (browsers, curl): use 307 or 308 if the method must be kept."});
    case 410:
        return make("410 Gone: removed for good",
                    {"Like 404, but permanent; caches may store it and search engines drop the URL."});
    case 429:
        return make("429 Too Many Requests: rate limited",
                    {"Retry-After says when to try again. A redirect loop can run into it."});
    case 500:
        return make("500 Internal Server Error: the server failed",
                    {"Something broke on the server; the request itself may be fine."});
    case 502:
        return make("502 Bad Gateway: the upstream answered badly",
                    {"A proxy or gateway got an invalid response from the server behind it."});
    case 503:
        return make("503 Service Unavailable: not available now",
                    {"Overloaded or down for maintenance; Retry-After may say when to try again."});
    case 504:
        return make("504 Gateway Timeout: the upstream did not answer in time",
                    {"A proxy or gateway gave up waiting for the server behind it."});
    default:
        return make("", {});
    }
}

StatusExplanation classExplanation(int status)
{
    const QString code = QString::number(status);
    switch (status / 100) {
    case 1:
        return {code + s(": an informational response"),
                {s("An interim answer (such as 100 Continue) before the final response; it ends nothing.")}};
    case 2:
        return {code + s(": success"), {s("The request worked; the chain ends here.")}};
    case 3:
        return {code + s(": a redirection status this tool does not know"),
                {s("Browsers (Fetch) follow only 301, 302, 303, 307 and 308; curl -L follows any 3xx with a "
                   "Location."),
                 s(kLocation)}};
    case 4:
        return {code + s(": a client error"), {s("The server refused the request as it was sent.")}};
    case 5:
        return {code + s(": a server error"), {s("The server failed to answer the request.")}};
    default:
        return {code + s(": not a valid HTTP status"), {s("HTTP status codes run from 100 to 599.")}};
    }
}

QString rfcRedirectSection(int status)
{
    switch (status) {
    case 301:
        return s("RFC 9110 §15.4.2");
    case 302:
        return s("RFC 9110 §15.4.3");
    case 303:
        return s("RFC 9110 §15.4.4");
    case 307:
        return s("RFC 9110 §15.4.8");
    case 308:
        return s("RFC 9110 §15.4.9");
    default:
        return s("RFC 9110 §15.4");
    }
}

QString methodChangedRule(Profile profile, int status)
{
    switch (profile) {
    case Profile::Browser:
        return status == 303 ? s("Fetch, HTTP-redirect fetch step 12: after a 303, every method but GET and "
                                 "HEAD becomes GET and the body is dropped")
                             : s("Fetch, HTTP-redirect fetch step 12: after a 301 or 302, POST (and only "
                                 "POST) becomes GET and the body is dropped");
    case Profile::Curl:
        return s("curl, lib/http.c (Curl_follow): after a 301, 302 or 303 a POST is sent as GET unless "
                 "--post301/--post302/--post303 is given; a method set with -X is sent on every hop, without "
                 "the body");
    case Profile::Strict:
        return s("RFC 9110 §15.4.4: a 303 means retrieve the result with GET (or HEAD); 301 and 302 only "
                 "allow (MAY) POST → GET and 307/308 forbid any change (RFC 9110 §15.4)");
    }
    return {};
}

QString methodKeptRule(Profile profile, int status)
{
    if (status == 307 || status == 308)
        return rfcRedirectSection(status)
               + s(": the client MUST NOT change the request method; Fetch and curl keep method and body");
    if (profile == Profile::Curl)
        return s("curl: --post301/--post302/--post303 keep POST and its body; a method set with -X is "
                 "sent on every hop, even where curl drops the body");
    if (profile == Profile::Strict)
        return rfcRedirectSection(status)
               + s(": the POST → GET rewrite is allowed (MAY), not required; "
                   "the strict profile does not make it");
    return s("Fetch, HTTP-redirect fetch step 12: only POST after 301/302, and non-GET/HEAD after 303, "
             "become GET");
}

QString bodyRule(Profile profile, bool headers)
{
    switch (profile) {
    case Profile::Browser:
        return headers
                   ? s("Fetch, HTTP-redirect fetch step 12: when the method becomes GET, the "
                       "request-body-header names (Content-Encoding, Content-Language, Content-Location, "
                       "Content-Type) are removed; Chromium (net/url_request) also removes Content-Length "
                       "and Origin")
                   : s("Fetch, HTTP-redirect fetch step 12: when the method becomes GET, the request "
                       "body is set to null");
    case Profile::Curl:
        return headers ? s("curl, lib/http.c: the switch to GET drops the body and its Content-Length; a "
                           "Content-Type set with -H is kept (observed with curl 7.88.1)")
                       : s("curl, lib/http.c (Curl_follow): the request after the switch is sent without "
                           "the data given with -d/--data-binary");
    case Profile::Strict:
        return headers ? s("RFC 9110 §15.4: when the method has changed to GET or HEAD, remove the "
                           "content-specific header fields (Content-Encoding, Content-Language, "
                           "Content-Location, Content-Type, Content-Length)")
                       : s("RFC 9110 §15.4.4: the result of a 303 is retrieved with GET, which has no "
                           "content");
    }
    return {};
}

QString credentialsRule(Profile profile, NoteCode code)
{
    if (code == NoteCode::CredentialsKept) {
        return profile == Profile::Curl
                   ? s("curl --location-trusted: credentials go to every host of the chain (here: a host "
                       "trusted in the options)")
                   : s("Trusted hosts (options): credentials may go to the hosts listed, which no browser "
                       "does on its own");
    }
    if (code == NoteCode::CredentialsRestored)
        return s("curl, lib/vauth/vauth.c (Curl_auth_allowed_to_host): Authorization and Cookie given with "
                 "-H go to the first origin, so a chain A → B → A sends them to A again");
    switch (profile) {
    case Profile::Browser:
        return s("Fetch, HTTP-redirect fetch: on a cross-origin redirect Authorization is removed from the "
                 "request and never restored; Cookie comes only from the cookie jar");
    case Profile::Curl:
        return s("curl, lib/vauth/vauth.c (Curl_auth_allowed_to_host): credentials given with -H go only "
                 "to the host, port and scheme (since 7.83) of the first request; --location-trusted sends "
                 "them everywhere");
    case Profile::Strict:
        return s("RFC 9110 §15.4: a client following a redirect should consider removing Authorization and "
                 "Cookie where there are security implications, such as another origin");
    }
    return {};
}

// Every code is listed: a new one fails the build (-Wswitch) until it has a rule or is said to have none.
QString rule(Profile profile, NoteCode code, int status)
{
    const bool browser = profile == Profile::Browser;
    const bool curl = profile == Profile::Curl;
    switch (code) {
    case NoteCode::MethodChanged:
        return methodChangedRule(profile, status);
    case NoteCode::MethodKept:
        return methodKeptRule(profile, status);
    case NoteCode::BodyDropped:
        return bodyRule(profile, false);
    case NoteCode::HeaderRemoved:
        return bodyRule(profile, true);
    case NoteCode::CredentialsRemoved:
    case NoteCode::CredentialsKept:
    case NoteCode::CredentialsRestored:
        return credentialsRule(profile, code);
    case NoteCode::CredentialsFromUrl:
        return s("RFC 3986 §3.2.1 (user information) and RFC 7617: browsers and curl send user:password "
                 "from the URL as Authorization: Basic");
    case NoteCode::CookieSent:
        return curl ? s(
                   "curl's cookie engine (lib/cookie.c): cookies whose domain, path and Secure flag match "
                   "are sent, longest path, domain and name first; SameSite is ignored")
                    : s("RFC 6265bis §5.8.3: the jar sends every cookie whose domain, path, Secure flag and "
                        "SameSite allow the request, longest path first, then oldest, on redirected requests "
                        "too");
    case NoteCode::CookieStored:
        return s("RFC 6265bis §5.7: a Set-Cookie on any response, a 3xx included, is stored (replacing the "
                 "cookie of the same name, domain and path) and sent on later matching requests");
    case NoteCode::CookieRejected:
        return curl ? s("curl's cookie engine: a Domain that does not match the host or is a public suffix "
                        "(libpsl), Secure outside https and localhost, a broken __Secure-/__Host- prefix, or "
                        "name and value over 4096 bytes make it drop the cookie")
                    : s("RFC 6265bis §5.6-5.7 as Chromium implements it: a Domain that does not match the "
                        "host "
                        "or is a public suffix, Secure from an insecure origin, SameSite=None without "
                        "Secure, a "
                        "broken __Secure-/__Host- prefix, name and value over 4096 bytes, or a third-party "
                        "response reject the cookie");
    case NoteCode::CookieIgnored:
        return curl ? s("curl: Set-Cookie is ignored unless the cookie engine is on (-b or -c)")
                    : s("The cookie jar is off in the options: Set-Cookie is not stored");
    case NoteCode::CookieSeeded:
        return s("Fetch: Cookie is a forbidden request-header name; a browser's cookies come from its jar");
    case NoteCode::FragmentInherited:
        return s("RFC 9110 §10.2.2 and Fetch's location URL: a Location without a fragment inherits the "
                 "fragment of the request URL");
    case NoteCode::FragmentDropped:
        return s("curl (and Qt) do not carry the fragment over; it is never sent on the wire anyway");
    case NoteCode::LocationMultiple:
        return browser ? s("Fetch: several different Location values fail the fetch (Chromium: "
                           "ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION)")
               : curl  ? s("curl 7.88 follows the first Location header")
                       : s("RFC 9110 §10.2.2: Location holds one URI-reference");
    case NoteCode::LocationTrimmed:
    case NoteCode::LocationBackslash:
    case NoteCode::LocationEncoded:
    case NoteCode::LocationDecoded:
        return browser ? s("Fetch's location URL parses Location with the WHATWG URL parser: spaces and "
                           "controls trimmed, '\\' read as '/', non-ASCII percent-encoded as UTF-8")
                       : s("RFC 9110 §10.2.2 and RFC 3986 §5: Location is a URI-reference resolved against "
                           "the request URL");
    case NoteCode::LocationMissing:
        return s("Fetch and curl: a 3xx without Location is the final response");
    case NoteCode::LocationEmpty:
        return s("Chromium, curl and requests: an empty Location is no redirect");
    case NoteCode::InvalidLocation:
        return s("RFC 9110 §10.2.2: Location must be a URI-reference that resolves to a URL");
    case NoteCode::BlockedScheme:
        return s("Fetch and Chromium follow only http and https (ERR_UNSAFE_REDIRECT); this tool does so in "
                 "every profile (curl 7.88 would also follow ftp and ftps)");
    case NoteCode::TooManyRedirects:
        return browser ? s("Fetch: more than 20 redirects is a network error (Chromium: "
                           "ERR_TOO_MANY_REDIRECTS)")
               : curl  ? s("curl follows at most 50 redirects by default (--max-redirs), then exits "
                            "with code 47")
                       : s("RFC 9110 §15.4: a client should detect endless redirection; the strict "
                            "profile stops after 20 unless told otherwise");
    case NoteCode::Loop:
        return s("RFC 9110 §15.4: a client SHOULD detect and intervene in cyclical redirections; browsers "
                 "and curl do not, they run to their limit");
    case NoteCode::Redirect:
        return curl ? s("curl -L follows any 3xx that has a Location (even 300, 304 and 305)")
                    : rfcRedirectSection(status)
                          + (browser ? s(" and Fetch: 301, 302, 303, 307 and 308 are "
                                         "redirects whose Location is followed")
                                     : s(": the Location is followed"));
    case NoteCode::NotFollowed:
        return browser ? s("Fetch follows only 301, 302, 303, 307 and 308")
                       : s("RFC 9110 §15.4: 300 MAY be followed, 304 is not a redirect and 305 is "
                           "deprecated; the strict profile follows only 301, 302, 303, 307 and 308");
    case NoteCode::CrossOrigin:
        return s("RFC 6454: an origin is scheme, host and port; a change of any is another origin");
    case NoteCode::Downgrade:
        return s("RFC 9110 §17 (security): nothing forbids an https → http redirect; the request travels "
                 "unencrypted from here");
    case NoteCode::HstsUpgrade:
        return s("RFC 6797 §8.3 and Chromium: a known HSTS host is never fetched over http; Chromium makes a "
                 "307 Internal Redirect to https without a network request");
    case NoteCode::HstsStored:
    case NoteCode::HstsCleared:
        return s("RFC 6797 §6.1 and §8.1: Strict-Transport-Security received over https sets (or with "
                 "max-age=0 clears) the host's HSTS policy");
    case NoteCode::HstsIgnored:
        return s("RFC 6797 §8.1: Strict-Transport-Security over plain http, from an IP address, or invalid, "
                 "is ignored");
    case NoteCode::TlsErrorAccepted:
        return s("curl -k/--insecure: the certificate errors were accepted as the options ask");
    case NoteCode::ReferrerTrimmed:
        return s("Referrer Policy §8.3 (determine request's referrer) with the request's policy, run again "
                 "by Fetch's main fetch on every redirect: a referrer trimmed to its origin stays trimmed");
    case NoteCode::ReferrerRemoved:
        return s("Referrer Policy §8.3: the policy gives no referrer for this URL (no-referrer, a "
                 "downgrade to http, or same-origin across origins); once gone it never comes back");
    case NoteCode::ReferrerPolicySet:
        return s("Fetch, HTTP-redirect fetch step 14 and Referrer Policy §8.1: a Referrer-Policy header on "
                 "a redirect response sets the policy of the rest of the chain");
    case NoteCode::OriginNull:
        return s("Fetch, append a request Origin header, and Chromium's redirect handling: after a "
                 "cross-origin redirect a non-GET request says Origin: null (CSRF protection)");
    case NoteCode::FetchSite:
        return s("Fetch Metadata §2.1 (Sec-Fetch-Site): the value is the least trusted relation of the "
                 "initiator to every URL of the chain so far; it never becomes more trusted");
    case NoteCode::CorsBlocked:
        return s("Fetch, CORS check: a cross-origin response to fetch() must allow the page's origin "
                 "(Access-Control-Allow-Origin, and -Allow-Credentials with credentials)");
    case NoteCode::BodyRefused:
        return browser ? s("Fetch, new Request() step 36: a GET or HEAD request cannot have a body")
                       : s("RFC 9110 §9.3.1: a body on GET has no defined meaning; curl sends it anyway");
    case NoteCode::RequestRefused:
        return s("RFC 9110 §9.1 and §5.1: a method and a header name are tokens; §5.5: a field value never "
                 "holds CR, LF or NUL, which would end the line and put another header (or request) on the "
                 "wire");
    case NoteCode::HeadTooLarge:
        return browser ? s("Chromium, net/http/http_stream_parser.cc: kMaxHeaderBufSize is 256 KiB; a longer "
                           "head fails with ERR_RESPONSE_HEADERS_TOO_BIG")
               : curl  ? s("curl, lib/http.h: CURL_MAX_HTTP_HEADER (100 KiB) is the longest header line; "
                            "MAX_HTTP_RESP_HEADER_SIZE (300 KiB) all the heads of one transfer")
                       : s("RFC 9110 §5.4: a client may refuse a response whose head is larger than it is "
                            "willing "
                            "to read; the strict profile reads what both Chromium and curl read");
    case NoteCode::AddressOverride:
        return s(
            "curl's --connect-to and --resolve (curl.se/docs/manpage.html): only where the connection goes "
            "changes; TLS still checks the URL's host, and the Host header names it");
    case NoteCode::ViaProxy:
        return s("curl's --proxy, --noproxy and its ENVIRONMENT section (http_proxy, https_proxy, all_proxy, "
                 "no_proxy); an http proxy gets plain-http requests in absolute form (RFC 9112 §3.2.2) and a "
                 "CONNECT for https (RFC 9110 §9.3.6); SOCKS5 is RFC 1928");
    case NoteCode::CertificateExpiring:
        return s(
            "CA/Browser Forum Baseline Requirements §6.3.2: server certificates live at most 398 days, so "
            "renewal is routine and a missed one takes the site down; the trace warns 30 days ahead, as "
            "certificate monitors commonly do");
    case NoteCode::HeaderSuppressed:
        return browser ? s("Fetch: a request's headers may be removed, but not a forbidden request-header "
                           "name (Host, Cookie, Referer, Origin, Sec-*, ...): the browser alone sets those")
               : curl ? s("curl, lib/http.c (Curl_checkheaders, Curl_add_custom_headers): -H 'Name:' removes "
                          "a header curl would add itself; -H 'Name;' sends it empty")
                      : s("RFC 9112 §3.2: a client sends Host in every HTTP/1.1 request; the profile's other "
                          "headers may be left out");
    case NoteCode::HeaderAdded:
        return s("Qt's HTTP stack adds Host, User-Agent, Accept-Language, Accept-Encoding and Connection to "
                 "every request it writes, sends a header once and none empty; on plain http the relay sends "
                 "the profile's own head, an https head it cannot rewrite");
    case NoteCode::CookieNotSent:
        return browser
                   ? s("RFC 6265bis §5.8.3 as Chromium implements it: SameSite (Lax by default, with a "
                       "two-minute allowance for a cross-site top-level POST), Secure, the credentials mode "
                       "and third-party cookie blocking decide whether a stored cookie goes with a request")
                   : s("RFC 6265 §5.4: only cookies whose domain, path and Secure flag match are sent");
    case NoteCode::CookieDeleted:
        return s("RFC 6265bis §5.7: a Set-Cookie with Max-Age=0 or an Expires in the past removes the "
                 "stored cookie of the same name, domain and path");
    case NoteCode::CookiePreset:
        return s("A cookie set before the chain, as if an earlier response had set it (--preset-cookie)");
    case NoteCode::RefreshFollowed:
        return s(
            "HTML standard, \"shared declarative refresh steps\" (the Refresh header, then each <meta "
            "http-equiv=refresh>; Chromium keeps the one with the shortest delay): after the delay the "
            "document navigates to the URL, a new navigation from the page. Chromium 156 measured: GET, "
            "Referer the page under its referrer policy, Sec-Fetch-Site relative to the page, no "
            "Sec-Fetch-User. Here it counts toward the redirect limit and loop detection (Chromium reloads "
            "for ever)");
    case NoteCode::RefreshNotFollowed:
        return curl      ? s("curl follows only Location: a Refresh header or a meta refresh is page content")
               : browser ? s(
                     "HTML standard, \"shared declarative refresh steps\": the browser would navigate "
                     "after the delay; not followed here because the delay is above the limit in the options "
                     "(--refresh-limit), the redirect limit is reached, or the response is a fetch()'s, "
                     "which is no document")
                         : s("RFC 9110 knows no Refresh header: only Location redirects");
    case NoteCode::ScriptRedirect:
        return s("Not a redirect: a script on the page assigns location; a browser running it would probably "
                 "navigate there (scripts are not run here)");
    case NoteCode::Edited:
    case NoteCode::HeadReceived:
    case NoteCode::Other:  // a code this version does not know
        return {};         // no rule to cite
    }
    return {};
}

}  // namespace

StatusExplanation explainStatus(int status)
{
    StatusExplanation e = redirectExplanation(status);
    if (!e.title.isEmpty()) {
        if (status != 304)
            e.about.insert(1, s(kLocation));
        return e;
    }
    e = otherExplanation(status);
    return e.title.isEmpty() ? classExplanation(status) : e;
}

QList<DecisionExplanation> explainDecisions(Profile profile, const Hop &hop)
{
    const int status = hop.response ? hop.response->status : 0;
    QList<DecisionExplanation> out;
    out.reserve(hop.notes.size());
    for (const Note &n : hop.notes)
        out.append({n.message, rule(profile, n.kind(), status)});
    return out;
}

}  // namespace Rwb
