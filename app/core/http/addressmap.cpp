#include "core/http/addressmap.h"

#include <QHostAddress>
#include <QUrl>

namespace Rwb {

namespace {

// Splits "a:b:c" at its colons, a "[...]" part (an IPv6 address) kept whole without its brackets.
// Nothing when a bracket is not closed or is followed by something other than a colon.
std::optional<QStringList> splitFields(const QString &text)
{
    QStringList fields;
    QString current;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('[') && current.isEmpty()) {
            const qsizetype close = text.indexOf(QLatin1Char(']'), i);
            if (close < 0
                || (close + 1 < text.size() && text.at(close + 1) != QLatin1Char(':')
                    && text.at(close + 1) != QLatin1Char(',')))
                return std::nullopt;
            current = text.mid(i + 1, close - i - 1);
            if (current.isEmpty())
                return std::nullopt;
            i = close;
        } else if (c == QLatin1Char(':')) {
            fields.append(std::exchange(current, QString()));
        } else {
            current.append(c);
        }
    }
    fields.append(current);
    return fields;
}

// A port: 1..65535 in decimal, or -1 for an empty field when `emptyAllowed`.
std::optional<int> parsePort(const QString &field, bool emptyAllowed)
{
    if (field.isEmpty())
        return emptyAllowed ? std::optional<int>(-1) : std::nullopt;
    bool ok = false;
    const int port = field.toInt(&ok);
    for (const QChar c : field) {
        if (!c.isDigit() || c.unicode() > 0x7f)
            return std::nullopt;
    }
    if (!ok || port < 1 || port > 65535)
        return std::nullopt;
    return port;
}

// A host as it names the target: an address in its canonical form, a name in lower-case ACE; nothing when
// it is neither.
std::optional<QString> normalHost(const QString &host)
{
    QHostAddress address;
    if (address.setAddress(host))
        return address.toString();
    const QByteArray ace = QUrl::toAce(host, QUrl::AceTransitionalProcessing);
    if (ace.isEmpty() || ace.contains(' ') || ace.contains('/') || ace.contains('@'))
        return std::nullopt;
    return QString::fromLatin1(ace).toLower();
}

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

}  // namespace

std::optional<ConnectToRule> parseConnectTo(const QString &text, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("--connect-to %1: %2 (HOST1:PORT1:HOST2:PORT2, any part may be empty, an "
                                    "IPv6 address in brackets)")
                         .arg(quoted(text), why);
        return std::nullopt;
    };
    const std::optional<QStringList> fields = splitFields(text);
    if (!fields)
        return fail(QStringLiteral("an IPv6 address's brackets are not closed"));
    if (fields->size() != 4)
        return fail(QStringLiteral("%1 %2 where 4 are needed")
                        .arg(fields->size())
                        .arg(fields->size() == 1 ? QStringLiteral("part") : QStringLiteral("parts")));
    ConnectToRule rule;
    for (const int i : {0, 2}) {
        if (fields->at(i).isEmpty())
            continue;
        const std::optional<QString> host = normalHost(fields->at(i));
        if (!host)
            return fail(QStringLiteral("%1 is not a host name or address").arg(quoted(fields->at(i))));
        (i == 0 ? rule.host : rule.toHost) = *host;
    }
    for (const int i : {1, 3}) {
        const std::optional<int> port = parsePort(fields->at(i), true);
        if (!port)
            return fail(QStringLiteral("%1 is not a port (1 to 65535)").arg(quoted(fields->at(i))));
        (i == 1 ? rule.port : rule.toPort) = *port;
    }
    return rule;
}

