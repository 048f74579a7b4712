#include "core/formats/redaction.h"

#include "private/hoptext_p.h"

#include <QSet>
#include <QUrlQuery>

#include <algorithm>

namespace Rwb {

namespace {

const QByteArray kRedacted = QByteArrayLiteral("[redacted]");

// The one list of query (and form) parameter names whose values are secrets, compared
// case-insensitively.
const char *const kSecretParameterNames[] = {
    "token",   "access_token", "refresh_token", "id_token",  "auth",      "key",
    "api_key", "apikey",       "sig",           "signature", "password",  "passwd",
    "pwd",     "secret",       "client_secret", "session",   "sessionid",
};

class Redactor
{
public:
    QUrl url(const QUrl &in)
    {
        if (in.isEmpty())
            return in;
        QUrl out = in;
        bool changed = false;
        if (!in.password().isEmpty()) {
            remember(in.password(QUrl::FullyDecoded));
            remember(in.password(QUrl::FullyEncoded));
            out.setPassword(QString::fromLatin1(kRedacted));
            changed = true;
        }
        if (in.hasQuery()) {
            const QString query = parameters(in.query(QUrl::FullyEncoded), false, changed);
            out.setQuery(query, QUrl::StrictMode);
        }
        // OAuth's implicit flow puts access_token in the fragment, which a Location can carry.
        if (in.hasFragment() && in.fragment(QUrl::FullyEncoded).contains(QLatin1Char('='))) {
            const QString fragment = parameters(in.fragment(QUrl::FullyEncoded), false, changed);
            out.setFragment(fragment, QUrl::StrictMode);
        }
        return changed ? out : in;
    }

    // A URL reference as received (absolute or relative); the bytes stay as they are unless a secret goes.
    QByteArray urlBytes(const QByteArray &in)
    {
        if (in.isEmpty())
            return in;
        const QUrl parsed = QUrl::fromEncoded(in, QUrl::TolerantMode);
        if (!parsed.isValid())
            return in;
        const QUrl redacted = url(parsed);
        return redacted == parsed ? in : redacted.toEncoded();
    }

    // name=value pairs joined by '&' (a query, a fragment or a form body), fully encoded.
    QString parameters(const QString &encoded, bool form, bool &changed)
    {
        QUrlQuery query(encoded);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        bool any = false;
        for (QPair<QString, QString> &item : items) {
            QByteArray name = item.first.toUtf8();
            if (form)
                name.replace('+', ' ');
            if (!isSecretQueryParameter(QString::fromUtf8(QByteArray::fromPercentEncoding(name)))
                || item.second.isEmpty() || item.second == QLatin1String(kRedacted))
                continue;
            QByteArray value = item.second.toUtf8();
            remember(QString::fromUtf8(value));
            if (form)
                value.replace('+', ' ');
            remember(QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
            item.second = QString::fromLatin1(kRedacted);
            any = true;
        }
        if (!any)
            return encoded;
        changed = true;
        QUrlQuery rewritten;
        rewritten.setQueryItems(items);
        return rewritten.query(QUrl::FullyEncoded);
    }

    // "Scheme credentials" keeps the scheme: which kind of credentials went is worth seeing.
    QByteArray authorization(const QByteArray &value)
    {
        const QByteArray trimmed = value.trimmed();
        const qsizetype space = trimmed.indexOf(' ');
        if (space > 0) {
            remember(QString::fromLatin1(trimmed.mid(space + 1).trimmed()));
            return trimmed.left(space) + ' ' + kRedacted;
        }
        remember(QString::fromLatin1(trimmed));
        return kRedacted;
    }

    // "a=1; b=2" -> "a=[redacted]; b=[redacted]"
    QByteArray cookie(const QByteArray &value)
    {
        QList<QByteArray> out;
        for (const QByteArray &piece : value.split(';')) {
            const QByteArray pair = piece.trimmed();
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            if (eq < 0) {
                remember(QString::fromLatin1(pair));
                out.append(kRedacted);
            } else {
                remember(QString::fromLatin1(pair.mid(eq + 1).trimmed()));
                out.append(pair.left(eq).trimmed() + '=' + kRedacted);
            }
        }
        return out.join("; ");
    }

    // "name=value; Path=/; HttpOnly" -> "name=[redacted]; Path=/; HttpOnly"
    QByteArray setCookie(const QByteArray &value)
    {
        const qsizetype semicolon = value.indexOf(';');
        const QByteArray pair = semicolon < 0 ? value : value.left(semicolon);
        const QByteArray attributes = semicolon < 0 ? QByteArray() : value.mid(semicolon);
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0) {
            remember(QString::fromLatin1(pair.trimmed()));
            return kRedacted + attributes;
        }
        remember(QString::fromLatin1(pair.mid(eq + 1).trimmed()));
        return pair.left(eq).trimmed() + '=' + kRedacted + attributes;
    }

