#include "core/check/bulkrules.h"

#include <algorithm>

namespace Rwb {

namespace {

bool isPermanent(int status)
{
    return status == 301 || status == 308;
}

QString statusList(const QList<int> &codes)
{
    // A run of a whole hundred is written as its class ("2xx").
    QStringList parts;
    for (qsizetype i = 0; i < codes.size();) {
        const int code = codes.at(i);
        if (code % 100 == 0 && i + 99 < codes.size() && codes.at(i + 99) == code + 99) {
            parts << QString::number(code / 100) + QLatin1String("xx");
            i += 100;
        } else {
            parts << QString::number(code);
            ++i;
        }
    }
    return parts.join(QLatin1Char('|'));
}

}  // namespace

const QStringList &bulkProblemCodes()
{
    static const QStringList codes{QStringLiteral("invalid-url"),
                                   QStringLiteral("error"),
                                   QStringLiteral("loop"),
                                   QStringLiteral("redirect-limit"),
                                   QStringLiteral("invalid-location"),
                                   QStringLiteral("stopped"),
                                   QStringLiteral("wrong-status"),
                                   QStringLiteral("temporary-redirect"),
                                   QStringLiteral("mixed-permanence"),
                                   QStringLiteral("too-many-hops"),
                                   QStringLiteral("downgrade"),
                                   QStringLiteral("other-host"),
                                   QStringLiteral("wrong-target"),
                                   QStringLiteral("final-status")};
    return codes;
}

QUrl comparableUrl(const QUrl &url)
{
    QUrl u = url.adjusted(QUrl::RemoveFragment | QUrl::NormalizePathSegments);
    if ((u.scheme() == QLatin1String("http") && u.port() == 80)
        || (u.scheme() == QLatin1String("https") && u.port() == 443))
        u.setPort(-1);
    if (u.path().isEmpty())
        u.setPath(QStringLiteral("/"));
    return u;
}

QList<BulkProblem> checkBulkChain(const BulkLine &line, const BulkRules &rules, const Trace &trace)
{
    QList<BulkProblem> problems;
    const auto add = [&problems](const char *code, const QString &message, bool warning = false) {
        problems.append({QLatin1String(code), message, warning});
    };
    if (!line.invalid.isEmpty()) {
        add("invalid-url", line.invalid);
        return problems;
    }
    const Outcome &outcome = trace.outcome;
    switch (outcome.kind) {
    case OutcomeKind::Final:
        break;
    case OutcomeKind::Loop:
        add("loop", outcome.message);
        break;
    case OutcomeKind::TooManyRedirects:
        add("redirect-limit", outcome.message);
        break;
    case OutcomeKind::InvalidLocation:
    case OutcomeKind::BlockedScheme:
        add("invalid-location", outcome.message);
        break;
    case OutcomeKind::Stopped:
        add("stopped", outcome.message);
        return problems;
    case OutcomeKind::NetworkError:
    case OutcomeKind::Timeout:
    case OutcomeKind::TlsError:
        add("error", outcome.message);
        break;
    }

    // The redirects: every hop that has a next one (the last hop is the final response, or the failure).
    const qsizetype redirects = std::max<qsizetype>(0, trace.hops.size() - 1);
    const Hop *first = trace.hops.isEmpty() ? nullptr : &trace.hops.first();
    if (!line.expectedStatuses.isEmpty() && first && first->response
        && !line.expectedStatuses.contains(first->response->status))
        add("wrong-status", QStringLiteral("the first response is %1, not %2")
                                .arg(first->response->status)
                                .arg(statusList(line.expectedStatuses)));
    QStringList temporary;
    bool anyPermanent = false;
    for (qsizetype i = 0; i < redirects; ++i) {
        const Hop &hop = trace.hops.at(i);
        if (!hop.response)
            continue;
        if (isPermanent(hop.response->status))
            anyPermanent = true;
        else
            temporary << QStringLiteral("hop %1 is %2").arg(i).arg(hop.response->status);
    }
    if (rules.expectPermanent && !temporary.isEmpty())
        add("temporary-redirect",
            temporary.join(QLatin1String(", ")) + QLatin1String(" (301 or 308 expected)"));
    else if (anyPermanent && !temporary.isEmpty())
        add("mixed-permanence",
            QStringLiteral("permanent and temporary redirects in one chain: %1")
                .arg(temporary.join(QLatin1String(", "))),
            true);
    const std::optional<int> maxHops = line.maxHops ? line.maxHops : rules.maxHops;
    if (maxHops && redirects > *maxHops)
        add("too-many-hops", QStringLiteral("%1 redirects, %2 at most").arg(redirects).arg(*maxHops));
    if (rules.noDowngrade || rules.sameHost) {
        const QString firstHost = first ? first->request.url.host() : QString();
        bool downgraded = false;
        bool leftHost = false;
        for (qsizetype i = 1; i < trace.hops.size(); ++i) {
            const QUrl &from = trace.hops.at(i - 1).request.url;
            const QUrl &to = trace.hops.at(i).request.url;
            if (rules.noDowngrade && !downgraded && from.scheme() == QLatin1String("https")
                && to.scheme() == QLatin1String("http")) {
                downgraded = true;
                add("downgrade",
                    QStringLiteral("hop %1 goes from https to http: %2").arg(i).arg(to.toDisplayString()));
            }
            if (rules.sameHost && !leftHost && to.host() != firstHost) {
                leftHost = true;
                add("other-host", QStringLiteral("hop %1 leaves %2 for %3").arg(i).arg(firstHost, to.host()));
            }
        }
    }
    if (outcome.kind != OutcomeKind::Final)
        return problems;
    const QUrl finalUrl = trace.hops.isEmpty() ? outcome.finalUrl : trace.hops.last().request.url;
    if (line.expectedTarget && comparableUrl(finalUrl) != comparableUrl(*line.expectedTarget))
        add("wrong-target", QStringLiteral("ends at %1, not %2")
                                .arg(comparableUrl(finalUrl).toDisplayString(),
                                     comparableUrl(*line.expectedTarget).toDisplayString()));
    const QList<int> finals = !line.finalStatuses.isEmpty() ? line.finalStatuses : rules.finalStatuses;
    const int status = outcome.finalStatus;
    if (finals.isEmpty() ? (status < 200 || status > 299) : !finals.contains(status))
        add("final-status", QStringLiteral("ends with %1, not %2")
                                .arg(status)
                                .arg(finals.isEmpty() ? QStringLiteral("2xx") : statusList(finals)));
    return problems;
}

bool bulkLinePassed(const QList<BulkProblem> &problems)
{
    return std::all_of(problems.cbegin(), problems.cend(), [](const BulkProblem &p) { return p.warning; });
}

}  // namespace Rwb
