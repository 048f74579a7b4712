#include "core/formats/redaction.h"

#include "private/hoptext_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>
#include <utility>

namespace Rwb {

namespace {

const QByteArray kRedacted = QByteArrayLiteral("[redacted]");

// application/json, and the +json types (application/merge-patch+json, ...).
bool isJsonContentType(const QByteArray &value)
{
    const QByteArray type = value.split(';').constFirst().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json");
}

// The one list of query (and form, and JSON member) names whose values are secrets, compared
// case-insensitively: these names exactly, and every name that contains one of kSecretNameParts.
const char *const kSecretParameterNames[] = {
    "auth", "key", "sig", "pwd", "session", "sessionid", "jwt", "code",  // "code": OAuth's authorization code
};
// A name is also secret when one of its words is one of these: api_token, X-Amz-Security-Token,
// client_secret, X-Amz-Signature, X-Amz-Credential, accessToken, user-password. Words, not substrings, so
// that "tokens", "keyword" or "mysecret" stay.
const char *const kSecretWords[] = {
    "token", "secret", "password", "passwd", "pwd", "signature", "credential", "credentials", "apikey",
};

// The words of a parameter or header name: split at '_', '-', '.' and where a lower-case letter meets an
// upper-case one ("accessToken"), lower-cased.
QStringList nameWords(QStringView name)
{
    QStringList words;
    QString word;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c == QLatin1Char('_') || c == QLatin1Char('-') || c == QLatin1Char('.')) {
            if (!word.isEmpty())
                words << std::exchange(word, QString());
            continue;
        }
        if (c.isUpper() && i > 0 && name.at(i - 1).isLower() && !word.isEmpty())
            words << std::exchange(word, QString());
        word += c.toLower();
    }
    if (!word.isEmpty())
        words << word;
    return words;
}

bool hasSecretWord(QStringView name)
{
    const QStringList words = nameWords(name);
    for (qsizetype i = 0; i < words.size(); ++i) {
        for (const char *secret : kSecretWords) {
            if (words.at(i) == QLatin1String(secret))
                return true;
        }
        // "api key", "api_key", "x-api-key", "apiKey"
        if (words.at(i) == QLatin1String("api") && i + 1 < words.size()
            && words.at(i + 1) == QLatin1String("key"))
            return true;
    }
    return false;
}

// Header names whose values are secrets besides Authorization, Cookie and Set-Cookie: X-Api-Key,
// X-Auth-Token, X-CSRF-Token, X-Amz-Security-Token, ... (the words above), and X-Auth-*.
bool isSecretHeaderName(const QByteArray &lowerName)
{
    return lowerName.startsWith("x-auth-") || hasSecretWord(QString::fromLatin1(lowerName));
}

// Secrets shorter than this are blotted out of free text and bodies only where they stand as a word of
// their own (a short value such as "1" or "html" would otherwise blot out unrelated words); shorter than
// kMinWordSecret, not at all.
constexpr qsizetype kMinFreeSecret = 6;
constexpr qsizetype kMinWordSecret = 3;
// How deep URLs inside URLs are looked into (?next=https%3A%2F%2F...%3Ftoken%3D...).
constexpr int kMaxNesting = 4;

