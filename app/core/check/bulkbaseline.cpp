#include "core/check/bulkbaseline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Rwb {

BulkRecord bulkRecordOf(const BulkResult &result)
{
    BulkRecord r;
    r.line = result.line.lineNumber;
    r.from = result.line.from;
    r.passed = result.passed();
    if (result.trace) {
        r.outcome = outcomeKindName(result.trace->outcome.kind);
        for (const Hop &hop : result.trace->hops) {
            r.hops.append({hop.response ? hop.response->status : 0,
                           hop.response && !hop.response->location.isEmpty()
                               ? hop.response->location.toString(QUrl::FullyEncoded)
                               : QString()});
        }
        if (!result.trace->hops.isEmpty()) {
            r.finalUrl = result.trace->hops.last().request.url.toString(QUrl::FullyEncoded);
            r.finalStatus = r.hops.last().first;
        }
    }
    for (const BulkProblem &p : result.problems)
        r.codes << p.code;
    return r;
}

BulkRecordsResult readBulkRecords(const QByteArray &jsonl)
{
    QList<BulkRecord> records;
    const QList<QByteArray> lines = jsonl.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &text = lines.at(i);
        if (text.trimmed().isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        const bool last = i == lines.size() - 1;  // no line end after it: cut short
        if (doc.isNull() && last)
            break;
        const QJsonObject o = doc.object();
        if (doc.isNull() || !doc.isObject() || !o.value(QLatin1String("line")).isDouble()
            || !o.value(QLatin1String("from")).isString())
            return {std::nullopt,
                    QStringLiteral("line %1: not a record of rwb check --format jsonl%2")
                        .arg(i + 1)
                        .arg(doc.isNull() ? QStringLiteral(" (%1)").arg(error.errorString()) : QString())};
        BulkRecord r;
        r.line = o.value(QLatin1String("line")).toInteger();
        r.from = o.value(QLatin1String("from")).toString();
        r.passed = o.value(QLatin1String("passed")).toBool();
        r.outcome = o.value(QLatin1String("outcome")).toString();
        r.finalUrl = o.value(QLatin1String("finalUrl")).toString();
        r.finalStatus = o.value(QLatin1String("finalStatus")).toInt();
        for (const QJsonValue &h : o.value(QLatin1String("hops")).toArray())
            r.hops.append({h[QLatin1String("status")].toInt(), h[QLatin1String("location")].toString()});
        for (const QJsonValue &p : o.value(QLatin1String("problems")).toArray())
            r.codes << p[QLatin1String("code")].toString();
        records << r;
    }
    return {records, {}};
}

QString baselineChangeName(BaselineChange change)
{
    switch (change) {
    case BaselineChange::New:
        return QStringLiteral("new");
    case BaselineChange::Same:
        return QStringLiteral("same");
    case BaselineChange::Changed:
        return QStringLiteral("changed");
    case BaselineChange::NewFailure:
        return QStringLiteral("new-failure");
    case BaselineChange::Fixed:
        return QStringLiteral("fixed");
    }
    return {};
}

BaselineChange compareWithBaseline(const BulkRecord &now, const BulkRecord *before)
{
    if (!before)
        return BaselineChange::New;
    if (before->passed && !now.passed)
        return BaselineChange::NewFailure;
    if (!before->passed && now.passed)
        return BaselineChange::Fixed;
    return now.sameChain(*before) ? BaselineChange::Same : BaselineChange::Changed;
}

QHash<QString, BulkRecord> recordsByFrom(const QList<BulkRecord> &records)
{
    QHash<QString, BulkRecord> out;
    for (const BulkRecord &r : records) {
        if (!out.contains(r.from))
            out.insert(r.from, r);
    }
    return out;
}

}  // namespace Rwb
