#include "core/http/proxy.h"

#include "core/http/addressmap.h"  // hostPortText

#include <QHostAddress>
#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QUrl>

#include <tuple>

namespace Rwb {

namespace {

QString schemeOf(ProxyServer::Kind kind)
{
    switch (kind) {
    case ProxyServer::Kind::Http:
        return QStringLiteral("http");
    case ProxyServer::Kind::Socks5:
        return QStringLiteral("socks5");
    case ProxyServer::Kind::Socks5h:
        return QStringLiteral("socks5h");
    }
    return QString();
}

// The first of `names` set (not empty: curl's curl_getenv() takes unset and empty alike) and its value.
std::pair<QString, QString> firstSet(const QProcessEnvironment &environment, const QStringList &names)
{
    for (const QString &name : names) {
        const QString value = environment.value(name);
        if (!value.isEmpty())
            return {name, value};
    }
    return {};
}

// curl's --proxy-user USER:PASSWORD: the first ':' splits them.
void setProxyUser(ProxyServer *server, const QString &user)
{
    const qsizetype colon = user.indexOf(u':');
    server->user = colon < 0 ? user : user.left(colon);
    server->password = colon < 0 ? QString() : user.mid(colon + 1);
}

}  // namespace

QString ProxyServer::displayUrl() const
{
    const QString credentials =
        user.isEmpty() ? QString() : QString::fromLatin1(QUrl::toPercentEncoding(user)) + u'@';
    return schemeOf(kind) + QStringLiteral("://") + credentials + hostPortText(host, port);
}

QByteArray ProxyServer::basicAuthorization() const
{
    if (user.isEmpty())
        return QByteArray();
    return "Basic " + QByteArray(user.toUtf8() + ':' + password.toUtf8()).toBase64();
}

std::optional<ProxyServer> parseProxyUrl(const QString &text, QString *error, const QString &user)
{
    const QString trimmed = text.trimmed();
    const qsizetype schemeEnd = trimmed.indexOf(QLatin1String("://"));
    const QString scheme = schemeEnd < 0 ? QStringLiteral("http") : trimmed.left(schemeEnd).toLower();
    ProxyServer server;
    if (scheme == QLatin1String("http")) {
        server.kind = ProxyServer::Kind::Http;
    } else if (scheme == QLatin1String("socks5")) {
        server.kind = ProxyServer::Kind::Socks5;
    } else if (scheme == QLatin1String("socks5h")) {
        server.kind = ProxyServer::Kind::Socks5h;
    } else {
        *error =
            QStringLiteral("proxy '%1': the scheme %2:// is not supported (http://, socks5:// or socks5h://)")
                .arg(text, scheme);
        return std::nullopt;
    }
    const QUrl url(schemeEnd < 0 ? QStringLiteral("http://") + trimmed : trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *error = QStringLiteral("proxy '%1': not a host[:port] (%2)")
                     .arg(text, url.isValid() ? QStringLiteral("no host") : url.errorString());
        return std::nullopt;
    }
    if (url.port() == 0) {
        *error = QStringLiteral("proxy '%1': port 0 cannot be connected to").arg(text);
        return std::nullopt;
    }
    server.host = url.host();
    server.port = quint16(url.port(1080));
    server.user = url.userName(QUrl::FullyDecoded);
    server.password = url.password(QUrl::FullyDecoded);
    if (!user.isEmpty())
        setProxyUser(&server, user);
    return server;
}

bool noProxyMatches(const QString &list, const QString &host)
{
    QString name = host;
    if (name.startsWith(u'[') && name.endsWith(u']'))
        name = name.mid(1, name.size() - 2);
    if (name.endsWith(u'.'))
        name.chop(1);
    const QHostAddress address(name);
    const QStringList entries = list.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    if (entries.size() == 1 && entries.first() == QLatin1String("*"))
        return true;
    for (QString entry : entries) {
        if (!address.isNull()) {  // an address matches an address, or a network written ADDR/BITS
            if (entry.startsWith(u'[') && entry.contains(u']'))
                entry = entry.mid(1).remove(u']');
            if (entry.contains(u'/')) {
                const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry);
                if (!subnet.first.isNull() && address.isInSubnet(subnet))
                    return true;
            } else if (QHostAddress(entry) == address) {
                return true;
            }
            continue;
        }
        if (entry.startsWith(u'.'))
            entry.remove(0, 1);
        if (entry.endsWith(u'.'))
            entry.chop(1);
        if (entry.isEmpty())
            continue;
        if (name.compare(entry, Qt::CaseInsensitive) == 0
            || (name.size() > entry.size() && name.endsWith(entry, Qt::CaseInsensitive)
                && name.at(name.size() - entry.size() - 1) == u'.'))
            return true;
    }
    return false;
}

ProxyChoice chooseProxy(const QUrl &url, const std::optional<QString> &proxy,
                        const std::optional<QString> &noProxy, const QString &proxyUser, ProxySource source,
                        const QProcessEnvironment &environment, const QNetworkProxy &system)
{
    ProxyChoice choice;
    QString text;
    if (proxy) {
        text = *proxy;
        choice.reason = QStringLiteral("--proxy");
    } else if (source == ProxySource::Environment) {
        const QString scheme = url.scheme().toLower();
        // curl reads http_proxy only in lower case (HTTP_PROXY can be set by a CGI request's header).
        const QStringList names =
            scheme == QLatin1String("http")
                ? QStringList{QStringLiteral("http_proxy")}
                : QStringList{scheme + QStringLiteral("_proxy"), scheme.toUpper() + QStringLiteral("_PROXY")};
        std::tie(choice.reason, text) = firstSet(
            environment, names + QStringList{QStringLiteral("all_proxy"), QStringLiteral("ALL_PROXY")});
    } else if (source == ProxySource::System) {
        if (system.type() == QNetworkProxy::HttpProxy || system.type() == QNetworkProxy::Socks5Proxy) {
            ProxyServer server;
            server.kind = system.type() == QNetworkProxy::HttpProxy ? ProxyServer::Kind::Http
                          : (system.capabilities() & QNetworkProxy::HostNameLookupCapability)
                              ? ProxyServer::Kind::Socks5h
                              : ProxyServer::Kind::Socks5;
            server.host = system.hostName();
            server.port = system.port();
            server.user = system.user();
            server.password = system.password();
            if (!proxyUser.isEmpty())
                setProxyUser(&server, proxyUser);
            choice.server = server;
            choice.reason = QStringLiteral("the system's proxy settings");
        }
    }
    if (text.isEmpty() && !choice.server)
        return {std::nullopt, proxy ? QStringLiteral("--proxy \"\"") : QString(), QString()};
    const QString exceptions =
        noProxy ? *noProxy
        : source == ProxySource::System
            ? QString()  // the system's settings have their own exceptions
            : firstSet(environment, {QStringLiteral("no_proxy"), QStringLiteral("NO_PROXY")}).second;
    if (!exceptions.isEmpty() && noProxyMatches(exceptions, url.host())) {
        return {std::nullopt, noProxy ? QStringLiteral("--noproxy") : QStringLiteral("no_proxy"), QString()};
    }
    if (choice.server)
        return choice;
    QString error;
    choice.server = parseProxyUrl(text, &error, proxyUser);
    if (!choice.server)
        choice.error =
            choice.reason == QLatin1String("--proxy") ? error : choice.reason + QStringLiteral(": ") + error;
    return choice;
}

}  // namespace Rwb
