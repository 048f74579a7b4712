#include "core/formats/writeout.h"

#include <QHash>

#include <functional>

namespace Rwb {

namespace {

// curl's cumulative moments of one hop, in ms from its start: name looked up, connected, TLS done (only
// for https), about to send, first byte of the response. Each adds the phases before it; a phase that did
// not happen adds nothing (a reused connection is connected at once). Without phases (a hop the relay did
// not carry) only the first byte is known: the time to the response.
struct HopMoments {
    double namelookup = 0, connect = 0, appconnect = 0, pretransfer = 0, starttransfer = 0;
    bool https = false;
};

HopMoments momentsOf(const Hop &hop)
{
    HopMoments m;
    m.https = hop.request.url.scheme() == QLatin1String("https");
    const TimingPhases &p = hop.timing.phases;
    const auto add = [](double phase) {
        return std::max(0.0, phase);
    };
    if (!p.known()) {
        m.starttransfer = std::max(0.0, hop.timing.responseMs - hop.timing.startMs);
        return m;
    }
    m.namelookup = add(p.blocked) + add(p.dns);
    m.connect = m.namelookup + add(p.connect);
    m.appconnect = m.https ? m.connect + add(p.tls) : 0;  // curl says 0 for plain http
    m.pretransfer = m.connect + add(p.tls);
    m.starttransfer = m.pretransfer + add(p.send) + add(p.wait);
    return m;
}

QByteArray seconds(double ms)
{
    return QByteArray::number(ms / 1000.0, 'f', 6);
}

using Figure = std::function<QByteArray(const Trace &)>;

double sumOf(const Trace &t, double HopMoments::*field)
{
    double total = 0;
    for (const Hop &hop : t.hops) {
        if (!hop.synthetic)
            total += momentsOf(hop).*field;
    }
    return total;
}

const Hop *lastHop(const Trace &t)
{
    return t.hops.isEmpty() ? nullptr : &t.hops.last();
}

const QHash<QString, Figure> &figures()
{
    static const QHash<QString, Figure> table{
        {QStringLiteral("time_namelookup"),
         [](const Trace &t) {
             return seconds(sumOf(t, &HopMoments::namelookup));
         }},
        {QStringLiteral("time_connect"),
         [](const Trace &t) {
             return seconds(sumOf(t, &HopMoments::connect));
         }},
        {QStringLiteral("time_appconnect"),
         [](const Trace &t) {
             return seconds(sumOf(t, &HopMoments::appconnect));
         }},
        {QStringLiteral("time_pretransfer"),
         [](const Trace &t) {
             return seconds(sumOf(t, &HopMoments::pretransfer));
         }},
        {QStringLiteral("time_starttransfer"),
         [](const Trace &t) {
             return seconds(sumOf(t, &HopMoments::starttransfer));
         }},
        {QStringLiteral("time_total"),
         [](const Trace &t) {
             return seconds(t.hops.isEmpty() ? 0
                                             : t.hops.last().timing.endMs - t.hops.first().timing.startMs);
         }},
        {QStringLiteral("time_redirect"),
         [](const Trace &t) {
             return seconds(t.hops.size() < 2 ? 0
                                              : t.hops.last().timing.startMs - t.hops.first().timing.startMs);
         }},
        {QStringLiteral("num_redirects"),
         [](const Trace &t) {
             return QByteArray::number(t.redirectCount());
         }},
        {QStringLiteral("url_effective"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return h ? h->request.url.toEncoded() : QByteArray();
         }},
        {QStringLiteral("http_code"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return QByteArray::number(h && h->response ? h->response->status : 0).rightJustified(3, '0');
         }},
        {QStringLiteral("http_version"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return h && h->response ? h->response->httpVersion : QByteArray("0");
         }},
        {QStringLiteral("redirect_url"),
         [](const Trace &t) {  // a redirect the chain did not follow (the limit, a loop, a blocked scheme)
             const Hop *h = lastHop(t);
             return h && h->response && !h->response->location.isEmpty() ? h->response->location.toEncoded()
                                                                         : QByteArray();
         }},
        {QStringLiteral("remote_ip"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return h ? h->connection.address.toLatin1() : QByteArray();
         }},
        {QStringLiteral("remote_port"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return h && h->connection.port ? QByteArray::number(h->connection.port) : QByteArray("0");
         }},
        {QStringLiteral("size_download"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return QByteArray::number(h && h->response ? h->response->bodySize : 0);
         }},
        {QStringLiteral("content_type"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return h && h->response ? headerValue(h->response->headers, "Content-Type") : QByteArray();
         }},
        {QStringLiteral("method"),
         [](const Trace &t) {
             const Hop *h = lastHop(t);
             return h ? h->request.method : QByteArray();
         }},
    };
    return table;
}

}  // namespace

QStringList writeOutVariables()
{
    QStringList names = figures().keys();
    names.sort();
    return names;
}

// Written by hand: the format is curl's own (src/tool_writeout.c).
std::optional<QByteArray> writeOut(const QString &format, const Trace &trace, QString *error)
{
    QByteArray out;
    const QByteArray text = format.toUtf8();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '%' && i + 1 < text.size() && text.at(i + 1) == '%') {
            out += '%';
            ++i;
        } else if (c == '%' && i + 1 < text.size() && text.at(i + 1) == '{') {
            const qsizetype close = text.indexOf('}', i + 2);
            if (close < 0) {  // curl writes it as it is
                out += text.mid(i);
                break;
            }
            const QString name = QString::fromUtf8(text.mid(i + 2, close - i - 2));
            const auto it = figures().constFind(name);
            if (it == figures().cend()) {
                *error = QStringLiteral("unknown --write-out variable %{%1} (known: %2)")
                             .arg(name, writeOutVariables().join(QLatin1String(", ")));
                return std::nullopt;
            }
            out += (*it)(trace);
            i = close;
        } else if (c == '\\' && i + 1 < text.size() && QByteArrayView("nrt").contains(text.at(i + 1))) {
            const char e = text.at(++i);
            out += e == 'n' ? '\n' : e == 'r' ? '\r' : '\t';
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace Rwb