class Redactor
{
public:
    QUrl url(const QUrl &in, int depth = 0)
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
            const QString query = parameters(in.query(QUrl::FullyEncoded), false, changed, depth);
            out.setQuery(query, QUrl::StrictMode);
        }
        // OAuth's implicit flow puts access_token in the fragment, which a Location can carry.
        if (in.hasFragment() && in.fragment(QUrl::FullyEncoded).contains(QLatin1Char('='))) {
            const QString fragment = parameters(in.fragment(QUrl::FullyEncoded), false, changed, depth);
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

    // name=value pairs joined by '&' (a query, a fragment or a form body), fully encoded. A value that is
    // itself a URL with a query (a return address: ?next=https%3A%2F%2F...) is redacted the same way.
    QString parameters(const QString &encoded, bool form, bool &changed, int depth = 0)
    {
        QUrlQuery query(encoded);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        bool any = false;
        for (QPair<QString, QString> &item : items) {
            QByteArray name = item.first.toUtf8();
            if (form)
                name.replace('+', ' ');
            if (item.second.isEmpty() || item.second == QLatin1String(kRedacted))
                continue;
            if (!isSecretQueryParameter(QString::fromUtf8(QByteArray::fromPercentEncoding(name)))) {
                if (nestedUrl(item.second, form, depth))
                    any = true;
                continue;
            }
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

    // A parameter value that decodes to a URL with a query or a fragment of its own: its secrets are
    // redacted and it is encoded again. True when it changed.
    bool nestedUrl(QString &value, bool form, int depth)
    {
        if (depth >= kMaxNesting)
            return false;
        QByteArray raw = value.toUtf8();
        if (form)
            raw.replace('+', ' ');
        const QString decoded = QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
        if (!decoded.contains(QLatin1Char('=')))
            return false;
        const QUrl inner = QUrl::fromEncoded(decoded.toUtf8(), QUrl::TolerantMode);
        if (!inner.isValid() || (!inner.hasQuery() && !inner.hasFragment()))
            return false;
        const QUrl redacted = url(inner, depth + 1);
        if (redacted == inner)
            return false;
        value = QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(redacted.toEncoded())));
        return true;
    }

    // A JSON request body: the string (and number) values of members with secret names are redacted,
    // at any depth; the body is written again (compact) only when one was.
    QByteArray jsonBody(const QByteArray &body)
    {
        QJsonParseError error;
        QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError || doc.isNull())
            return body;
        bool changed = false;
        if (doc.isObject()) {
            QJsonObject o = doc.object();
            jsonValue(o, changed);
            doc.setObject(o);
        } else {
            QJsonArray a = doc.array();
            jsonArray(a, changed);
            doc.setArray(a);
        }
        return changed ? doc.toJson(QJsonDocument::Compact) : body;
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

    // The whole value is the secret.
    QByteArray whole(const QByteArray &value)
    {
        remember(QString::fromLatin1(value.trimmed()));
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
            else if (isSecretHeaderName(name) && !h.second.isEmpty() && h.second != kRedacted)
                h.second = whole(h.second);  // X-Api-Key, X-Auth-Token, ...
        }
    }

    void jsonValue(QJsonObject &o, bool &changed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QJsonValue v = it.value();
            if (v.isObject()) {
                QJsonObject inner = v.toObject();
                jsonValue(inner, changed);
                it.value() = inner;
            } else if (v.isArray()) {
                QJsonArray inner = v.toArray();
                jsonArray(inner, changed);
                it.value() = inner;
            } else if ((v.isString() || v.isDouble()) && isSecretQueryParameter(it.key())) {
                const QString secret = v.isString() ? v.toString() : v.toVariant().toString();
                if (secret.isEmpty() || secret == QLatin1String(kRedacted))
                    continue;
                remember(secret);
                it.value() = QString::fromLatin1(kRedacted);
                changed = true;
            }
        }
    }

    void jsonArray(QJsonArray &a, bool &changed)
    {
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a.at(i).isObject()) {
                QJsonObject inner = a.at(i).toObject();
                jsonValue(inner, changed);
                a[i] = inner;
            } else if (a.at(i).isArray()) {
                QJsonArray inner = a.at(i).toArray();
                jsonArray(inner, changed);
                a[i] = inner;
            }
        }
    }

    QByteArray formBody(const QByteArray &body)
    {
        bool changed = false;
        const QString out = parameters(QString::fromUtf8(body), true, changed);
        return changed ? out.toUtf8() : body;
    }

    // Free text (notes, messages) may quote a URL or a header: every secret value seen goes there too,
    // raw and percent-encoded; a short one only where it stands as a word of its own.
    QString text(const QString &in) const
    {
        QString out = in;
        for (const QString &secret : m_secretsByLength) {
            if (secret.size() >= kMinFreeSecret)
                out.replace(secret, QLatin1String(kRedacted));
            else
                out.replace(wordPattern(secret), QLatin1String(kRedacted));
        }
        return out;
    }

    // Bodies too: echo services and debug pages quote the request's headers back in the response.
    QByteArray bytes(const QByteArray &in) const
    {
        if (in.isEmpty() || m_secretsByLength.isEmpty())
            return in;
        const bool utf8 = QUtf8StringView(in).isValidUtf8();
        if (!utf8) {
            QByteArray out = in;
            for (const QString &secret : m_secretsByLength) {
                if (secret.size() >= kMinFreeSecret)
                    out.replace(secret.toUtf8(), kRedacted);
            }
            return out;
        }
        const QString redacted = text(QString::fromUtf8(in));
        return redacted.size() == in.size() && redacted.toUtf8() == in ? in : redacted.toUtf8();
    }

    void sortSecrets()
    {
        QSet<QString> all = m_secrets;
        // A secret also travels percent-encoded (inside another URL, in a form body).
        for (const QString &secret : std::as_const(m_secrets)) {
            const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
            if (encoded != secret)
                all.insert(encoded);
        }
        m_secretsByLength = QStringList(all.cbegin(), all.cend());
        std::sort(m_secretsByLength.begin(), m_secretsByLength.end(),
                  [](const QString &a, const QString &b) { return a.size() > b.size(); });
        m_wordPatterns.clear();
        for (const QString &secret : std::as_const(m_secretsByLength)) {
            if (secret.size() < kMinFreeSecret) {
                m_wordPatterns.insert(
                    secret,
                    QRegularExpression(
                        QStringLiteral("(?<![\\w-])%1(?![\\w-])").arg(QRegularExpression::escape(secret)),
                        QRegularExpression::UseUnicodePropertiesOption));
            }
        }
    }

private:
    void remember(const QString &secret)
    {
        // The shortest values ("1", "ok") would blot out unrelated text even as words.
        if (secret.size() >= kMinWordSecret && secret != QLatin1String(kRedacted))
            m_secrets.insert(secret);
    }

    const QRegularExpression &wordPattern(const QString &secret) const
    {
        return *m_wordPatterns.find(secret);
    }

    QSet<QString> m_secrets;
    QStringList m_secretsByLength;
    QHash<QString, QRegularExpression> m_wordPatterns;  // the short secrets, matched as whole words
};

}  // namespace

bool isSecretQueryParameter(QStringView name)
{
    for (const char *secret : kSecretParameterNames) {
        if (name.compare(QLatin1String(secret), Qt::CaseInsensitive) == 0)
            return true;
    }
    return hasSecretWord(name);
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
        if (!hop.request.body.isEmpty()) {
            const QByteArray type = headerValue(hop.request.headers, "Content-Type");
            if (HopText::isFormContentType(type))
                hop.request.body = r.formBody(hop.request.body);
            else if (isJsonContentType(type))
                hop.request.body = r.jsonBody(hop.request.body);
        }
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
