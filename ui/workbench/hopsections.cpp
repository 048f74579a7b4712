#include "workbench/hopsections.h"

#include "core/formats/curlexport.h"
#include "core/http/addressmap.h"
#include "core/policy/explain.h"
#include "core/policy/headerdiff.h"
#include "core/policy/options.h"
#include "workbench/bodyformat.h"

#include <QCoreApplication>
#include <QNetworkCookie>

namespace Rwb {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Rwb::HopInspector", text);
}

QString urlText(const QUrl &url)
{
    return QString::fromLatin1(url.toEncoded());
}

QString ms(double value)
{
    return tr("%1 ms").arg(value, 0, 'f', value < 10 ? 1 : 0);
}

QString sameSiteText(QNetworkCookie::SameSite policy)
{
    switch (policy) {
    case QNetworkCookie::SameSite::Default:
        break;
    case QNetworkCookie::SameSite::None:
        return QStringLiteral("SameSite=None");
    case QNetworkCookie::SameSite::Lax:
        return QStringLiteral("SameSite=Lax");
    case QNetworkCookie::SameSite::Strict:
        return QStringLiteral("SameSite=Strict");
    }
    return {};
}

}  // namespace

QString requestLine(const Hop &hop)
{
    const QByteArray version = hop.response ? hop.response->httpVersion : QByteArray();
    return QString::fromLatin1(hop.request.method) + QLatin1Char(' ') + urlText(hop.request.url)
           + QLatin1String(" HTTP/")
           + (version.isEmpty() ? QStringLiteral("1.1") : QString::fromLatin1(version));
}

QString statusLine(const Hop &hop)
{
    if (!hop.response)
        return {};
    QString line = QLatin1String("HTTP/") + QString::fromLatin1(hop.response->httpVersion) + QLatin1Char(' ')
                   + QString::number(hop.response->status);
    if (!hop.response->reason.isEmpty())
        line += QLatin1Char(' ') + headerDisplayText(hop.response->reason);
    return line;
}

QStringList hopFlagLines(const Hop &hop)
{
    QStringList lines;
    if (hop.synthetic)
        lines << tr("Synthetic hop: the browser answered this request itself (HSTS internal redirect); "
                    "nothing was sent on the network");
    if (hop.edited)
        lines << tr("Edited: you changed this request before it was sent");
    return lines;
}

QStringList tlsLines(const TlsInfo &tls)
{
    if (!tls.used)
        return {};
    QStringList lines;
    if (tls.alpn.isEmpty())
        lines << tr("TLS: %1, cipher %2").arg(tls.protocol, tls.cipher);
    else
        lines
            << tr("TLS: %1, cipher %2, ALPN %3").arg(tls.protocol, tls.cipher, QString::fromLatin1(tls.alpn));
    if (tls.chain.isEmpty()) {  // a trace of an older version: the server's own certificate only
        if (!tls.peerSubject.isEmpty() || !tls.peerIssuer.isEmpty())
            lines << tr("Certificate: %1, issued by %2").arg(tls.peerSubject, tls.peerIssuer);
        if (tls.peerExpiry.isValid())
            lines << tr("Expires: %1").arg(tls.peerExpiry.toUTC().toString(Qt::ISODate));
    }
    // The chain as the server sent it, its own certificate first, each with its dates.
    for (qsizetype i = 0; i < tls.chain.size(); ++i) {
        const CertificateInfo &c = tls.chain.at(i);
        lines << (i == 0 ? tr("Certificate: %1, issued by %2, valid %3 to %4")
                         : tr("Chain: %1, issued by %2, valid %3 to %4"))
                     .arg(c.subject, c.issuer, c.notBefore.toUTC().toString(Qt::ISODate),
                          c.notAfter.toUTC().toString(Qt::ISODate));
    }
    if (!tls.clientCertificate.isEmpty())
        lines << tr("Client certificate offered: %1").arg(tls.clientCertificate);
    for (const QString &e : tls.errors)
        lines << tr("TLS error: %1").arg(e);
    return lines;
}

