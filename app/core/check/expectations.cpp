#include "core/check/expectations.h"

#include "core/http/origin.h"

#include <QHash>
#include <QRegularExpression>

namespace Rwb {

namespace {

struct KindName {
    ExpectationKind kind;
    const char *name;
};
constexpr KindName kKindNames[] = {
    {ExpectationKind::HopCount, "hopCount"},
    {ExpectationKind::StatusSequence, "statusSequence"},
    {ExpectationKind::FinalUrl, "finalUrl"},
    {ExpectationKind::FinalStatus, "finalStatus"},
    {ExpectationKind::HopLocation, "hopLocation"},
    {ExpectationKind::FinalMethod, "finalMethod"},
    {ExpectationKind::NoDowngrade, "noDowngrade"},
    {ExpectationKind::NoCrossOriginAuthorization, "noCrossOriginAuthorization"},
    {ExpectationKind::CookieSet, "cookieSet"},
    {ExpectationKind::MaxTotalTime, "maxTotalTime"},
    {ExpectationKind::Outcome, "outcome"},
};

QString statusList(const QList<int> &statuses)
{
    if (statuses.isEmpty())
        return QStringLiteral("no hops");
    QStringList parts;
    for (int s : statuses)
        parts.append(QString::number(s));
    return parts.join(QStringLiteral(", "));
}

QList<int> statusesOf(const Trace &trace)
{
    QList<int> out;
    for (const Hop &hop : trace.hops)
        out.append(hop.response ? hop.response->status : 0);
    return out;
}

// The hop whose index is `index` (hops[].index), the first one when a hand-made trace repeats it.
const Hop *hopWithIndex(const Trace &trace, int index)
{
    for (const Hop &hop : trace.hops) {
        if (hop.index == index)
            return &hop;
    }
    return nullptr;
}

QString urlText(const QUrl &url)
{
    return QString::fromUtf8(url.toEncoded());
}

bool finalUrlMatches(const Expectation &e, const QUrl &url)
{
    const QString encoded = urlText(url);
    const QString readable = url.toString();
    if (e.match == Expectation::Match::Pattern) {
        // `*` is any run of characters; everything else stands for itself.
        const QStringList literal = e.text.split(QLatin1Char('*'));
        QStringList escaped;
        for (const QString &part : literal)
            escaped.append(QRegularExpression::escape(part));
        const QRegularExpression re(QRegularExpression::anchoredPattern(escaped.join(QStringLiteral(".*"))),
                                    QRegularExpression::DotMatchesEverythingOption);
        return re.match(encoded).hasMatch() || re.match(readable).hasMatch();
    }
    return e.text == encoded || e.text == readable || QUrl(e.text) == url;
}

// scheme://host:port, for same-origin comparisons. Only http and https are ever followed, but a
// hand-made trace (a session's lastTrace) may hold ws, wss or ftp URLs: those get their scheme's port too,
// as they always have here.
QString origin(const QUrl &url)
{
    static const QHash<QString, int> kOtherDefaultPorts = {
        {QStringLiteral("ws"), 80}, {QStringLiteral("wss"), 443}, {QStringLiteral("ftp"), 21}};
    if (url.port() != -1 || !kOtherDefaultPorts.contains(url.scheme()))
        return originOf(url, QUrl::FullyEncoded);
    QUrl withPort = url;
    withPort.setPort(kOtherDefaultPorts.value(url.scheme()));
    return originOf(withPort, QUrl::FullyEncoded);
}

// Names of the cookies the chain's responses set, first appearance first.
QStringList cookiesSet(const Trace &trace)
{
    QStringList names;
    for (const Hop &hop : trace.hops) {
        if (!hop.response)
            continue;
        for (const QByteArray &value : headerValues(hop.response->headers, "Set-Cookie")) {
            const qsizetype eq = value.indexOf('=');
            if (eq <= 0)
                continue;  // RFC 6265 5.2: no '=' or an empty name sets nothing
            const QString name = headerDisplayText(value.left(eq).trimmed());
            if (!name.isEmpty() && !names.contains(name))
                names.append(name);
        }
    }
    return names;
}

// The first hop from https to http: {from, to}, or {-1, -1}.
QPair<int, int> firstDowngrade(const Trace &trace)
{
    for (qsizetype i = 1; i < trace.hops.size(); ++i) {
        if (isDowngrade(trace.hops.at(i - 1).request.url, trace.hops.at(i).request.url))
            return {int(i - 1), int(i)};
    }
    return {-1, -1};
}

// The first later hop on another origin than hop 0 whose request carried Authorization, or -1.
int firstCrossOriginAuthorization(const Trace &trace)
{
    if (trace.hops.isEmpty())
        return -1;
    const QString first = origin(trace.hops.first().request.url);
    for (qsizetype i = 1; i < trace.hops.size(); ++i) {
        const WireRequest &r = trace.hops.at(i).request;
        if (origin(r.url) != first && hasHeader(r.headers, "Authorization"))
            return int(i);
    }
    return -1;
}

double totalTimeMs(const Trace &trace)
{
    if (trace.hops.isEmpty())
        return 0;
    double end = 0;
    for (const Hop &hop : trace.hops)
        end = std::max(end, hop.timing.endMs);
    return std::max(0.0, end - trace.hops.first().timing.startMs);
}

QString label(ExpectationKind kind)
{
    switch (kind) {
    case ExpectationKind::HopCount:
        return QStringLiteral("hop count");
    case ExpectationKind::StatusSequence:
        return QStringLiteral("status sequence");
    case ExpectationKind::FinalUrl:
        return QStringLiteral("final URL");
    case ExpectationKind::FinalStatus:
        return QStringLiteral("final status");
    case ExpectationKind::HopLocation:
        return QStringLiteral("Location");
    case ExpectationKind::FinalMethod:
        return QStringLiteral("final method");
    case ExpectationKind::NoDowngrade:
        return QStringLiteral("no downgrade");
    case ExpectationKind::NoCrossOriginAuthorization:
        return QStringLiteral("Authorization to other origins");
    case ExpectationKind::CookieSet:
        return QStringLiteral("cookies set");
    case ExpectationKind::MaxTotalTime:
        return QStringLiteral("total time");
    case ExpectationKind::Outcome:
        return QStringLiteral("outcome");
    }
    return {};
}

}  // namespace

QString expectationKindName(ExpectationKind kind)
{
    for (const auto &k : kKindNames) {
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    }
    return {};
}

std::optional<ExpectationKind> expectationKindFromName(const QString &name)
{
    for (const auto &k : kKindNames) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

const QList<ExpectationKind> &allExpectationKinds()
{
    static const QList<ExpectationKind> kinds = [] {
        QList<ExpectationKind> out;
        for (const auto &k : kKindNames)
            out.append(k.kind);
        return out;
    }();
    return kinds;
}

QString describeExpectation(const Expectation &e)
{
    switch (e.kind) {
    case ExpectationKind::HopCount:
        return e.match == Expectation::Match::AtMost ? QStringLiteral("hop count is at most %1").arg(e.number)
                                                     : QStringLiteral("hop count is %1").arg(e.number);
    case ExpectationKind::StatusSequence:
        return QStringLiteral("status sequence is %1").arg(statusList(e.statuses));
    case ExpectationKind::FinalUrl:
        return e.match == Expectation::Match::Pattern ? QStringLiteral("final URL matches %1").arg(e.text)
                                                      : QStringLiteral("final URL is %1").arg(e.text);
    case ExpectationKind::FinalStatus:
        return QStringLiteral("final status is %1").arg(e.number);
    case ExpectationKind::HopLocation:
        return QStringLiteral("hop %1 Location is %2").arg(e.number).arg(e.text);
    case ExpectationKind::FinalMethod:
        return QStringLiteral("final method is %1").arg(e.text);
    case ExpectationKind::NoDowngrade:
        return QStringLiteral("no redirect from https to http");
    case ExpectationKind::NoCrossOriginAuthorization:
        return QStringLiteral("Authorization never sent to another origin");
    case ExpectationKind::CookieSet:
        return QStringLiteral("cookie %1 is set").arg(e.text);
    case ExpectationKind::MaxTotalTime:
        return QStringLiteral("chain takes at most %1 ms").arg(e.number);
    case ExpectationKind::Outcome:
        return QStringLiteral("outcome is %1").arg(e.text);
    }
    return {};
}

ExpectationResult evaluateExpectation(const Expectation &e, const Trace &trace)
{
    ExpectationResult r;
    const Hop *last = trace.hops.isEmpty() ? nullptr : &trace.hops.last();
    switch (e.kind) {
    case ExpectationKind::HopCount: {
        const int count = int(trace.hops.size());
        const bool atMost = e.match == Expectation::Match::AtMost;
        r.passed = atMost ? count <= e.number : count == e.number;
        r.expected = atMost ? QStringLiteral("at most %1").arg(e.number) : QString::number(e.number);
        r.seen = QString::number(count);
        break;
    }
    case ExpectationKind::StatusSequence: {
        const QList<int> seen = statusesOf(trace);
        r.passed = seen == e.statuses;
        r.expected = statusList(e.statuses);
        r.seen = statusList(seen);
        break;
    }
    case ExpectationKind::FinalUrl:
        r.expected =
            e.match == Expectation::Match::Pattern ? QStringLiteral("a match for %1").arg(e.text) : e.text;
        r.passed = last && finalUrlMatches(e, last->request.url);
        r.seen = last ? urlText(last->request.url) : QStringLiteral("no hops");
        break;
    case ExpectationKind::FinalStatus:
        r.expected = QString::number(e.number);
        if (!last) {
            r.seen = QStringLiteral("no hops");
        } else if (!last->response) {
            r.seen = QStringLiteral("no response");
            r.passed = e.number == 0;  // consistent with the status sequence, where such a hop is 0
        } else {
            r.seen = QString::number(last->response->status);
            r.passed = last->response->status == e.number;
        }
        break;
    case ExpectationKind::HopLocation: {
        r.expected = e.text;
        const Hop *hop = hopWithIndex(trace, e.number);
        if (!hop) {
            r.seen = QStringLiteral("no hop %1").arg(e.number);
        } else if (!hop->response) {
            r.seen = QStringLiteral("no response");
        } else if (!hasHeader(hop->response->headers, "Location")) {
            r.seen = QStringLiteral("no Location header");
        } else {
            r.seen = headerDisplayText(headerValue(hop->response->headers, "Location"));
            r.passed = r.seen == e.text;
        }
        r.message =
            QStringLiteral("hop %1 Location: expected %2, saw %3").arg(e.number).arg(r.expected, r.seen);
        break;
    }
    case ExpectationKind::FinalMethod:
        r.expected = e.text;
        r.seen = last ? QString::fromLatin1(last->request.method) : QStringLiteral("no hops");
        r.passed = last && r.seen == e.text;
        break;
    case ExpectationKind::NoDowngrade: {
        const auto [from, to] = firstDowngrade(trace);
        r.expected = QStringLiteral("no hop from https to http");
        r.passed = from < 0;
        r.seen = r.passed ? QStringLiteral("none")
                          : QStringLiteral("hop %1 (%2) went on to hop %3 (%4)")
                                .arg(from)
                                .arg(urlText(trace.hops.at(from).request.url))
                                .arg(to)
                                .arg(urlText(trace.hops.at(to).request.url));
        break;
    }
    case ExpectationKind::NoCrossOriginAuthorization: {
        const int hop = firstCrossOriginAuthorization(trace);
        r.expected = QStringLiteral("none");
        r.passed = hop < 0;
        r.seen =
            r.passed
                ? QStringLiteral("none")
                : QStringLiteral("hop %1 sent it to %2").arg(hop).arg(origin(trace.hops.at(hop).request.url));
        break;
    }
    case ExpectationKind::CookieSet: {
        const QStringList names = cookiesSet(trace);
        r.expected = e.text;
        r.passed = names.contains(e.text);
        r.seen = names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
        break;
    }
    case ExpectationKind::MaxTotalTime: {
        const double total = totalTimeMs(trace);
        r.expected = QStringLiteral("at most %1 ms").arg(e.number);
        r.passed = total <= e.number;
        r.seen = QStringLiteral("%1 ms").arg(total, 0, 'f', 1);
        break;
    }
    case ExpectationKind::Outcome:
        r.expected = e.text;
        r.seen = outcomeKindName(trace.outcome.kind);
        r.passed = r.seen == e.text;
        break;
    }
    if (r.message.isEmpty())
        r.message = QStringLiteral("%1: expected %2, saw %3").arg(label(e.kind), r.expected, r.seen);
    return r;
}

QList<Expectation> expectationsFromTrace(const Trace &trace)
{
    QList<Expectation> out;
    auto add = [&out](ExpectationKind kind) -> Expectation & {
        Expectation e;
        e.kind = kind;
        out.append(e);
        return out.last();
    };
    add(ExpectationKind::HopCount).number = int(trace.hops.size());
    add(ExpectationKind::StatusSequence).statuses = statusesOf(trace);
    if (!trace.hops.isEmpty()) {
        const Hop &last = trace.hops.last();
        add(ExpectationKind::FinalUrl).text = urlText(last.request.url);
        if (last.response)
            add(ExpectationKind::FinalStatus).number = last.response->status;
        add(ExpectationKind::FinalMethod).text = QString::fromLatin1(last.request.method);
    }
    add(ExpectationKind::Outcome).text = outcomeKindName(trace.outcome.kind);
    if (firstDowngrade(trace).first < 0)
        add(ExpectationKind::NoDowngrade);
    if (!trace.hops.isEmpty() && hasHeader(trace.hops.first().request.headers, "Authorization")
        && firstCrossOriginAuthorization(trace) < 0)
        add(ExpectationKind::NoCrossOriginAuthorization);
    for (const QString &name : cookiesSet(trace))
        add(ExpectationKind::CookieSet).text = name;
    for (const Hop &hop : trace.hops) {
        if (!hop.response || !hasHeader(hop.response->headers, "Location"))
            continue;
        if (hopWithIndex(trace, hop.index) != &hop)
            continue;  // a hand-made trace repeating an index: the expectation could not name this hop
        Expectation &e = add(ExpectationKind::HopLocation);
        e.number = hop.index;
        e.text = headerDisplayText(headerValue(hop.response->headers, "Location"));
    }
    return out;
}

}  // namespace Rwb
