#pragma once

#include "core/http/proxy.h"
#include "core/http/requestcontext.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <tuple>

namespace Rwb {

// Which client's redirect rules a trace follows (see shared/spec/redirect-semantics.md).
enum class Profile {
    Browser,  // WHATWG Fetch as Chromium does it for a navigation
    Curl,     // curl -L with its defaults
    Strict,   // RFC 9110 with no optional rewrites
};

QString profileName(Profile profile);
std::optional<Profile> profileFromName(const QString &name);
const QList<Profile> &allProfiles();

// What a profile does unless overridden.
int defaultRedirectLimit(Profile profile);
bool defaultCookieJar(Profile profile);
// Where a profile's client takes its proxy from when none is given (core/http/proxy.h): curl the environment,
// the browser the system's settings, the strict profile nowhere.
ProxySource defaultProxySource(Profile profile);

// curl's --cacert, --cert, --cert-type, --key and --pass, as given (paths, not contents: the engine reads the
// files when a chain starts, core/engine/tlsmaterial.h).
struct TlsFiles {
    QString caCertificates;     // --cacert FILE: PEM (one or more) or DER; used instead of the system's CAs
    QString clientCertificate;  // --cert FILE: PEM (with its key, or --key), DER, or PKCS#12
    QString certificateType;    // --cert-type PEM|DER|P12; empty: told from the file
    QString clientKey;          // --key FILE: PEM or DER; empty: the key is in the certificate file
    QString password;           // --pass: of an encrypted key or a PKCS#12 file
    bool isEmpty() const
    {
        return caCertificates.isEmpty() && clientCertificate.isEmpty() && clientKey.isEmpty();
    }
    friend bool operator==(const TlsFiles &a, const TlsFiles &b)
    {
        return std::tie(a.caCertificates, a.clientCertificate, a.certificateType, a.clientKey, a.password)
               == std::tie(b.caCertificates, b.clientCertificate, b.certificateType, b.clientKey, b.password);
    }
};

// Which HTTP versions an https connection may use (curl's --http1.1 and --http2): the profile's client offers
// "h2" and "http/1.1" in ALPN and takes what the server chooses; HTTP/1.1 only; HTTP/2 required (a server
// that does not choose it ends the hop). Plain http is HTTP/1.1 whatever this says.
enum class HttpVersion { Default, Http1_1, Http2 };
QString httpVersionName(HttpVersion version);  // "default", "1.1", "2"
std::optional<HttpVersion> httpVersionFromName(const QString &name);

struct Options;
// Whether the options' --proxy can be used (the environment's and the system's are read per hop); the
// reason in `error` when not.
bool proxyOptionsUsable(const Options &options, QString *error);

// curl's --cert CERTIFICATE[:PASSWORD] into `files`: the file, and the password after the first ':' that is
// not written "\:" ("\:" and "\\" stand for ':' and '\' in the file's name), as curl 7.88 splits it. With
// no password there, an earlier --pass stays.
void setCurlCertArgument(TlsFiles *files, const QString &argument);

struct Options {
    Profile profile = Profile::Browser;
    std::optional<int> maxRedirects;  // unset: the profile's limit
    bool keepPostOn30x = false;       // curl's --post301/--post302/--post303: POST stays POST
    bool locationTrusted = false;     // curl's --location-trusted: credentials go to every host
    QStringList trustedHosts;         // credentials may go to these hosts too
    std::optional<bool> cookieJar;    // unset: the profile's default
    bool acceptTlsErrors = false;
    bool loopDetect = true;   // stop at the first repeated request instead of running to the limit
    int timeoutMs = 30000;    // per hop
    QStringList hstsPreload;  // hosts treated as known HSTS hosts (browser profile)
    qint64 bodyPreviewCap = 64 * 1024;
    // Browser profile: where the chain starts (typed by default).
    RequestContext context;
    // Cookies in the jar before the first request, as if these responses had set them.
    QList<PresetCookie> presetCookies;
    // curl's -b 'name=value' strings, joined by "; ". curl sends them on every hop to every host, after the
    // cookie engine's cookies; the other profiles take them as a Cookie header of the first request.
    QByteArray curlCookies;
    // The User-Agent: a preset's name (userAgentPresets()) or the string itself; empty: the profile's own.
    QString userAgent;
    // Browser profile: the Accept-Language it sends; empty: the profile's default.
    QByteArray acceptLanguage;
    // Browser profile: Refresh and meta refresh with a delay up to this are followed as hops.
    int refreshLimitMs = 5000;
    bool waitForRefresh = false;  // wait the refresh's delay before the hop, as the browser does
    // curl's --compressed: the curl profile asks for compressed bodies ("Accept-Encoding: deflate, gzip,
    // br, zstd" after Accept, as curl 7.88.1 sends it). The browser profile always asks.
    bool compressed = false;
    // curl's --connect-to HOST1:PORT1:HOST2:PORT2 and --resolve HOST:PORT:ADDR[,ADDR...], as written (every
    // profile: where a connection goes, not what is sent; core/http/addressmap.h reads them).
    QStringList connectTo;
    QStringList resolve;
    // Every profile: the CAs https servers are checked against, and the client certificate offered.
    TlsFiles tls;
    // curl's --proxy URL (core/http/proxy.h): unset: the profile's own (defaultProxySource()); empty: none.
    std::optional<QString> proxy;
    // curl's --noproxy LIST: unset: the environment's no_proxy (curl, strict profiles).
    std::optional<QString> noProxy;
    QString proxyUser;  // curl's --proxy-user USER:PASSWORD
    HttpVersion httpVersion = HttpVersion::Default;

    int redirectLimit() const { return maxRedirects.value_or(defaultRedirectLimit(profile)); }
    bool cookiesEnabled() const { return cookieJar.value_or(defaultCookieJar(profile)); }
    bool hostTrusted(const QString &host) const;

    // Every field (a new field must be added here: the window tells an edited case by it).
    friend bool operator==(const Options &a, const Options &b)
    {
        const auto fields = [](const Options &o) {
            return std::tie(o.profile, o.maxRedirects, o.keepPostOn30x, o.locationTrusted, o.trustedHosts,
                            o.cookieJar, o.acceptTlsErrors, o.loopDetect, o.timeoutMs, o.hstsPreload,
                            o.bodyPreviewCap, o.context, o.presetCookies, o.curlCookies, o.userAgent,
                            o.acceptLanguage, o.refreshLimitMs, o.waitForRefresh, o.compressed, o.connectTo,
                            o.resolve, o.tls, o.proxy, o.noProxy, o.proxyUser, o.httpVersion);
        };
        return fields(a) == fields(b);
    }
    friend bool operator!=(const Options &a, const Options &b) { return !(a == b); }
};

}  // namespace Rwb
