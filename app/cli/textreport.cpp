#include "textreport.h"

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

QByteArray ms(double v)
{
    return QByteArray::number(v, 'f', v < 10 ? 2 : 1) + " ms";
}

}  // namespace

QByteArray textReport(const Trace &trace, bool colour)
{
    const Style s{colour};
    QByteArray out;
    out += s.dim("profile " + trace.profile.toUtf8()) + '\n';
    for (const Hop &hop : trace.hops) {
        out += '\n';
        QByteArray head = "#" + QByteArray::number(hop.index) + "  " + s.bold(hop.request.method) + ' '
            + hop.request.url.toDisplayString().toUtf8();
        if (hop.synthetic)
            head += "  " + s.dim("(synthetic, no request sent)");
        if (hop.edited)
            head += "  " + s.dim("(edited)");
        out += head + '\n';
        const double duration = hop.timing.endMs - hop.timing.startMs;
        if (hop.response) {
            const WireResponse &r = *hop.response;
            QByteArray statusLine = QByteArray::number(r.status);
            if (!r.reason.isEmpty())
                statusLine += ' ' + r.reason;
            out += "    " + s.status(r.status, statusLine) + "  " + s.dim(ms(duration) + "  HTTP/" + r.httpVersion);
            if (r.bodySize > 0)
                out += s.dim("  " + QByteArray::number(r.bodySize) + " bytes");
            out += '\n';
            const QList<QByteArray> locations = headerValues(r.headers, "Location");
            for (const QByteArray &loc : locations) {
                out += "    Location: " + loc;
                if (!r.location.isEmpty() && r.location.toEncoded() != loc)
                    out += "  → " + r.location.toDisplayString().toUtf8();
                out += '\n';
            }
        } else if (hop.error) {
            out += "    " + s.wrap("error " + hop.error->code.toUtf8(), "1;31") + "  " + s.dim(ms(duration)) + "  "
                + hop.error->message.toUtf8() + '\n';
        }
        if (hop.tls.used) {
            out += s.dim("    TLS " + hop.tls.protocol.toUtf8() + ' ' + hop.tls.cipher.toUtf8()
                         + (hop.tls.errors.isEmpty() ? QByteArray() : "  errors: " + hop.tls.errors.join(QLatin1String("; ")).toUtf8()))
                + '\n';
        }
        for (const Note &n : hop.notes) {
            if (n.code == QLatin1String("redirect"))
                continue;  // the Location line says it
            out += "    • " + s.dim(n.code.toUtf8() + ':') + ' ' + n.message.toUtf8() + '\n';
        }
    }
    out += '\n';
    const bool ok = trace.outcome.kind == OutcomeKind::Final;
    const QByteArray label = outcomeKindName(trace.outcome.kind).toUtf8();
    out += (ok ? s.wrap("✔ " + label, "1;32") : s.wrap("✘ " + label, "1;31")) + "  " + trace.outcome.message.toUtf8()
        + '\n';
    return out;
}

}  // namespace Rwb::Cli
