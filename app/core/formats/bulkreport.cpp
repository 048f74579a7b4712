#include "core/formats/bulkreport.h"

#include "core/formats/csvexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Rwb {

namespace {

qsizetype redirectsOf(const BulkResult &r)
{
    return r.trace ? std::max<qsizetype>(0, r.trace->hops.size() - 1) : 0;
}

QString finalUrlOf(const BulkResult &r)
{
    return r.trace && !r.trace->hops.isEmpty() ? r.trace->hops.last().request.url.toString(QUrl::FullyEncoded)
                                               : QString();
}

int finalStatusOf(const BulkResult &r)
{
    return r.trace && !r.trace->hops.isEmpty() && r.trace->hops.last().response
               ? r.trace->hops.last().response->status
               : 0;
}

// "301 → 302 → 200", an error hop as "error".
QString statusesOf(const BulkResult &r)
{
    QStringList parts;
    if (r.trace) {
        for (const Hop &hop : r.trace->hops)
            parts << (hop.response ? QString::number(hop.response->status) : QStringLiteral("error"));
    }
    return parts.join(QString::fromUtf8(" → "));
}

QString problemsText(const BulkResult &r)
{
    QStringList parts;
    for (const BulkProblem &p : r.problems)
        parts << QStringLiteral("[%1%2] %3")
                     .arg(p.code, p.warning ? QStringLiteral(", warning") : QString(), p.message);
    return parts.join(QLatin1String("; "));
}

void keep(QList<BulkSummary::Entry> &list, const BulkSummary::Entry &e, bool byTime)
{
    const auto before = [byTime](const BulkSummary::Entry &a, const BulkSummary::Entry &b) {
        return byTime ? a.ms > b.ms : a.redirects > b.redirects;
    };
    if (list.size() == BulkSummary::kKeep && !before(e, list.last()))
        return;
    list.insert(std::upper_bound(list.begin(), list.end(), e, before), e);
    if (list.size() > BulkSummary::kKeep)
        list.removeLast();
}

}  // namespace