QStringList connectionLines(const Hop &hop)
{
    QStringList lines;
    const Hop::Connection &c = hop.connection;
    if (c.port != 0) {
        const QString where = hostPortText(c.address, c.port);
        lines << (c.reused ? tr("Connected to %1 (a connection used before)").arg(where)
                           : tr("Connected to %1 (a new connection)").arg(where));
    }
    if (!c.proxy.isEmpty())
        lines << tr("Through the proxy %1").arg(c.proxy);
    // The CONNECT's request line and the proxy's status line; the whole heads are in the trace.
    if (!c.proxyConnect.isEmpty())
        lines << tr("Tunnel: %1 → %2")
                     .arg(QString::fromLatin1(c.proxyConnect.left(c.proxyConnect.indexOf('\r'))),
                          c.proxyConnectResponse.isEmpty() ? tr("no answer")
                                                           : QString::fromLatin1(c.proxyConnectResponse.left(
                                                               c.proxyConnectResponse.indexOf('\r'))));
    return lines;
}

QStringList locationLines(const Hop &hop)
{
    if (!hop.response)
        return {};
    QStringList lines;
    for (const QByteArray &raw : headerValues(hop.response->headers, "Location"))
        lines << tr("Location header: %1").arg(headerDisplayText(raw));
    if (!hop.response->location.isEmpty())
        lines << tr("Resolved to: %1").arg(urlText(hop.response->location));
    else if (!lines.isEmpty())
        lines << tr("Not followed");
    return lines;
}

QString pauseText(double ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(std::max(1.0, ms), 0, 'f', 0);  // a pause is never "0 ms"
    const qint64 s = qint64(ms / 1000.0 + 0.5);
    if (s < 60)
        return tr("%1 s").arg(s);
    return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
}

QString timingText(const Timing &timing, double pausedMs)
{
    // The engine marks a response that has not arrived yet with a negative time.
    QString text;
    if (timing.responseMs < 0)
        text = tr("Started at %1, waiting for the response").arg(ms(timing.startMs));
    else
        text = tr("Started at %1, response at %2, ended at %3 (took %4)")
                   .arg(ms(timing.startMs), ms(timing.responseMs), ms(timing.endMs),
                        ms(timing.endMs - timing.startMs));
    if (pausedMs > 0)
        text += tr("; paused %1 before it was sent (not counted)").arg(pauseText(pausedMs));
    return text;
}

QString hopErrorText(const HopError &error)
{
    return tr("Error %1: %2").arg(error.code, error.message);
}

QList<RowTableModel::Row> sentCookieRows(const Hop &hop)
{
    QList<RowTableModel::Row> rows;
    for (const QByteArray &header : headerValues(hop.request.headers, "Cookie")) {
        for (const QByteArray &pair : header.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            if (trimmed.isEmpty())
                continue;
            const qsizetype eq = trimmed.indexOf('=');
            const QString name = headerDisplayText(eq < 0 ? QByteArray() : trimmed.left(eq).trimmed());
            const QString value = headerDisplayText(eq < 0 ? trimmed : trimmed.mid(eq + 1).trimmed());
            RowTableModel::Row row;
            row.cells = QStringList{name, value};
            row.line = name + QLatin1String(": ") + value;
            rows << row;
        }
    }
    return rows;
}

