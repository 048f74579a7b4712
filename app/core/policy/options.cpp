#include "core/policy/options.h"

namespace Rwb {

QString profileName(Profile profile)
{
    switch (profile) {
    case Profile::Browser:
        return QStringLiteral("browser");
    case Profile::Curl:
        return QStringLiteral("curl");
    case Profile::Strict:
        return QStringLiteral("strict");
    }
    return {};
}

std::optional<Profile> profileFromName(const QString &name)
{
    for (Profile p : allProfiles()) {
        if (profileName(p) == name)
            return p;
    }
    return std::nullopt;
}

const QList<Profile> &allProfiles()
{
    static const QList<Profile> profiles{Profile::Browser, Profile::Curl, Profile::Strict};
    return profiles;
}

int defaultRedirectLimit(Profile profile)
{
    // Fetch: 20 redirects; curl tool: 50 (--max-redirs default).
    return profile == Profile::Curl ? 50 : 20;
}

bool defaultCookieJar(Profile profile)
{
    // Browsers always have a jar; curl only with -b/-c; a strict RFC 9110 client knows no cookies.
    return profile == Profile::Browser;
}

bool proxyOptionsUsable(const Options &options, QString *error)
{
    if (!options.proxy || options.proxy->isEmpty())
        return true;
    return parseProxyUrl(*options.proxy, error, options.proxyUser).has_value();
}

QString httpVersionName(HttpVersion version)
{
    switch (version) {
    case HttpVersion::Http1_1:
        return QStringLiteral("1.1");
    case HttpVersion::Http2:
        return QStringLiteral("2");
    case HttpVersion::Default:
        break;
    }
    return QStringLiteral("default");
}

std::optional<HttpVersion> httpVersionFromName(const QString &name)
{
    for (HttpVersion v : {HttpVersion::Default, HttpVersion::Http1_1, HttpVersion::Http2}) {
        if (name == httpVersionName(v))
            return v;
    }
    return std::nullopt;
}

ProxySource defaultProxySource(Profile profile)
{
    switch (profile) {
    case Profile::Browser:
        return ProxySource::System;
    case Profile::Curl:
        return ProxySource::Environment;
    case Profile::Strict:
        break;
    }
    return ProxySource::None;
}

bool Options::hostTrusted(const QString &host) const
{
    if (locationTrusted)
        return true;
    for (const QString &h : trustedHosts) {
        if (h.compare(host, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

}  // namespace Rwb

namespace Rwb {

// Written by hand: the splitting rule is curl's own (src/tool_getparam.c, parse_cert_parameter).
void setCurlCertArgument(TlsFiles *files, const QString &argument)
{
    QString name;
    if (argument.startsWith(QLatin1String("pkcs11:"))) {  // a PKCS#11 URI is taken whole
        files->clientCertificate = argument;
        return;
    }
    for (qsizetype i = 0; i < argument.size(); ++i) {
        const QChar c = argument.at(i);
        if (c == QLatin1Char('\\') && i + 1 < argument.size()) {
            const QChar next = argument.at(i + 1);
            if (next == QLatin1Char('\\') || next == QLatin1Char(':')) {
                name += next;
                ++i;
                continue;
            }
        } else if (c == QLatin1Char(':')) {
            files->password = argument.mid(i + 1);
            break;
        }
        name += c;
    }
    files->clientCertificate = name;
}

}  // namespace Rwb
