#include "textreport.h"

#include "core/http/addressmap.h"

namespace Rwb::Cli {

namespace {

struct Style {
    bool on = false;
    QByteArray wrap(const QByteArray &text, const char *code) const
    {
        return on ? QByteArray("\x1b[") + code + 'm' + text + "\x1b[0m" : text;
    }
    QByteArray bold(const QByteArray &t) const { return wrap(t, "1"); }
    QByteArray dim(const QByteArray &t) const { return wrap(t, "2"); }
    QByteArray status(int code, const QByteArray &t) const
    {
        const char *c = code >= 500 ? "1;35" : code >= 400 ? "1;31" : code >= 300 ? "1;33" : "1;32";
        return wrap(t, c);
    }
};

// Bytes from the server or the user (reason phrase, Location, URLs, messages that quote them) must not
// drive the terminal: C0 controls, DEL and UTF-8-encoded C1 controls are shown as escapes instead, and so
// are the bidirectional controls that would reorder the line (U+202A..U+202E, U+2066..U+2069, U+200E,
// U+200F, U+061C: "\u202e").
QByteArray printable(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        const auto next = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes.at(i + 1)) : 0;
        if (c < 0x20 || c == 0x7f) {
            out += c == '\n'   ? QByteArray("\\n")
                   : c == '\r' ? QByteArray("\\r")
                   : c == '\t' ? QByteArray("\\t")
                               : QByteArray("\\x" + QByteArray::number(c, 16).rightJustified(2, '0'));
        } else if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {
            out += "\\u00" + QByteArray::number(next, 16);
            ++i;
        } else if (c == 0xd8 && next == 0x9c) {
            out += "\\u061c";
            ++i;
        } else if (c == 0xe2 && i + 2 < bytes.size()) {
            const auto third = static_cast<unsigned char>(bytes.at(i + 2));
            const uint code = ((c & 0x0fU) << 12) | ((next & 0x3fU) << 6) | (third & 0x3fU);
            const bool sequence = (next & 0xc0U) == 0x80 && (third & 0xc0U) == 0x80;
            const bool bidi = sequence
                              && ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
                                  || code == 0x200e || code == 0x200f);
            if (bidi) {
                out += "\\u" + QByteArray::number(code, 16);
                i += 2;
            } else {
                out += char(c);
            }
        } else {
            out += char(c);
        }
    }
    return out;
}

QByteArray printable(const QString &text)
{
    return printable(text.toUtf8());
}

QByteArray ms(double v)
{
    return QByteArray::number(v, 'f', v < 10 ? 2 : 1) + " ms";
}

// The TLS line of a hop, when there is something to say. A finished handshake: protocol and cipher (and
// the errors accepted with --insecure). A failed one: what failed (the certificate errors Qt reported, or
// its error when there were none) and the server's certificate when it got that far. Verbose output names
// the certificate of a finished handshake too.
QByteArray tlsLines(const Hop &hop, const Style &s, bool verbose)
{
    const TlsInfo &tls = hop.tls;
    if (!tls.used)
        return {};
    QByteArray out;
    // A response came over the connection, so its handshake was done (Qt may no longer know the session's
    // cipher then, when the server closed the connection).
    const bool handshakeDone = hop.response.has_value() || !tls.protocol.isEmpty() || !tls.cipher.isEmpty();
    const QByteArray errors = printable(tls.errors.join(QLatin1String("; ")));
    if (handshakeDone) {
        QByteArrayList parts;
        for (const QString &part : {tls.protocol, tls.cipher}) {
            if (!part.isEmpty())
                parts.append(printable(part));
        }
        if (verbose && !tls.alpn.isEmpty())
            parts.append("ALPN " + printable(QString::fromLatin1(tls.alpn)));
        if (!tls.errors.isEmpty())
            parts.append((parts.isEmpty() ? "errors accepted: " : " errors accepted: ") + errors);
        if (!parts.isEmpty())
            out += s.dim("    TLS " + parts.join(' ')) + '\n';
    } else if (!tls.errors.isEmpty()) {
        out += "    " + s.wrap("TLS failed:", "1;31") + ' ' + errors + '\n';
    } else if (hop.error && hop.error->code == QLatin1String("tls-handshake-failed")) {
        out += "    " + s.wrap("TLS failed:", "1;31") + ' ' + printable(hop.error->message) + '\n';
    }
    const bool certificateKnown = !tls.peerSubject.isEmpty() || tls.peerExpiry.isValid();
    if (certificateKnown && (verbose || !handshakeDone)) {
        QByteArray line =
            "    certificate: "
            + printable(tls.peerSubject.isEmpty() ? QStringLiteral("(no subject)") : tls.peerSubject);
        if (!tls.peerIssuer.isEmpty())
            line += ", issued by " + printable(tls.peerIssuer);
        if (tls.peerExpiry.isValid())
            line += ", expires " + printable(tls.peerExpiry.toUTC().toString(Qt::ISODate));
        out += s.dim(line) + '\n';
        // The CA certificates the server sent with its own, when it sent any.
        for (qsizetype i = 1; verbose && i < tls.chain.size(); ++i) {
            const CertificateInfo &c = tls.chain.at(i);
            out += s.dim("    chain: " + printable(c.subject) + ", issued by " + printable(c.issuer)
                         + ", expires " + printable(c.notAfter.toUTC().toString(Qt::ISODate)))
                   + '\n';
        }
    }
    if (verbose && !tls.clientCertificate.isEmpty())
        out += s.dim("    client certificate: " + printable(tls.clientCertificate)) + '\n';
    return out;
}