QList<RowTableModel::Row> setCookieRows(const Hop &hop)
{
    QList<RowTableModel::Row> rows;
    if (!hop.response)
        return rows;
    for (const QByteArray &line : headerValues(hop.response->headers, "Set-Cookie")) {
        const QList<QNetworkCookie> cookies = QNetworkCookie::parseCookies(line);
        if (cookies.isEmpty()) {
            RowTableModel::Row row;
            row.cells = QStringList{tr("(not a cookie)"), headerDisplayText(line)};
            row.tone = Theme::Tone::Danger;
            row.line = tr("Unparseable Set-Cookie: %1").arg(headerDisplayText(line));
            rows << row;
            continue;
        }
        for (const QNetworkCookie &c : cookies) {
            const QString expires =
                c.isSessionCookie() ? tr("session") : c.expirationDate().toUTC().toString(Qt::ISODate);
            QStringList flags;
            if (c.isSecure())
                flags << QStringLiteral("Secure");
            if (c.isHttpOnly())
                flags << QStringLiteral("HttpOnly");
            const QString sameSite = sameSiteText(c.sameSitePolicy());
            if (!sameSite.isEmpty())
                flags << sameSite;
            const QString domain = c.domain().isEmpty() ? tr("(this host)") : c.domain();
            const QString path = c.path().isEmpty() ? tr("(default)") : c.path();
            RowTableModel::Row row;
            row.cells =
                QStringList{headerDisplayText(c.name()), headerDisplayText(c.value()), domain, path, expires,
                            flags.join(QLatin1Char(' '))};
            row.line = row.cells.at(0) + QLatin1String(": ") + row.cells.at(1)
                       + tr(" (domain %1, path %2, expires %3%4)")
                             .arg(domain, path, expires,
                                  flags.isEmpty() ? QString()
                                                  : QLatin1String(", ") + flags.join(QLatin1String(", ")));
            row.toolTip = QLatin1String("Set-Cookie: ") + headerDisplayText(line);
            rows << row;
        }
    }
    return rows;
}

QString cookieDecisionName(const QString &code)
{
    switch (noteCodeFromName(code)) {
    case NoteCode::CookieSent:
        return tr("sent");
    case NoteCode::CookieNotSent:
        return tr("not sent");
    case NoteCode::CookieStored:
        return tr("stored");
    case NoteCode::CookieRejected:
        return tr("rejected");
    case NoteCode::CookieDeleted:
        return tr("deleted");
    case NoteCode::CookiePreset:
        return tr("preset");
    case NoteCode::CookieIgnored:
        return tr("ignored");
    case NoteCode::CookieSeeded:
        return tr("seeded");
    default:
        return code;
    }
}

QList<RowTableModel::Row> cookieDecisionRows(const Hop &hop)
{
    QList<RowTableModel::Row> rows;
    for (const Note &n : hop.notes) {
        if (!isCookieNoteCode(n.code))
            continue;
        // The jar names the cookie and the rule in the note's subject and reason; a note without them (a
        // decision about every cookie, or a trace of an older version) shows a dash and its whole message.
        const QString cookie = n.subject.isEmpty() ? QStringLiteral("—") : n.subject;
        const QString reason = n.reason.isEmpty() ? n.message : n.reason;
        const QString decision = cookieDecisionName(n.code);
        RowTableModel::Row row;
        row.cells = QStringList{cookie, decision, reason};
        row.line = tr("%1 %2: %3").arg(cookie, decision, reason);
        row.toolTip = n.message;
        switch (n.kind()) {
        case NoteCode::CookieRejected:
        case NoteCode::CookieNotSent:
            row.tone = Theme::Tone::Warning;
            break;
        case NoteCode::CookieIgnored:
        case NoteCode::CookieDeleted:
            row.tone = Theme::Tone::Muted;
            break;
        default:
            break;
        }
        rows << row;
    }
    return rows;
}

QStringList requestChangeLines(const Hop &previous, const Hop &current)
{
    QStringList lines;
    const WireRequest &a = previous.request;
    const WireRequest &b = current.request;
    if (a.method != b.method)
        lines << tr("Method: %1 → %2").arg(QString::fromLatin1(a.method), QString::fromLatin1(b.method));
    else
        lines << tr("Method: %1 (unchanged)").arg(QString::fromLatin1(b.method));
    lines << tr("URL: %1 → %2").arg(urlText(a.url), urlText(b.url));
    if (a.bodySize() != b.bodySize())
        lines << tr("Body: %1 → %2").arg(formatByteSize(a.bodySize()), formatByteSize(b.bodySize()));
    return lines;
}

