#include "sandbox/rules.h"

#include <QUrlQuery>

namespace Rwb {

namespace {

QString urlText(const QUrl &url)
{
    return url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded);
}

QString portText(const QUrl &url)
{
    return url.isEmpty() || url.port() < 0 ? QString() : QString::number(url.port());
}

}  // namespace

QString expandSandboxText(const QString &text, const SandboxUrls &urls, const QUrl &requestUrl)
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    QString out;
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), pos);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            out += QStringView(text).mid(pos);
            break;
        }
        out += QStringView(text).mid(pos, open - pos);
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        QString value;
        bool known = true;
        if (name == QLatin1String("origin")) {
            value = urlText(urls.origin);
        } else if (name == QLatin1String("other")) {
            value = urlText(urls.other);
        } else if (name == QLatin1String("https")) {
            value = urlText(urls.https);
        } else if (name == QLatin1String("port")) {
            value = portText(urls.origin);
        } else if (name == QLatin1String("otherPort")) {
            value = portText(urls.other);
        } else if (name == QLatin1String("tlsPort")) {
            value = portText(urls.https);
        } else if (name == QLatin1String("path")) {
            value = requestUrl.path(QUrl::FullyEncoded);
        } else if (name == QLatin1String("query")) {
            if (requestUrl.hasQuery())
                value = QLatin1Char('?') + requestUrl.query(QUrl::FullyEncoded);
        } else if (name.startsWith(QLatin1String("query:"))) {
            value = QUrlQuery(requestUrl).queryItemValue(name.mid(6), QUrl::FullyEncoded);
        } else {
            known = false;
        }
        if (known)
            out += value;
        else
            out += QStringView(text).mid(open, close + 2 - open);
        pos = close + 2;
    }
    return out;
}

bool sandboxPathMatches(const QString &pattern, const QString &path)
{
    if (pattern.endsWith(QLatin1Char('*')))
        return path.startsWith(QStringView(pattern).chopped(1));
    return pattern == path;
}

bool sandboxRuleMatches(const SandboxRule &rule, QByteArrayView method, const QString &path,
                        const HeaderList &requestHeaders)
{
    if (!sandboxPathMatches(rule.path, path))
        return false;
    if (!rule.method.isEmpty() && rule.method.compare(QLatin1String(method), Qt::CaseInsensitive) != 0)
        return false;
    if (rule.requireCookie.isEmpty())
        return true;
    const QByteArray wanted = rule.requireCookie.toUtf8();
    for (const QByteArray &line : headerValues(requestHeaders, "Cookie")) {
        for (const QByteArray &pair : line.split(';')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0 && pair.left(eq).trimmed() == wanted)
                return true;
        }
    }
    return false;
}

qsizetype findSandboxRule(const QList<SandboxRule> &rules, QByteArrayView method, const QString &path,
                          const HeaderList &requestHeaders)
{
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (sandboxRuleMatches(rules.at(i), method, path, requestHeaders))
            return i;
    }
    return -1;
}

// ---- session variables ----

Variables sandboxVariables(const SandboxUrls &urls)
{
    const auto text = [](const QUrl &url) {
        return url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded);
    };
    return {{QLatin1String(kSandboxVariable), text(urls.origin)},
            {QLatin1String(kSandboxOtherVariable), text(urls.other)},
            {QLatin1String(kSandboxHttpsVariable), text(urls.https)}};
}
}  // namespace Rwb