// Errors that end a hop before its request goes on the wire: the connection was never made or its TLS
// handshake failed, or the profile refused to send (a browser's GET with a body).
bool endedBeforeSending(const Hop &hop)
{
    if (hop.response || !hop.error)
        return false;
    const QString &code = hop.error->code;
    return code == QLatin1String("connection-refused") || code == QLatin1String("host-not-found")
           || code == QLatin1String("tls-handshake-failed") || code == QLatin1String("body-refused");
}

// curl -v's view of a hop: the request line and the headers as they went on the wire ("> "), then the
// status line and the headers received ("< "). A synthetic hop sent nothing: only its response. A hop that
// ended before sending says so ("* not sent") above the request it would have sent.
QByteArray exchangeLines(const Hop &hop, const Style &s)
{
    QByteArray out;
    const QByteArray version =
        "HTTP/" + (hop.response ? printable(hop.response->httpVersion) : QByteArray("1.1"));
    if (!hop.synthetic) {
        if (endedBeforeSending(hop)) {
            out += "    " + s.dim("*") + " not sent (" + printable(hop.error->code)
                   + "); the request as it would have gone:\n";
        }
        QByteArray target =
            hop.request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
        if (target.isEmpty())
            target = "/";
        out += "    " + s.dim(">") + ' ' + printable(hop.request.method) + ' ' + printable(target) + ' '
               + version + '\n';
        for (const HeaderPair &h : hop.request.headers)
            out += "    " + s.dim(">") + ' ' + printable(h.first) + ": " + printable(h.second) + '\n';
    }
    if (hop.response) {
        const WireResponse &r = *hop.response;
        QByteArray status = version + ' ' + QByteArray::number(r.status);
        if (!r.reason.isEmpty())
            status += ' ' + printable(r.reason);
        out += "    " + s.dim("<") + ' ' + status + '\n';
        for (const HeaderPair &h : r.headers)
            out += "    " + s.dim("<") + ' ' + printable(h.first) + ": " + printable(h.second) + '\n';
    }
    return out;
}

}  // namespace

QByteArray textReport(const Trace &trace, bool colour, bool verbose)
{
    const Style s{colour};
    QByteArray out;
    out += s.dim("profile " + printable(trace.profile)) + '\n';
    for (const Hop &hop : trace.hops) {
        out += '\n';
        QByteArray head = "#" + QByteArray::number(hop.index) + "  " + s.bold(printable(hop.request.method))
                          + ' ' + printable(hop.request.url.toDisplayString());
        if (hop.synthetic)
            head += "  " + s.dim("(synthetic, no request sent)");
        if (hop.via == HopVia::RefreshHeader || hop.via == HopVia::MetaRefresh) {
            QByteArray via = hop.via == HopVia::RefreshHeader ? "(refresh" : "(meta refresh";
            if (hop.refreshDelayMs)
                via += " after " + QByteArray::number(double(*hop.refreshDelayMs) / 1000.0) + " s";
            head += "  " + s.dim(via + ')');
        }
        if (hop.edited)
            head += "  " + s.dim("(edited)");
        out += head + '\n';
        const double duration = hop.timing.endMs - hop.timing.startMs;
        if (hop.response) {
            const WireResponse &r = *hop.response;
            QByteArray statusLine = QByteArray::number(r.status);
            if (!r.reason.isEmpty())
                statusLine += ' ' + printable(r.reason);
            out += "    " + s.status(r.status, statusLine) + "  "
                   + s.dim(ms(duration) + "  HTTP/" + printable(r.httpVersion));
            if (r.bodySize > 0)
                out += s.dim("  " + QByteArray::number(r.bodySize) + " bytes");
            out += '\n';
            const QList<QByteArray> locations = headerValues(r.headers, "Location");
            for (const QByteArray &loc : locations) {
                out += "    Location: " + printable(loc);
                if (!r.location.isEmpty() && r.location.toEncoded() != loc)
                    out += "  → " + printable(r.location.toDisplayString());
                out += '\n';
            }
        } else if (hop.error) {
            out += "    " + s.wrap("error " + printable(hop.error->code), "1;31") + "  " + s.dim(ms(duration))
                   + "  " + printable(hop.error->message) + '\n';
        }
        out += tlsLines(hop, s, verbose);
        if (verbose && hop.connection.port != 0) {  // where the request went, and on which connection
            out += s.dim("    connected to "
                         + printable(hostPortText(hop.connection.address, hop.connection.port))
                         + (hop.connection.reused ? ", reused" : ", new connection"))
                   + '\n';
        }
        if (verbose && !hop.connection.proxy.isEmpty()) {  // the proxy, and the CONNECT that opened a tunnel
            out += s.dim("    through the proxy " + printable(hop.connection.proxy)) + '\n';
            for (const QByteArray &exchange :
                 {hop.connection.proxyConnect, hop.connection.proxyConnectResponse}) {
                if (exchange.isEmpty())
                    continue;
                for (const QByteArray &line : exchange.trimmed().split('\n'))
                    out += s.dim("      " + printable(line.trimmed())) + '\n';
            }
        }
        for (const Note &n : hop.notes) {
            if (n.is(NoteCode::Redirect))
                continue;  // the Location line says it
            out += "    • " + s.dim(printable(n.code) + ':') + ' ' + printable(n.message) + '\n';
        }
        if (verbose)
            out += exchangeLines(hop, s);
    }
    out += '\n';
    const bool ok = trace.outcome.kind == OutcomeKind::Final;
    const QByteArray label = outcomeKindName(trace.outcome.kind).toUtf8();
    out += (ok ? s.wrap("✔ " + label, "1;32") : s.wrap("✘ " + label, "1;31")) + "  "
           + printable(trace.outcome.message) + '\n';
    return out;
}

}  // namespace Rwb::Cli
