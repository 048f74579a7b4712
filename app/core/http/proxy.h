// Which proxy a request goes through, as curl 7.88 decides it (https://curl.se/docs/manpage.html#-x,
// --noproxy, and ENVIRONMENT): pure functions, so that the engine, the CLI and the tests agree.
//
//   --proxy [SCHEME://][USER:PASSWORD@]HOST[:PORT]  http:// (the default scheme), socks5:// (the name is
//       looked up here) or socks5h:// (the proxy looks it up); the port is 1080 unless given, as curl's;
//       the user and password are percent-decoded. An empty --proxy means no proxy at all.
//   --noproxy LIST  hosts reached directly: "*" for all, or names and IP addresses separated by commas (and
//       spaces); a name matches itself and its subdomains (a leading '.' is ignored), an address itself or,
//       written ADDR/BITS, its network. It applies to the environment's proxies and to --proxy.
//   environment (curl profile): http_proxy (lower case only) for http, https_proxy or HTTPS_PROXY for https,
//       then all_proxy or ALL_PROXY; no_proxy or NO_PROXY unless --noproxy is given.
//
// Written by hand: QNetworkProxyFactory::systemProxyForQuery reads the environment too, but not as curl does
// (it reads HTTP_PROXY, ignores NO_PROXY's networks), and the browser profile uses it as it is.
#pragma once

#include <QString>

#include <optional>

class QNetworkProxy;
class QProcessEnvironment;
class QUrl;

namespace Rwb {

struct ProxyServer {
    enum class Kind {
        Http,    // plain http: absolute-form requests; CONNECT for https
        Socks5,  // the client looks the name up and gives the proxy an address
        Socks5h  // the proxy looks the name up
    };
    Kind kind = Kind::Http;
    QString host;  // an IPv6 address without brackets
    quint16 port = 1080;
    QString user;  // empty: no credentials
    QString password;

    // "http://proxy.example:3128", "socks5h://user@[::1]:1080": the scheme always, never the password.
    QString displayUrl() const;
    // The Proxy-Authorization value for these credentials ("Basic ..."), empty without a user.
    QByteArray basicAuthorization() const;
    friend bool operator==(const ProxyServer &a, const ProxyServer &b)
    {
        return a.kind == b.kind && a.host == b.host && a.port == b.port && a.user == b.user
               && a.password == b.password;
    }
};

// The proxy `text` names, or nothing with the reason in `error` (an unsupported scheme, a bad port, no
// host). `user`: curl's --proxy-user USER:PASSWORD, which takes the place of the URL's credentials.
std::optional<ProxyServer> parseProxyUrl(const QString &text, QString *error,
                                         const QString &user = QString());

// Whether `host` (a URL's host: a name, or an IP address without brackets) is reached directly under the
// --noproxy/no_proxy list `list`.
bool noProxyMatches(const QString &list, const QString &host);

// Where a proxy setting comes from when the request names none.
enum class ProxySource {
    None,         // direct unless --proxy is given (the strict profile)
    Environment,  // http_proxy, https_proxy, all_proxy and no_proxy as curl reads them (the curl profile)
    System        // the system's settings through Qt (the browser profile, as Chromium uses them)
};

struct ProxyChoice {
    std::optional<ProxyServer> server;  // nothing: direct
    QString reason;                     // why ("--proxy", "https_proxy", "no_proxy", "the system's settings")
    QString error;                      // a proxy setting that cannot be used (the request is not sent)
};

// The proxy for `url`: `proxy` when set (empty: none), else what `source` gives for the URL's scheme; then
// `noProxy` (or, when it is unset, the environment's no_proxy) may send it direct. `system`: what
// QNetworkProxyFactory::systemProxyForQuery gave for the URL, for ProxySource::System.
ProxyChoice chooseProxy(const QUrl &url, const std::optional<QString> &proxy,
                        const std::optional<QString> &noProxy, const QString &proxyUser, ProxySource source,
                        const QProcessEnvironment &environment, const QNetworkProxy &system);

}  // namespace Rwb
