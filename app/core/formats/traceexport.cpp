#include "core/formats/traceexport.h"

#include "core/formats/curlexport.h"
#include "core/formats/tracejson.h"
#include "core/json/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QNetworkCookie>
#include <QSet>
#include <QStringDecoder>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

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

// Header bytes as text: UTF-8 where valid, else Latin-1 (every byte stays visible).
QString headerText(const QByteArray &bytes)
{
    return isUtf8(bytes) ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

bool isFormContentType(const QByteArray &contentType)
{
    return contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded");
}

// ---- Redaction ----

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

// ---- HAR ----

QString harHttpVersion(const QByteArray &version)
{
    if (version.isEmpty())
        return QStringLiteral("HTTP/1.1");
    if (version.startsWith("HTTP/"))
        return QString::fromLatin1(version);
    return QStringLiteral("HTTP/") + QString::fromLatin1(version == "2.0" ? QByteArray("2") : version);
}

QString guessedMimeType(const QByteArray &contentType, const QByteArray &body)
{
    if (!contentType.isEmpty())
        return headerText(contentType);
    if (body.isEmpty())
        return QString();
    return QMimeDatabase().mimeTypeForData(body).name();
}

void harNameValues(JsonWriter &j, const QList<QPair<QString, QString>> &items)
{
    j.beginArray();
    for (const auto &item : items) {
        j.beginObject();
        j.key("name");
        j.value(item.first);
        j.key("value");
        j.value(item.second);
        j.endObject();
    }
    j.endArray();
}

void harHeaders(JsonWriter &j, const HeaderList &headers)
{
    QList<QPair<QString, QString>> items;
    for (const HeaderPair &h : headers)
        items.append({headerText(h.first), headerText(h.second)});
    harNameValues(j, items);
}

// The cookies of Cookie headers ("a=1; b=2").
QList<QPair<QString, QString>> requestCookies(const HeaderList &headers)
{
    QList<QPair<QString, QString>> cookies;
    for (const QByteArray &value : headerValues(headers, "Cookie")) {
        for (const QByteArray &piece : value.split(';')) {
            const QByteArray pair = piece.trimmed();
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            if (eq < 0)
                cookies.append({QString(), headerText(pair)});
            else
                cookies.append({headerText(pair.left(eq).trimmed()), headerText(pair.mid(eq + 1).trimmed())});
        }
    }
    return cookies;
}

void harResponseCookies(JsonWriter &j, const HeaderList &headers)
{
    j.beginArray();
    for (const QByteArray &value : headerValues(headers, "Set-Cookie")) {
        for (const QNetworkCookie &c : QNetworkCookie::parseCookies(value)) {
            j.beginObject();
            j.key("name");
            j.value(headerText(c.name()));
            j.key("value");
            j.value(headerText(c.value()));
            if (!c.path().isEmpty()) {
                j.key("path");
                j.value(c.path());
            }
            if (!c.domain().isEmpty()) {
                j.key("domain");
                j.value(c.domain());
            }
            if (!c.isSessionCookie()) {
                j.key("expires");
                j.value(c.expirationDate().toUTC().toString(Qt::ISODateWithMs));
            }
            j.key("httpOnly");
            j.value(c.isHttpOnly());
            j.key("secure");
            j.value(c.isSecure());
            j.endObject();
        }
    }
    j.endArray();
}

void harRequest(JsonWriter &j, const Hop &hop)
{
    const WireRequest &r = hop.request;
    j.beginObject();
    j.key("method");
    j.string(r.method);
    j.key("url");
    j.string(r.url.toEncoded());
    j.key("httpVersion");
    j.value(harHttpVersion(hop.response ? hop.response->httpVersion : QByteArray()));
    j.key("cookies");
    harNameValues(j, requestCookies(r.headers));
    j.key("headers");
    harHeaders(j, r.headers);
    j.key("queryString");
    harNameValues(j, QUrlQuery(r.url).queryItems(QUrl::FullyDecoded));
    if (!r.body.isEmpty()) {
        const QByteArray contentType = headerValue(r.headers, "Content-Type");
        j.key("postData");
        j.beginObject();
        j.key("mimeType");
        j.value(guessedMimeType(contentType, r.body));
        if (isUtf8(r.body)) {
            j.key("text");
            j.string(r.body);
            if (isFormContentType(contentType)) {
                QByteArray form = r.body;
                form.replace('+', ' ');
                j.key("params");
                harNameValues(j, QUrlQuery(QString::fromUtf8(form)).queryItems(QUrl::FullyDecoded));
            }
        } else {
            // HAR has no encoding for postData: a custom field says the text is base64.
            j.key("text");
            j.string(r.body.toBase64());
            j.key("_encoding");
            j.string("base64");
        }
        j.endObject();
    }
    j.key("headersSize");
    j.value(-1);
    j.key("bodySize");
    j.value(r.bodySize());
    j.endObject();
}

void harError(JsonWriter &j, const HopError &error)
{
    j.key("_error");
    j.beginObject();
    j.key("code");
    j.value(error.code);
    j.key("message");
    j.value(error.message);
    j.endObject();
}

void harResponse(JsonWriter &j, const Hop &hop)
{
    j.beginObject();
    if (!hop.response) {
        j.key("status");
        j.value(0);
        j.key("statusText");
        j.value(QString());
        j.key("httpVersion");
        j.value(QString());
        j.key("cookies");
        harNameValues(j, {});
        j.key("headers");
        harNameValues(j, {});
        j.key("content");
        j.beginObject();
        j.key("size");
        j.value(0);
        j.key("mimeType");
        j.value(QString());
        j.endObject();
        j.key("redirectURL");
        j.value(QString());
        j.key("headersSize");
        j.value(-1);
        j.key("bodySize");
        j.value(-1);
        if (hop.error)
            harError(j, *hop.error);
        j.endObject();
        return;
    }
    const WireResponse &r = *hop.response;
    j.key("status");
    j.value(r.status);
    j.key("statusText");
    j.value(headerText(r.reason));
    j.key("httpVersion");
    j.value(harHttpVersion(r.httpVersion));
    j.key("cookies");
    harResponseCookies(j, r.headers);
    j.key("headers");
    harHeaders(j, r.headers);
    j.key("content");
    j.beginObject();
    j.key("size");
    j.value(r.bodySize);
    j.key("mimeType");
    j.value(guessedMimeType(headerValue(r.headers, "Content-Type"), r.bodyPreview));
    if (!r.bodyPreview.isEmpty()) {
        j.key("text");
        if (isUtf8(r.bodyPreview)) {
            j.string(r.bodyPreview);
        } else {
            j.string(r.bodyPreview.toBase64());
            j.key("encoding");
            j.string("base64");
        }
    }
    if (r.bodyTruncated) {
        j.key("comment");
        j.value(QStringLiteral("truncated: the text holds the first %1 of %2 bytes")
                    .arg(r.bodyPreview.size())
                    .arg(r.bodySize));
    }
    j.endObject();
    j.key("redirectURL");
    if (!r.location.isEmpty())
        j.string(r.location.toEncoded());
    else
        j.value(headerText(headerValue(r.headers, "Location")));
    j.key("headersSize");
    j.value(-1);
    j.key("bodySize");
    j.value(r.bodySize);
    if (hop.error)
        harError(j, *hop.error);
    j.endObject();
}

void harEntry(JsonWriter &j, const Hop &hop, const QDateTime &startedAt)
{
    // Only what the trace measured: the time to the response head (wait) and the rest (receive).
    const Timing &t = hop.timing;
    const double responseMs = hop.response && t.responseMs >= t.startMs ? t.responseMs : t.endMs;
    const double wait = round3(std::max(0.0, responseMs - t.startMs));
    const double receive = round3(std::max(0.0, t.endMs - responseMs));
    const double send = 0;

    j.beginObject();
    j.key("startedDateTime");
    j.value(startedAt.addMSecs(qint64(std::llround(t.startMs))).toString(Qt::ISODateWithMs));
    j.key("time");
    j.value(round3(send + wait + receive));
    j.key("request");
    harRequest(j, hop);
    j.key("response");
    harResponse(j, hop);
    j.key("cache");
    j.beginObject();
    j.endObject();
    j.key("timings");
    j.beginObject();
    j.key("blocked");
    j.value(-1);
    j.key("dns");
    j.value(-1);
    j.key("connect");
    j.value(-1);
    j.key("send");
    j.value(send);
    j.key("wait");
    j.value(wait);
    j.key("receive");
    j.value(receive);
    j.key("ssl");
    j.value(-1);
    j.endObject();
    j.key("_hop");
    j.value(hop.index);
    if (hop.synthetic) {
        j.key("_synthetic");
        j.value(true);
    }
    if (!hop.notes.isEmpty()) {
        j.key("_notes");
        writeNotesJson(j, hop.notes);
    }
    j.endObject();
}

// ---- CSV and Markdown ----

QString csvField(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"'))
        && !field.contains(QLatin1Char('\n')) && !field.contains(QLatin1Char('\r')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString fixed3(double v)
{
    return QString::number(v, 'f', 3);
}

QString noteCodes(const NoteList &notes, const QString &separator)
{
    QStringList codes;
    for (const Note &n : notes)
        codes.append(n.code);
    return codes.join(separator);
}

// Where the hop pointed next: the resolved location, else the Location header as received.
QString hopLocation(const Hop &hop)
{
    if (!hop.response)
        return QString();
    if (!hop.response->location.isEmpty())
        return QString::fromUtf8(hop.response->location.toEncoded());
    return headerText(headerValue(hop.response->headers, "Location"));
}

QString hopStatus(const Hop &hop)
{
    if (!hop.response)
        return hop.error ? QStringLiteral("no response (%1)").arg(hop.error->code)
                         : QStringLiteral("no response");
    QString status = QString::number(hop.response->status);
    if (!hop.response->reason.isEmpty())
        status += QLatin1Char(' ') + headerText(hop.response->reason);
    return status;
}

QByteArray toCsv(const Trace &trace)
{
    QString out =
        QStringLiteral("hop,method,url,status,reason,location,start_ms,duration_ms,notes,error\r\n");
    for (const Hop &hop : trace.hops) {
        const QStringList fields = {
            QString::number(hop.index),
            headerText(hop.request.method),
            QString::fromUtf8(hop.request.url.toEncoded()),
            hop.response ? QString::number(hop.response->status) : QString(),
            hop.response ? headerText(hop.response->reason) : QString(),
            hopLocation(hop),
            fixed3(hop.timing.startMs),
            fixed3(std::max(0.0, hop.timing.endMs - hop.timing.startMs)),
            noteCodes(hop.notes, QStringLiteral(" ")),
            hop.error ? hop.error->code + QLatin1String(": ") + hop.error->message : QString(),
        };
        QStringList quoted;
        for (const QString &f : fields)
            quoted.append(csvField(f));
        out += quoted.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
    return out.toUtf8();
}

// Text in a Markdown table cell: every character with a Markdown (or GFM table) meaning is escaped, and a
// line break becomes <br> so the row stays one line.
QString markdownText(const QString &text, bool inHeading = false)
{
    static const QString special = QStringLiteral("\\`*_[]<>|&~#!");
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            out += inHeading ? QStringLiteral(" ") : QStringLiteral("<br>");
        } else if (special.contains(c)) {
            out += QLatin1Char('\\');
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

// A code span that shows any text literally: a backtick fence longer than every run of backticks inside,
// pipes escaped for the GFM table, line breaks as spaces (what a code span makes of them anyway).
QString markdownCode(const QString &text)
{
    if (text.isEmpty())
        return QString();
    QString body;
    int run = 0, longest = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n'))
            body += QLatin1Char(' ');
        else if (c == QLatin1Char('|'))
            body += QLatin1String("\\|");
        else
            body += c;
    }
    const QString fence(longest + 1, QLatin1Char('`'));
    const bool pad = body.startsWith(QLatin1Char('`')) || body.endsWith(QLatin1Char('`'))
                     || body.startsWith(QLatin1Char(' ')) || body.endsWith(QLatin1Char(' '));
    const QString space = pad ? QStringLiteral(" ") : QString();
    return fence + space + body + space + fence;
}

QString outcomeLine(const Trace &trace)
{
    QString line = QStringLiteral("**Outcome:** %1").arg(markdownCode(outcomeKindName(trace.outcome.kind)));
    if (!trace.outcome.message.isEmpty())
        line += QStringLiteral(": ") + markdownText(trace.outcome.message);
    if (!trace.outcome.finalUrl.isEmpty())
        line += QStringLiteral(" (final URL %1)")
                    .arg(markdownCode(QString::fromUtf8(trace.outcome.finalUrl.toEncoded())));
    return line;
}

QByteArray toMarkdown(const Trace &trace)
{
    const QString title =
        trace.outcome.message.isEmpty() ? outcomeKindName(trace.outcome.kind) : trace.outcome.message;
    QString out = QStringLiteral("# Redirect trace: ") + markdownText(title, true) + QLatin1String("\n\n");
    out += QStringLiteral("Profile %1, started %2, %3 hop(s).\n\n")
               .arg(markdownCode(trace.profile),
                    markdownText(trace.startedAt.toUTC().toString(Qt::ISODateWithMs)))
               .arg(trace.hops.size());
    out += QLatin1String("| # | Method | URL | Status | Location | Time | Notes |\n");
    out += QLatin1String("|---:|---|---|---|---|---:|---|\n");
    for (const Hop &hop : trace.hops) {
        QString status = hopStatus(hop);
        if (hop.synthetic)
            status += QLatin1String(" (synthetic)");
        if (hop.error && hop.response)
            status += QStringLiteral(", error %1").arg(hop.error->code);
        const QStringList cells = {
            QString::number(hop.index),
            markdownText(headerText(hop.request.method)),
            markdownCode(QString::fromUtf8(hop.request.url.toEncoded())),
            markdownText(status),
            markdownCode(hopLocation(hop)),
            markdownText(QString::number(std::max(0.0, hop.timing.endMs - hop.timing.startMs), 'f', 1)
                         + QLatin1String(" ms")),
            markdownText(noteCodes(hop.notes, QStringLiteral(", "))),
        };
        out += QLatin1String("| ") + cells.join(QLatin1String(" | ")) + QLatin1String(" |\n");
    }
    out += QLatin1Char('\n') + outcomeLine(trace) + QLatin1Char('\n');
    return out.toUtf8();
}

// ---- curl script ----

// One line of a shell comment: a control character could end the comment and start a command.
QString commentText(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar(0x2028) || c == QChar(0x2029))
            c = QLatin1Char(' ');
    }
    return out;
}

bool tlsErrorsAccepted(const Hop &hop)
{
    return hasNote(hop.notes, QStringLiteral("tls-error-accepted"))
           || (!hop.tls.errors.isEmpty() && hop.response.has_value());
}

QByteArray toCurlScript(const Trace &trace)
{
    QStringList commands;
    QString body;
    for (const Hop &hop : trace.hops) {
        QString line = QStringLiteral("hop %1: ").arg(hop.index);
        line += hop.response ? hopStatus(hop) : QStringLiteral("no response");
        const QString location = hopLocation(hop);
        if (!location.isEmpty())
            line += QStringLiteral(" → ") + location;
        if (hop.error)
            line += QStringLiteral(" (%1: %2)").arg(hop.error->code, hop.error->message);
        body += QLatin1Char('\n') + QLatin1String("# ") + commentText(line) + QLatin1Char('\n');
        if (hop.synthetic) {
            body += QLatin1String("# (synthetic: the client made this hop itself, no request to replay)\n");
            continue;
        }
        CurlExportOptions options;
        options.insecure = tlsErrorsAccepted(hop);
        const QString command = curlCommandForRequest(hop.request, options);
        commands.append(command);
        body += command + QLatin1Char('\n');
    }
    // dash (Debian's sh) has no $'...' quoting, which curlCommandForRequest uses for control bytes and
    // bytes that are not UTF-8: such a script needs bash.
    const bool needsBash = std::any_of(commands.cbegin(), commands.cend(),
                                       [](const QString &c) { return c.contains(QLatin1String("$'")); });
    QString out = needsBash ? QStringLiteral("#!/usr/bin/env bash\n") : QStringLiteral("#!/bin/sh\n");
    out += QLatin1String("# Redirect Workbench ") + QLatin1String(RWB_VERSION) + QLatin1String(": ")
           + commentText(trace.outcome.message.isEmpty() ? outcomeKindName(trace.outcome.kind)
                                                         : trace.outcome.message)
           + QLatin1Char('\n');
    out += QStringLiteral("# Profile %1, started %2.\n")
               .arg(commentText(trace.profile), trace.startedAt.toUTC().toString(Qt::ISODateWithMs));
    out += QLatin1String(
        "# Replays the recorded hops one by one, each with its own curl command and without -L\n"
        "# (curl follows no redirect itself), so every hop sends exactly the request that was\n"
        "# recorded, whatever curl's own redirect rules would do.\n");
    if (needsBash)
        out += QLatin1String("# Needs bash: some bytes are quoted with $'...'.\n");
    out += body;
    if (!trace.hops.isEmpty())
        out += QLatin1Char('\n');
    out += QLatin1String("# outcome: ") + outcomeKindName(trace.outcome.kind) + QLatin1String(": ")
           + commentText(trace.outcome.message) + QLatin1Char('\n');
    return out.toUtf8();
}

// ---- HAR import ----

struct HarReader {
    QString error;

    bool fail(const QString &field, const QString &expected)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: expected %2").arg(field, expected);
        return false;
    }

    static QUrl comparable(const QUrl &url)
    {
        QUrl out = url.adjusted(QUrl::RemoveFragment | QUrl::NormalizePathSegments);
        const int defaultPort = out.scheme() == QLatin1String("https") ? 443 : 80;
        if (out.port() == defaultPort)
            out.setPort(-1);
        return out;
    }

    // "name" and "value" strings of each object in an array (HAR headers, params).
    bool nameValues(const QJsonValue &v, const QString &field, QList<QPair<QString, QString>> &out)
    {
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return fail(field, QStringLiteral("an array"));
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString f = QStringLiteral("%1[%2]").arg(field).arg(i);
            if (!a.at(i).isObject())
                return fail(f, QStringLiteral("an object"));
            const QJsonObject o = a.at(i).toObject();
            if (!o.value(QLatin1String("name")).isString())
                return fail(f + QLatin1String(".name"), QStringLiteral("a string"));
            const QJsonValue value = o.value(QLatin1String("value"));
            if (!value.isString() && !value.isUndefined())
                return fail(f + QLatin1String(".value"), QStringLiteral("a string"));
            out.append({o.value(QLatin1String("name")).toString(), value.toString()});
        }
        return true;
    }

    bool body(const QJsonObject &request, const QString &field, RequestSpec &spec)
    {
        const QJsonValue postData = request.value(QLatin1String("postData"));
        if (postData.isUndefined() || postData.isNull())
            return true;
        if (!postData.isObject())
            return fail(field, QStringLiteral("an object"));
        const QJsonObject o = postData.toObject();
        const QJsonValue mimeType = o.value(QLatin1String("mimeType"));
        if (!mimeType.isString() && !mimeType.isUndefined())
            return fail(field + QLatin1String(".mimeType"), QStringLiteral("a string"));
        const QJsonValue text = o.value(QLatin1String("text"));
        if (!text.isString() && !text.isUndefined())
            return fail(field + QLatin1String(".text"), QStringLiteral("a string"));
        QList<QPair<QString, QString>> params;
        if (!nameValues(o.value(QLatin1String("params")), field + QLatin1String(".params"), params))
            return false;
        if (text.isString()) {
            const QString encoding =
                o.value(QLatin1String("_encoding")).toString(o.value(QLatin1String("encoding")).toString());
            spec.body = encoding == QLatin1String("base64")
                            ? QByteArray::fromBase64(text.toString().toLatin1())
                            : text.toString().toUtf8();
        } else {
            QList<QByteArray> pairs;
            for (const auto &p : params) {
                pairs.append(QUrl::toPercentEncoding(p.first, " ").replace(' ', '+') + '='
                             + QUrl::toPercentEncoding(p.second, " ").replace(' ', '+'));
            }
            spec.body = pairs.join('&');
        }
        const QByteArray contentType = headerValue(spec.headers, "Content-Type");
        spec.formBody = isFormContentType(contentType.isEmpty() ? mimeType.toString().toUtf8() : contentType);
        return true;
    }

    // The request of entries[i]; its URL is also what the entry itself was asked for.
    bool entry(const QJsonValue &v, const QString &f, RequestSpec &spec, QUrl &redirectTarget)
    {
        if (!v.isObject())
            return fail(f, QStringLiteral("an object"));
        const QJsonObject o = v.toObject();
        const QJsonValue requestValue = o.value(QLatin1String("request"));
        if (!requestValue.isObject())
            return fail(f + QLatin1String(".request"), QStringLiteral("an object"));
        const QJsonObject request = requestValue.toObject();
        const QJsonValue method = request.value(QLatin1String("method"));
        if (!method.isString() || method.toString().isEmpty())
            return fail(f + QLatin1String(".request.method"), QStringLiteral("a string"));
        const QJsonValue url = request.value(QLatin1String("url"));
        if (!url.isString())
            return fail(f + QLatin1String(".request.url"), QStringLiteral("a string"));
        spec.method = method.toString().toLatin1();
        spec.url = QUrl::fromEncoded(url.toString().toUtf8(), QUrl::TolerantMode);
        if (!spec.url.isValid() || spec.url.isRelative() || spec.url.host().isEmpty()) {
            if (spec.url.isValid() && !spec.url.isRelative()
                && !spec.url.scheme().startsWith(QLatin1String("http")))
                return true;  // data:, blob:, about: ... have no host: not an HTTP request, skipped below
            return fail(f + QLatin1String(".request.url"), QStringLiteral("an absolute URL"));
        }
        QList<QPair<QString, QString>> headers;
        if (!nameValues(request.value(QLatin1String("headers")), f + QLatin1String(".request.headers"),
                        headers))
            return false;
        for (const auto &h : headers) {
            const QString name = h.first.trimmed();
            // HTTP/2 pseudo-headers and what the engine writes per connection itself.
            if (name.startsWith(QLatin1Char(':'))
                || name.compare(QLatin1String("Host"), Qt::CaseInsensitive) == 0
                || name.compare(QLatin1String("Content-Length"), Qt::CaseInsensitive) == 0
                || name.compare(QLatin1String("Connection"), Qt::CaseInsensitive) == 0)
                continue;
            spec.headers.append({name.toUtf8(), h.second.toUtf8()});
        }
        if (!body(request, f + QLatin1String(".request.postData"), spec))
            return false;

        const QJsonValue responseValue = o.value(QLatin1String("response"));
        if (responseValue.isUndefined() || responseValue.isNull())
            return true;
        if (!responseValue.isObject())
            return fail(f + QLatin1String(".response"), QStringLiteral("an object"));
        const QJsonObject response = responseValue.toObject();
        const QJsonValue redirectUrl = response.value(QLatin1String("redirectURL"));
        if (!redirectUrl.isString() && !redirectUrl.isUndefined())
            return fail(f + QLatin1String(".response.redirectURL"), QStringLiteral("a string"));
        QString target = redirectUrl.toString();
        if (target.isEmpty()) {
            // Some exporters leave redirectURL empty: the Location header says the same.
            QList<QPair<QString, QString>> responseHeaders;
            if (!nameValues(response.value(QLatin1String("headers")), f + QLatin1String(".response.headers"),
                            responseHeaders))
                return false;
            for (const auto &h : responseHeaders) {
                if (h.first.compare(QLatin1String("Location"), Qt::CaseInsensitive) == 0)
                    target = h.second;
            }
        }
        if (!target.isEmpty())
            redirectTarget = spec.url.resolved(QUrl::fromEncoded(target.toUtf8(), QUrl::TolerantMode));
        return true;
    }
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

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Har:
        return QStringLiteral("har");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::CurlScript:
        return QStringLiteral("curl");
    }
    return QString();
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    for (const ExportFormat f : {ExportFormat::Json, ExportFormat::Har, ExportFormat::Csv,
                                 ExportFormat::Markdown, ExportFormat::CurlScript}) {
        if (name.compare(exportFormatName(f), Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

QString exportFormatSuffix(ExportFormat format)
{
    return format == ExportFormat::CurlScript ? QStringLiteral("sh") : exportFormatName(format);
}

Trace redactTrace(const Trace &trace)
{
    Redactor r;
    Trace out = trace;
    for (Hop &hop : out.hops) {
        hop.request.url = r.url(hop.request.url);
        r.headers(hop.request.headers);
        if (!hop.request.body.isEmpty()
            && isFormContentType(headerValue(hop.request.headers, "Content-Type")))
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
        for (Note &n : hop.notes)
            n.message = r.text(n.message);
        if (hop.error)
            hop.error->message = r.text(hop.error->message);
        hop.request.body = r.bytes(hop.request.body);
        if (hop.response)
            hop.response->bodyPreview = r.bytes(hop.response->bodyPreview);
    }
    out.outcome.message = r.text(out.outcome.message);
    return out;
}

QByteArray exportTrace(const Trace &trace, ExportFormat format, const ExportOptions &options)
{
    const Trace t = options.keepSecrets ? trace : redactTrace(trace);
    switch (format) {
    case ExportFormat::Json:
        return traceToJsonBytes(t);
    case ExportFormat::Har:
        return traceToHar(t);
    case ExportFormat::Csv:
        return toCsv(t);
    case ExportFormat::Markdown:
        return toMarkdown(t);
    case ExportFormat::CurlScript:
        return toCurlScript(t);
    }
    return QByteArray();
}

QByteArray traceToHar(const Trace &trace)
{
    const QDateTime startedAt =
        trace.startedAt.isValid() ? trace.startedAt.toUTC() : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    JsonWriter j;
    j.reserve(1024 + trace.hops.size() * 4096);
    j.beginObject();
    j.key("log");
    j.beginObject();
    j.key("version");
    j.string("1.2");
    j.key("creator");
    j.beginObject();
    j.key("name");
    j.string("Redirect Workbench");
    j.key("version");
    j.string(RWB_VERSION);
    j.endObject();
    j.key("entries");
    j.beginArray();
    for (const Hop &hop : trace.hops) {
        if (hop.response || hop.error)
            harEntry(j, hop, startedAt);
    }
    j.endArray();
    j.key("comment");
    j.value(trace.outcome.message);
    j.key("_profile");
    j.value(trace.profile);
    j.key("_outcome");
    j.beginObject();
    j.key("kind");
    j.value(outcomeKindName(trace.outcome.kind));
    j.key("message");
    j.value(trace.outcome.message);
    j.key("finalUrl");
    j.string(trace.outcome.finalUrl.toEncoded());
    j.endObject();
    j.endObject();
    j.endObject();
    return j.finish();
}

HarImportResult importHar(const QByteArray &json)
{
    HarImportResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = jsonParseErrorMessage(json, parseError);
        return result;
    }
    const QJsonValue log = doc.object().value(QLatin1String("log"));
    if (!doc.isObject() || !log.isObject()) {
        result.error = QStringLiteral("log: expected an object");
        return result;
    }
    const QJsonValue entries = log.toObject().value(QLatin1String("entries"));
    if (!entries.isArray()) {
        result.error = QStringLiteral("log.entries: expected an array");
        return result;
    }
    HarReader reader;
    QList<QUrl> redirectTargets;  // comparable(): earlier entries' redirect targets
    const QJsonArray array = entries.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        RequestSpec spec;
        QUrl target;
        if (!reader.entry(array.at(i), QStringLiteral("log.entries[%1]").arg(i), spec, target)) {
            result.error = reader.error;
            result.chains.clear();
            return result;
        }
        const QString scheme = spec.url.scheme().toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
            continue;
        const bool redirected = redirectTargets.contains(HarReader::comparable(spec.url));
        if (!target.isEmpty())
            redirectTargets.append(HarReader::comparable(target));
        if (redirected)
            continue;
        HarChain chain;
        chain.name = QString::fromLatin1(spec.method) + QLatin1Char(' ') + spec.url.toString();
        chain.request = spec;
        result.chains.append(chain);
    }
    return result;
}

}  // namespace Rwb