    // Refresh: "5; url=https://..." carries a URL after "url=".
    QByteArray refresh(const QByteArray &value)
    {
        const qsizetype at = value.toLower().indexOf("url=");
        if (at < 0)
            return value;
        return value.left(at + 4) + urlBytes(value.mid(at + 4).trimmed());
    }

    void headers(HeaderList &list)
    {
        for (HeaderPair &h : list) {
            const QByteArray name = h.first.trimmed().toLower();
            if (name == "authorization" || name == "proxy-authorization")
                h.second = authorization(h.second);
            else if (name == "cookie")
                h.second = cookie(h.second);
            else if (name == "set-cookie")
                h.second = setCookie(h.second);
            else if (name == "location" || name == "content-location" || name == "referer")
                h.second = urlBytes(h.second);
            else if (name == "refresh")
                h.second = refresh(h.second);
        }
    }

    QByteArray formBody(const QByteArray &body)
    {
        bool changed = false;
        const QString out = parameters(QString::fromUtf8(body), true, changed);
        return changed ? out.toUtf8() : body;
    }

    // Free text (notes, messages) may quote a URL or a header: every secret value seen goes there too.
    QString text(const QString &in) const
    {
        QString out = in;
        for (const QString &secret : m_secretsByLength)
            out.replace(secret, QLatin1String(kRedacted));
        return out;
    }

    // Bodies too: echo services and debug pages quote the request's headers back in the response.
    QByteArray bytes(const QByteArray &in) const
    {
        QByteArray out = in;
        for (const QString &secret : m_secretsByLength)
            out.replace(secret.toUtf8(), kRedacted);
        return out;
    }

    void sortSecrets()
    {
        m_secretsByLength = QStringList(m_secrets.cbegin(), m_secrets.cend());
        std::sort(m_secretsByLength.begin(), m_secretsByLength.end(),
                  [](const QString &a, const QString &b) { return a.size() > b.size(); });
    }

private:
    void remember(const QString &secret)
    {
        // Short values ("1", "yes", "html") would blot out unrelated words of the messages.
        if (secret.size() >= 6 && secret != QLatin1String(kRedacted))
            m_secrets.insert(secret);
    }

    QSet<QString> m_secrets;
    QStringList m_secretsByLength;
};

}  // namespace

bool isSecretQueryParameter(QStringView name)
{
    for (const char *secret : kSecretParameterNames) {
        if (name.compare(QLatin1String(secret), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QUrl redactUrl(const QUrl &url)
{
    return Redactor().url(url);
}

Trace redactTrace(const Trace &trace)
{
    Redactor r;
    Trace out = trace;
    for (Hop &hop : out.hops) {
        hop.request.url = r.url(hop.request.url);
        r.headers(hop.request.headers);
        if (!hop.request.body.isEmpty()
            && HopText::isFormContentType(headerValue(hop.request.headers, "Content-Type")))
            hop.request.body = r.formBody(hop.request.body);
        if (hop.response) {
            r.headers(hop.response->headers);
            hop.response->location = r.url(hop.response->location);
        }
    }
    out.outcome.finalUrl = r.url(out.outcome.finalUrl);
    // Then the free text, with every secret value collected above.
    r.sortSecrets();
    for (Hop &hop : out.hops) {
        for (Note &n : hop.notes) {
            n.message = r.text(n.message);
            n.reason = r.text(n.reason);
        }
        if (hop.error)
            hop.error->message = r.text(hop.error->message);
        hop.request.body = r.bytes(hop.request.body);
        if (hop.response)
            hop.response->bodyPreview = r.bytes(hop.response->bodyPreview);
    }
    out.outcome.message = r.text(out.outcome.message);
    return out;
}

}  // namespace Rwb