std::optional<ResolveRule> parseResolve(const QString &text, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("--resolve %1: %2 (HOST:PORT:ADDRESS[,ADDRESS...], an IPv6 address in "
                                    "brackets)")
                         .arg(quoted(text), why);
        return std::nullopt;
    };
    QString body = text;
    if (body.startsWith(QLatin1Char('+')))
        body.remove(0, 1);  // curl's "add as a timeout-less entry": the same here
    if (body.startsWith(QLatin1Char('-')))
        return fail(QStringLiteral("removing an entry ('-HOST:PORT') is not supported: leave the rule out"));
    const qsizetype first = body.indexOf(QLatin1Char(':'));
    const qsizetype second = first < 0 ? -1 : body.indexOf(QLatin1Char(':'), first + 1);
    if (second < 0)
        return fail(QStringLiteral("it needs three parts"));
    ResolveRule rule;
    const QString host = body.left(first);
    if (host == QLatin1String("*")) {
        rule.host = host;
    } else {
        const std::optional<QString> h = host.isEmpty() ? std::nullopt : normalHost(host);
        if (!h)
            return fail(QStringLiteral("%1 is not a host name").arg(quoted(host)));
        rule.host = *h;
    }
    const QString port = body.mid(first + 1, second - first - 1);
    const std::optional<int> p = parsePort(port, false);
    if (!p)
        return fail(QStringLiteral("%1 is not a port (1 to 65535)").arg(quoted(port)));
    rule.port = *p;
    for (const QString &part : body.mid(second + 1).split(QLatin1Char(','))) {
        QString a = part.trimmed();
        if (a.startsWith(QLatin1Char('[')) && a.endsWith(QLatin1Char(']')))
            a = a.mid(1, a.size() - 2);
        QHostAddress address;
        if (!address.setAddress(a) || !address.scopeId().isEmpty())
            return fail(QStringLiteral("%1 is not an IP address").arg(quoted(part)));
        rule.addresses.append(address.toString());
    }
    return rule;
}

std::optional<AddressMap> parseAddressMap(const QStringList &connectTo, const QStringList &resolve,
                                          QString *error)
{
    AddressMap map;
    for (const QString &text : connectTo) {
        const std::optional<ConnectToRule> rule = parseConnectTo(text, error);
        if (!rule)
            return std::nullopt;
        map.connectTo.append(*rule);
    }
    for (const QString &text : resolve) {
        const std::optional<ResolveRule> rule = parseResolve(text, error);
        if (!rule)
            return std::nullopt;
        map.resolve.append(*rule);
    }
    return map;
}

QString bracketedHost(const QString &host)
{
    return host.contains(QLatin1Char(':')) ? u'[' + host + u']' : host;
}

QString hostPortText(const QString &host, int port)
{
    return bracketedHost(host) + u':' + QString::number(port);
}

ConnectTarget connectTarget(const AddressMap &map, const QString &host, quint16 port)
{
    ConnectTarget target{host, port, {}, {}};
    for (const ConnectToRule &rule : map.connectTo) {
        if ((!rule.host.isEmpty() && rule.host != host) || (rule.port >= 0 && rule.port != port))
            continue;
        if (!rule.toHost.isEmpty())
            target.host = rule.toHost;
        if (rule.toPort >= 0)
            target.port = quint16(rule.toPort);
        target.rules.append(
            QStringLiteral("--connect-to %1:%2:%3:%4")
                .arg(bracketedHost(rule.host), rule.port < 0 ? QString() : QString::number(rule.port),
                     bracketedHost(rule.toHost), rule.toPort < 0 ? QString() : QString::number(rule.toPort)));
        break;
    }
    QHostAddress literal;
    if (literal.setAddress(target.host))
        return target;  // an address is not looked up
    for (const ResolveRule &rule : map.resolve) {
        if ((rule.host != QLatin1String("*") && rule.host != target.host) || rule.port != target.port)
            continue;
        target.addresses = rule.addresses;
        QStringList shown;
        for (const QString &a : rule.addresses)
            shown.append(bracketedHost(a));
        target.rules.append(QStringLiteral("--resolve %1:%2:%3")
                                .arg(rule.host, QString::number(rule.port), shown.join(QLatin1Char(','))));
        break;
    }
    return target;
}

}  // namespace Rwb