QList<RowTableModel::Row> headerChangeRows(const Hop &previous, const Hop &current)
{
    // Decisions about the next request are notes of the hop whose response led to it (previous);
    // what was added while sending (the jar's Cookie, an edit) is noted on the current hop.
    NoteList notes = previous.notes;
    static const QList<NoteCode> sendingCodes{NoteCode::CookieSent, NoteCode::CookieSeeded, NoteCode::Edited,
                                              NoteCode::CredentialsFromUrl};
    for (const Note &n : current.notes) {
        if (sendingCodes.contains(n.kind()))
            notes << n;
    }
    QList<RowTableModel::Row> rows;
    for (const HeaderChange &c : diffHeaders(previous.request.headers, current.request.headers, notes)) {
        RowTableModel::Row row;
        const QString kind = headerChangeKindName(c.kind);
        const QString name = headerDisplayText(c.name);
        QString value;
        switch (c.kind) {
        case HeaderChange::Kind::Kept:
            value = headerDisplayText(c.newValue);
            row.tone = Theme::Tone::Muted;
            break;
        case HeaderChange::Kind::Added:
            value = headerDisplayText(c.newValue);
            row.tone = Theme::Tone::Good;
            break;
        case HeaderChange::Kind::Removed:
            value = headerDisplayText(c.oldValue);
            row.tone = Theme::Tone::Danger;
            break;
        case HeaderChange::Kind::Changed:
            value = headerDisplayText(c.oldValue) + QStringLiteral(" → ") + headerDisplayText(c.newValue);
            row.tone = Theme::Tone::Warning;
            break;
        }
        row.cells = QStringList{kind, name, value, c.reason};
        row.line = kind + QLatin1String(": ") + name + QLatin1String(": ") + value;
        if (!c.reason.isEmpty())
            row.line += QLatin1String(" (") + c.reason + QLatin1Char(')');
        rows << row;
    }
    return rows;
}

QString explainHtml(const QString &traceProfile, const Hop &hop)
{
    QString html;
    if (hop.response) {
        const StatusExplanation status = explainStatus(hop.response->status);
        html += QLatin1String("<h3>") + status.title.toHtmlEscaped() + QLatin1String("</h3>");
        for (const QString &p : status.about)
            html += QLatin1String("<p>") + p.toHtmlEscaped() + QLatin1String("</p>");
    } else if (hop.error) {
        html += QLatin1String("<h3>") + tr("No response").toHtmlEscaped() + QLatin1String("</h3><p>")
                + hopErrorText(*hop.error).toHtmlEscaped() + QLatin1String("</p>");
    }
    const Profile profile = profileFromName(traceProfile).value_or(Profile::Browser);
    const QList<DecisionExplanation> decisions = explainDecisions(profile, hop);
    html += QLatin1String("<h4>")
            + tr("Decisions of the %1 profile").arg(profileName(profile)).toHtmlEscaped()
            + QLatin1String("</h4>");
    if (decisions.isEmpty()) {
        html +=
            QLatin1String("<p>") + tr("No decisions on this hop.").toHtmlEscaped() + QLatin1String("</p>");
        return html;
    }
    html += QLatin1String("<ul>");
    for (const DecisionExplanation &d : decisions) {
        html += QLatin1String("<li>") + d.what.toHtmlEscaped();
        if (!d.rule.isEmpty())
            html += QStringLiteral(" — <i>") + d.rule.toHtmlEscaped() + QLatin1String("</i>");
        html += QLatin1String("</li>");
    }
    html += QLatin1String("</ul>");
    return html;
}

QString curlCommandForHop(const Hop &hop)
{
    CurlExportOptions options;
    options.insecure = hasNote(hop.notes, NoteCode::TlsErrorAccepted);
    return curlCommandForRequest(hop.request, options);
}

}  // namespace Rwb
