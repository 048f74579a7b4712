// Traces built without a network, for model tests, pictures and benchmarks: every kind of hop the
// timeline draws (redirect statuses, a POST that became GET, cross-origin and https→http hops, cookies,
// credentials removed, an HSTS hop, an error) repeats through the chain.
#pragma once

#include "core/http/trace.h"

namespace Rwb::Test {

inline Hop syntheticHop(int index, double startMs)
{
    static const int statuses[] = {302, 301, 307, 308, 303};
    Hop hop;
    hop.index = index;
    const bool post = index % 7 == 0;
    hop.request.method = post ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET");
    const QString host = index % 3 == 0 ? QStringLiteral("a.example") : QStringLiteral("b.example");
    const QString scheme = index % 11 == 5 ? QStringLiteral("http") : QStringLiteral("https");
    hop.request.url = QUrl(scheme + QStringLiteral("://") + host + QStringLiteral("/step/")
                           + QString::number(index) + QStringLiteral("?q=") + QString::number(index * 7));
    hop.request.headers = {{"Host", host.toLatin1()}, {"User-Agent", "rwb"}, {"Accept", "*/*"}};
    if (post) {
        hop.request.body = "name=value";
        hop.request.headers.append(HeaderPair("Content-Type", "application/x-www-form-urlencoded"));
    }
    WireResponse r;
    r.status = statuses[index % 5];
    r.reason = r.status == 302 ? "Found" : r.status == 301 ? "Moved Permanently" : "Redirect";
    r.httpVersion = "1.1";
    r.headers = {{"Location", "/step/" + QByteArray::number(index + 1)}, {"Content-Length", "0"}};
    if (index % 4 == 1) {
        r.headers.append(HeaderPair("Set-Cookie", "s" + QByteArray::number(index) + "=1; Path=/"));
        hop.notes.append({QStringLiteral("cookie-stored"), QStringLiteral("Cookie s%1 stored").arg(index)});
    }
    if (index % 5 == 2)
        hop.notes.append({QStringLiteral("credentials-removed"), QStringLiteral("Authorization removed")});
    hop.response = r;
    hop.timing.startMs = startMs;
    hop.timing.responseMs = startMs + 1.5;
    hop.timing.endMs = startMs + 2 + (index % 9);
    return hop;
}

inline Trace syntheticTrace(int hops)
{
    Trace trace;
    trace.profile = QStringLiteral("browser");
    trace.startedAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    trace.hops.reserve(hops);
    double t = 0;
    for (int i = 0; i < hops; ++i) {
        trace.hops.append(syntheticHop(i, t));
        t = trace.hops.last().timing.endMs + 0.25;
    }
    if (hops > 0) {
        WireResponse &last = *trace.hops.last().response;
        last.status = 200;
        last.reason = "OK";
        last.headers = {{"Content-Type", "text/plain"}};
    }
    trace.outcome.kind = OutcomeKind::Final;
    trace.outcome.finalStatus = 200;
    trace.outcome.message = QStringLiteral("200 OK after %1 redirects, %2 ms").arg(hops - 1).arg(int(t));
    trace.outcome.finalUrl = hops > 0 ? trace.hops.last().request.url : QUrl();
    return trace;
}

}  // namespace Rwb::Test