QByteArray bulkResultJsonLine(const BulkResult &r, const QString &baseline)
{
    QJsonObject o;
    o.insert(QLatin1String("line"), qint64(r.line.lineNumber));
    o.insert(QLatin1String("from"), r.line.from);
    o.insert(QLatin1String("passed"), r.passed());
    if (r.trace) {
        o.insert(QLatin1String("outcome"), outcomeKindName(r.trace->outcome.kind));
        o.insert(QLatin1String("finalUrl"), finalUrlOf(r));
        o.insert(QLatin1String("finalStatus"), finalStatusOf(r));
        o.insert(QLatin1String("redirects"), qint64(redirectsOf(r)));
        QJsonArray hops;
        for (const Hop &hop : r.trace->hops) {
            QJsonObject h;
            h.insert(QLatin1String("url"), hop.request.url.toString(QUrl::FullyEncoded));
            if (hop.response) {
                h.insert(QLatin1String("status"), hop.response->status);
                if (!hop.response->location.isEmpty())
                    h.insert(QLatin1String("location"), hop.response->location.toString(QUrl::FullyEncoded));
            } else if (hop.error) {
                h.insert(QLatin1String("error"), hop.error->code);
            }
            hops.append(h);
        }
        o.insert(QLatin1String("hops"), hops);
    }
    QJsonArray problems;
    for (const BulkProblem &p : r.problems) {
        QJsonObject j{{QLatin1String("code"), p.code}, {QLatin1String("message"), p.message}};
        if (p.warning)
            j.insert(QLatin1String("warning"), true);
        problems.append(j);
    }
    o.insert(QLatin1String("problems"), problems);
    o.insert(QLatin1String("attempts"), r.attempts);
    o.insert(QLatin1String("ms"), std::round(r.elapsedMs * 1000) / 1000);
    if (!baseline.isEmpty())
        o.insert(QLatin1String("baseline"), baseline);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray bulkCsvHeader(bool withBaseline)
{
    return withBaseline
               ? "line,from,passed,problems,redirects,final_status,final_url,statuses,ms,baseline\r\n"
               : "line,from,passed,problems,redirects,final_status,final_url,statuses,ms\r\n";
}

QByteArray bulkResultCsvRow(const BulkResult &r, const std::optional<QString> &baseline)
{
    QStringList codes;
    for (const BulkProblem &p : r.problems)
        codes << p.code;
    QStringList fields{QString::number(r.line.lineNumber),
                       csvField(r.line.from),
                       r.passed() ? QStringLiteral("yes") : QStringLiteral("no"),
                       csvField(codes.join(QLatin1Char(' '))),
                       QString::number(redirectsOf(r)),
                       QString::number(finalStatusOf(r)),
                       csvField(finalUrlOf(r)),
                       csvField(statusesOf(r)),
                       QString::number(r.elapsedMs, 'f', 1)};
    if (baseline)
        fields << *baseline;
    return fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QByteArray bulkResultText(const BulkResult &r, bool colour, const QString &baseline)
{
    const bool ok = r.passed();
    QByteArray mark = ok ? "✔" : "✘";
    if (colour)
        mark = (ok ? "\x1b[32m" : "\x1b[31m") + mark + "\x1b[0m";
    QString text = QStringLiteral(" %1 %2").arg(r.line.lineNumber).arg(r.line.from);
    const QString statuses = statusesOf(r);
    if (!statuses.isEmpty())
        text += QLatin1String("  ") + statuses;
    const QString finalUrl = finalUrlOf(r);
    if (redirectsOf(r) > 0 && !finalUrl.isEmpty())
        text += QLatin1String("  ") + finalUrl;
    if (!r.problems.isEmpty())
        text += QLatin1String("  ") + problemsText(r);
    if (!baseline.isEmpty() && baseline != QLatin1String("same"))
        text += QStringLiteral("  (%1 since the baseline)").arg(baseline);
    // Server-chosen text (a Location, a message quoting one) never reaches the terminal as a control code.
    QString safe;
    safe.reserve(text.size());
    for (const QChar c : std::as_const(text))
        safe += c.unicode() < 0x20 || c.unicode() == 0x7f ? QChar(0xfffd) : c;
    return mark + safe.toUtf8() + '\n';
}

QString bulkProgressText(qsizetype done, qsizetype total, double elapsedSeconds, qsizetype failed,
                         const QMap<QString, qsizetype> &counts, int width)
{
    const double rate = elapsedSeconds > 0 ? double(done) / elapsedSeconds : 0;
    QString text =
        QStringLiteral("%1/%2 lines  %3/s").arg(done).arg(total).arg(rate, 0, 'f', rate < 10 ? 1 : 0);
    if (rate > 0 && done < total) {
        const qint64 eta = qint64(double(total - done) / rate + 0.5);
        text += QStringLiteral("  ETA %1")
                    .arg(eta >= 3600 ? QStringLiteral("%1h%2m")
                                           .arg(eta / 3600)
                                           .arg(eta % 3600 / 60, 2, 10, QLatin1Char('0'))
                         : eta >= 60
                             ? QStringLiteral("%1m%2s").arg(eta / 60).arg(eta % 60, 2, 10, QLatin1Char('0'))
                             : QStringLiteral("%1s").arg(eta));
    }
    if (failed > 0) {
        QStringList parts;
        for (const QString &code : bulkProblemCodes()) {
            if (counts.value(code) > 0)
                parts << QStringLiteral("%1 %2").arg(code).arg(counts.value(code));
        }
        text += QStringLiteral("  failed %1: %2").arg(failed).arg(parts.join(QLatin1String(", ")));
    }
    if (width > 1 && text.size() > width)
        text = text.left(width - 1) + QChar(0x2026);
    return text;
}

BulkRow bulkRowOf(const BulkResult &r, const QString &baseline)
{
    BulkRow row;
    row.line = r.line.lineNumber;
    row.from = r.line.from;
    row.passed = r.passed();
    row.statuses = statusesOf(r);
    row.finalUrl = finalUrlOf(r);
    row.problems = problemsText(r);
    for (const BulkProblem &p : r.problems) {
        if (!p.warning) {
            row.firstCode = p.code;
            break;
        }
    }
    row.baseline = baseline;
    row.ms = r.elapsedMs;
    return row;
}

namespace {

// A table cell: Markdown's characters escaped, line breaks as spaces.
QString mdCell(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            out += QLatin1Char(' ');
        else if (QStringView(u"\\`*_[]<>|").contains(c))
            out += QLatin1Char('\\') + QString(c);
        else
            out += c;
    }
    return out;
}

}  // namespace

QByteArray bulkMarkdown(const QString &title, const BulkSummary &summary, const QList<BulkRow> &rows,
                        qsizetype more)
{
    QString md = QStringLiteral("## %1\n\n").arg(mdCell(title));
    md += QStringLiteral("**%1 lines: %2 passed, %3 failed**\n\n")
              .arg(summary.total() + summary.resumed())
              .arg(summary.total() + summary.resumed() - summary.failed())
              .arg(summary.failed());
    if (!summary.counts().isEmpty()) {
        md += QLatin1String("| problem | lines |\n| --- | ---: |\n");
        for (const QString &code : bulkProblemCodes()) {
            if (summary.counts().contains(code))
                md += QStringLiteral("| `%1` | %2 |\n").arg(code).arg(summary.counts().value(code));
        }
        md += QLatin1Char('\n');
    }
    if (!summary.baselineCounts().isEmpty()) {
        QStringList parts;
        for (const char *change : {"new-failure", "fixed", "changed", "same", "new"})
            parts << QStringLiteral("%1 %2")
                         .arg(summary.baselineCounts().value(QLatin1String(change)))
                         .arg(QLatin1String(change));
        md +=
            QLatin1String("Against the baseline: ") + parts.join(QLatin1String(", ")) + QLatin1String("\n\n");
    }
    if (!rows.isEmpty()) {
        const bool baseline =
            std::any_of(rows.cbegin(), rows.cend(), [](const BulkRow &r) { return !r.baseline.isEmpty(); });
        md +=
            baseline ? QLatin1String(
                "| line | URL | chain | problems | since the baseline |\n| ---: | --- | --- | --- | --- |\n")
                     : QLatin1String("| line | URL | chain | problems |\n| ---: | --- | --- | --- |\n");
        for (const BulkRow &r : rows) {
            md += QStringLiteral("| %1 | %2 | %3 | %4 |")
                      .arg(r.line)
                      .arg(mdCell(r.from), mdCell(r.statuses), mdCell(r.problems));
            if (baseline)
                md += QStringLiteral(" %1 |").arg(mdCell(r.baseline));
            md += QLatin1Char('\n');
        }
        if (more > 0)
            md += QStringLiteral("\n… and %1 more lines (the JSON Lines report has them all).\n").arg(more);
    }
    return md.toUtf8();
}

void BulkSummary::addResumed(bool passed)
{
    ++m_resumed;
    if (!passed)
        ++m_resumedFailed;
}

void BulkSummary::add(const BulkResult &r)
{
    ++m_total;
    if (r.passed())
        ++m_passed;
    QStringList seen;
    for (const BulkProblem &p : r.problems) {
        if (!seen.contains(p.code)) {
            seen << p.code;
            ++m_counts[p.code];
        }
    }
    if (r.trace) {
        const Entry e{r.elapsedMs, redirectsOf(r), r.line.lineNumber, r.line.from};
        keep(m_slowest, e, true);
        if (e.redirects > 0)
            keep(m_longest, e, false);
    }
}

QString BulkSummary::text() const
{
    QString out =
        QStringLiteral("%1 lines: %2 passed, %3 failed\n").arg(m_total).arg(m_passed).arg(m_total - m_passed);
    if (m_resumed > 0)
        out += QStringLiteral("%1 lines taken over from the run resumed (%2 failed)\n")
                   .arg(m_resumed)
                   .arg(m_resumedFailed);
    if (!m_baseline.isEmpty()) {
        QStringList parts;
        for (const char *change : {"new-failure", "fixed", "changed", "same", "new"})
            parts << QStringLiteral("%1 %2")
                         .arg(m_baseline.value(QLatin1String(change)))
                         .arg(QLatin1String(change));
        out += QLatin1String("against the baseline: ") + parts.join(QLatin1String(", ")) + QLatin1Char('\n');
    }
    for (const QString &code : bulkProblemCodes()) {
        if (m_counts.contains(code))
            out += QStringLiteral("  %1 %2\n").arg(m_counts.value(code), 7).arg(code);
    }
    if (!m_slowest.isEmpty()) {
        out += QLatin1String("slowest:\n");
        for (const Entry &e : m_slowest)
            out += QStringLiteral("  %1 ms  line %2  %3\n").arg(e.ms, 9, 'f', 1).arg(e.line).arg(e.from);
    }
    if (!m_longest.isEmpty()) {
        out += QLatin1String("longest:\n");
        for (const Entry &e : m_longest)
            out += QStringLiteral("  %1 %2  line %3  %4\n")
                       .arg(e.redirects, 4)
                       .arg(e.redirects == 1 ? QLatin1String("redirect ") : QLatin1String("redirects"))
                       .arg(e.line)
                       .arg(e.from);
    }
    return out;
}

}  // namespace Rwb
