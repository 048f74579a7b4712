#include "core/policy/tracecompare.h"

#include <QHash>

namespace Rwb {

namespace {

// Values with the traces that have them, in order of first appearance: "POST (curl) vs GET (browser,
// strict)". Entries with an empty label are the traces the comparison leaves out.
struct Grouped {
    QStringList values;
    QList<QStringList> who;

    void add(const QString &value, const QString &name)
    {
        const qsizetype i = values.indexOf(value);
        if (i >= 0) {
            who[i] << name;
        } else {
            values << value;
            who << QStringList{name};
        }
    }
    QString sentence(const QString &field) const
    {
        QStringList parts;
        for (qsizetype i = 0; i < values.size(); ++i)
            parts << values.at(i) + QStringLiteral(" (") + who.at(i).join(QLatin1String(", "))
                         + QLatin1Char(')');
        return field + QStringLiteral(": ") + parts.join(QLatin1String(" vs "));
    }
};

QString joinNames(const QStringList &names)
{
    return names.join(QLatin1String(", "));
}

// Why a trace stopped, as a short phrase ("too many redirects", "final response 200").
QString endPhrase(const Outcome &o)
{
    switch (o.kind) {
    case OutcomeKind::Final:
        return o.finalStatus > 0 ? QStringLiteral("final response %1").arg(o.finalStatus)
                                 : QStringLiteral("final response");
    case OutcomeKind::TooManyRedirects:
        return QStringLiteral("too many redirects");
    case OutcomeKind::Loop:
        return o.repeatsHop >= 0 ? QStringLiteral("loop back to hop %1").arg(o.repeatsHop)
                                 : QStringLiteral("loop");
    case OutcomeKind::BlockedScheme:
        return QStringLiteral("blocked scheme");
    case OutcomeKind::InvalidLocation:
        return QStringLiteral("invalid Location");
    case OutcomeKind::NetworkError:
        return QStringLiteral("network error");
    case OutcomeKind::Timeout:
        return QStringLiteral("timeout");
    case OutcomeKind::TlsError:
        return QStringLiteral("TLS error");
    case OutcomeKind::Stopped:
        return QStringLiteral("stopped");
    }
    return {};
}

QString statusOf(const Hop &hop)
{
    if (hop.response)
        return QString::number(hop.response->status);
    return hop.error ? QStringLiteral("no response (%1)").arg(hop.error->code)
                     : QStringLiteral("no response");
}

QString bodyOf(const Hop &hop)
{
    const qint64 n = hop.request.bodySize();
    if (n == 0)
        return QStringLiteral("no body");
    return n == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(n);
}

// Headers a client adds of its own on every request, saying what it is and can do (the browser's Fetch
// Metadata and client hints among them): they differ between profiles by design, and listing them on
// every row would hide the differences the comparison is for.
bool isClientOwnHeader(const QString &lowerName)
{
    static const QStringList own{
        QStringLiteral("user-agent"),      QStringLiteral("accept"),
        QStringLiteral("accept-language"), QStringLiteral("accept-encoding"),
        QStringLiteral("connection"),      QStringLiteral("upgrade-insecure-requests"),
        QStringLiteral("cache-control")};
    return own.contains(lowerName) || lowerName.startsWith(QLatin1String("sec-fetch-"))
           || lowerName.startsWith(QLatin1String("sec-ch-ua"));
}

// The request headers one trace sent and another did not, by name (values differ between profiles on
// purpose: User-Agent, Accept; only presence is compared, and not for the client's own headers).
void compareHeaderNames(const QList<const Hop *> &hops, const QStringList &names, QStringList &out)
{
    QStringList order;                    // lower-case names in order of first appearance
    QHash<QString, QString> spelling;     // lower-case -> as first sent
    QHash<QString, QStringList> senders;  // lower-case -> names of the traces sending it
    for (qsizetype t = 0; t < hops.size(); ++t) {
        QStringList seenHere;
        for (const HeaderPair &h : hops.at(t)->request.headers) {
            const QString key = QString::fromLatin1(h.first).toLower();
            if (seenHere.contains(key))
                continue;
            seenHere << key;
            if (!spelling.contains(key)) {
                spelling.insert(key, QString::fromLatin1(h.first));
                order << key;
            }
            senders[key] << names.at(t);
        }
    }
    for (const QString &key : std::as_const(order)) {
        const QStringList &by = senders.value(key);
        if (by.size() == hops.size() || isClientOwnHeader(key))
            continue;
        QStringList without;
        for (const QString &n : names) {
            if (!by.contains(n))
                without << n;
        }
        out << QStringLiteral("%1: sent by %2, not by %3")
                   .arg(spelling.value(key), joinNames(by), joinNames(without));
    }
}

}  // namespace

QList<CompareRow> compareTraces(const QList<Trace> &traces, const QStringList &names)
{
    if (traces.isEmpty())
        return {};
    QStringList labels;
    qsizetype longest = 0;
    for (qsizetype t = 0; t < traces.size(); ++t) {
        QString label = t < names.size() ? names.at(t) : QString();
        if (label.isEmpty())
            label =
                traces.at(t).profile.isEmpty() ? QStringLiteral("trace %1").arg(t + 1) : traces.at(t).profile;
        labels << label;
        longest = qMax(longest, traces.at(t).hops.size());
    }

    QList<CompareRow> rows(longest + 1);
    for (qsizetype i = 0; i < longest; ++i) {
        QStringList &out = rows[i].differences;
        QList<const Hop *> present;
        QStringList presentNames, endedHere, endedBefore;
        for (qsizetype t = 0; t < traces.size(); ++t) {
            const qsizetype count = traces.at(t).hops.size();
            if (i < count) {
                present << &traces.at(t).hops.at(i);
                presentNames << labels.at(t);
            } else if (i == count) {
                endedHere << labels.at(t);
            } else {
                endedBefore << labels.at(t);
            }
        }
        // Said once, on the first row a trace no longer has: how it ended and who goes on.
        for (qsizetype t = 0; t < traces.size(); ++t) {
            if (traces.at(t).hops.size() == i) {
                out << QStringLiteral("%1 ended: %2; %3 %4")
                           .arg(labels.at(t), endPhrase(traces.at(t).outcome), joinNames(presentNames),
                                presentNames.size() == 1 ? QStringLiteral("goes on")
                                                         : QStringLiteral("go on"));
            }
        }

        Grouped method, url, body, status;
        for (qsizetype t = 0; t < present.size(); ++t) {
            const Hop &hop = *present.at(t);
            method.add(QString::fromLatin1(hop.request.method), presentNames.at(t));
            url.add(hop.request.url.toDisplayString(), presentNames.at(t));
            status.add(statusOf(hop), presentNames.at(t));
            body.add(bodyOf(hop), presentNames.at(t));
        }
        // The status row also shows the traces that have stopped: a 302 here means nothing there.
        for (const QString &n : std::as_const(endedHere))
            status.add(QStringLiteral("—"), n + QStringLiteral(": ended"));
        for (const QString &n : std::as_const(endedBefore))
            status.add(QStringLiteral("—"), n + QStringLiteral(": ended"));
        if (method.values.size() > 1)
            out << method.sentence(QStringLiteral("method"));
        if (url.values.size() > 1)
            out << url.sentence(QStringLiteral("URL"));
        if (status.values.size() > 1)
            out << status.sentence(QStringLiteral("status"));
        if (present.size() > 1)
            compareHeaderNames(present, presentNames, out);
        if (body.values.size() > 1)
            out << body.sentence(QStringLiteral("body"));
    }

    // The last row: how each trace ended and where.
    Grouped outcome, finalUrl;
    for (qsizetype t = 0; t < traces.size(); ++t) {
        outcome.add(endPhrase(traces.at(t).outcome), labels.at(t));
        const QUrl &u = traces.at(t).outcome.finalUrl;
        finalUrl.add(u.isEmpty() ? QStringLiteral("—") : u.toDisplayString(), labels.at(t));
    }
    QStringList &last = rows.last().differences;
    if (outcome.values.size() > 1)
        last << outcome.sentence(QStringLiteral("outcome"));
    if (finalUrl.values.size() > 1)
        last << finalUrl.sentence(QStringLiteral("final URL"));
    return rows;
}

}  // namespace Rwb
