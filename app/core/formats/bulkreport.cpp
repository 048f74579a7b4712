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

QByteArray bulkSummaryJson(const BulkSummary &summary)
{
    // Every key is the program's own ASCII name and every value a number: nothing to escape, and the
    // order kept (a QJsonObject sorts its keys).
    const qsizetype total = summary.total() + summary.resumed();
    QByteArray json = "{\"total\":" + QByteArray::number(total)
                      + ",\"passed\":" + QByteArray::number(total - summary.failed())
                      + ",\"failed\":" + QByteArray::number(summary.failed()) + ",\"counts\":{";
    bool first = true;
    for (const QString &code : bulkProblemCodes()) {
        if (!summary.counts().contains(code))
            continue;
        json += (first ? "\"" : ",\"") + code.toLatin1()
                + "\":" + QByteArray::number(summary.counts().value(code));
        first = false;
    }
    json += '}';
    if (!summary.baselineCounts().isEmpty()) {
        json += ",\"baseline\":{";
        first = true;
        for (const char *change : {"new-failure", "fixed", "changed", "same", "new"}) {
            json += (first ? "\"" : ",\"") + QByteArray(change)
                    + "\":" + QByteArray::number(summary.baselineCounts().value(QLatin1String(change)));
            first = false;
        }
        json += '}';
    }
    return json + ",\"resumed\":" + QByteArray::number(summary.resumed()) + '}';
}

QByteArray BulkJsonDocument::line(const BulkResult &result, const QString &baseline)
{
    return line(bulkResultJsonLine(result, baseline));
}

QByteArray BulkJsonDocument::line(QByteArray jsonLine)
{
    jsonLine.chop(1);  // its line end: the elements are separated by a comma and a line end
    return (m_lines++ == 0 ? "\n" : ",\n") + jsonLine;
}

QByteArray BulkJsonDocument::end(const BulkSummary &summary) const
{
    return (m_lines == 0 ? "],\"summary\":" : "\n],\"summary\":") + bulkSummaryJson(summary) + "}\n";
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
    return bulkRowText(bulkRowOf(r, baseline), colour);
}

QByteArray bulkRowText(const BulkRow &row, bool colour)
{
    QByteArray mark = row.passed ? "✔" : "✘";
    if (colour)
        mark = (row.passed ? "\x1b[32m" : "\x1b[31m") + mark + "\x1b[0m";
    QString text = QStringLiteral(" %1 %2").arg(row.line).arg(row.from);
    if (!row.statuses.isEmpty())
        text += QLatin1String("  ") + row.statuses;
    if (row.redirects > 0 && !row.finalUrl.isEmpty())
        text += QLatin1String("  ") + row.finalUrl;
    if (!row.problems.isEmpty())
        text += QLatin1String("  ") + row.problems;
    if (!row.baseline.isEmpty() && row.baseline != QLatin1String("same"))
        text += QStringLiteral("  (%1 since the baseline)").arg(row.baseline);
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

BulkRow bulkRowOf(const BulkResult &r, const QString &baseline, const BulkRecord *before)
{
    BulkRow row;
    row.line = r.line.lineNumber;
    row.from = r.line.from;
    row.passed = r.passed();
    row.statuses = statusesOf(r);
    row.redirects = redirectsOf(r);
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
    if (before
        && (baseline == baselineChangeName(BaselineChange::Changed)
            || baseline == baselineChangeName(BaselineChange::NewFailure)
            || baseline == baselineChangeName(BaselineChange::Fixed))) {
        row.hasBaselineChain = true;
        QStringList parts;
        for (const auto &hop : before->hops)
            parts << (hop.first > 0 ? QString::number(hop.first) : QStringLiteral("error"));
        row.baselineStatuses = parts.join(QString::fromUtf8(" → "));
        row.baselineFinalUrl = before->finalUrl;
    }
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

// A chain with its final URL when it redirects: "301 → 200 https://a.test/new".
QString chainText(const QString &statuses, const QString &finalUrl)
{
    return statuses.contains(QString::fromUtf8("→")) && !finalUrl.isEmpty()
               ? statuses + QLatin1Char(' ') + finalUrl
               : statuses;
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
    if (!summary.baselineCounts().isEmpty())
        md += QLatin1String("Against the baseline: ") + summary.baselineText() + QLatin1String("\n\n");
    if (!rows.isEmpty()) {
        const bool baseline =
            std::any_of(rows.cbegin(), rows.cend(), [](const BulkRow &r) { return !r.baseline.isEmpty(); });
        if (baseline)
            md += QLatin1String("| line | URL | before | now | problems | since the baseline |\n"
                                "| ---: | --- | --- | --- | --- | --- |\n");
        else
            md += QLatin1String("| line | URL | chain | problems |\n| ---: | --- | --- | --- |\n");
        for (const BulkRow &r : rows) {
            if (baseline)
                md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                          .arg(r.line)
                          .arg(mdCell(r.from),
                               mdCell(!r.hasBaselineChain ? QString()
                                      : r.baselineStatuses.isEmpty()
                                          ? QStringLiteral("no chain")
                                          : chainText(r.baselineStatuses, r.baselineFinalUrl)),
                               mdCell(chainText(r.statuses, r.finalUrl)), mdCell(r.problems),
                               mdCell(r.baseline));
            else
                md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                          .arg(r.line)
                          .arg(mdCell(r.from), mdCell(r.statuses), mdCell(r.problems));
        }
        if (more > 0)
            md += QStringLiteral("\n… and %1 more lines (the JSON Lines report has them all).\n").arg(more);
    }
    return md.toUtf8();
}

namespace {

QString pillClass(const QString &status)
{
    bool ok = false;
    const int code = status.toInt(&ok);
    if (!ok)
        return QStringLiteral("err");
    if (code == 301 || code == 308)
        return QStringLiteral("perm");
    if (code >= 300 && code < 400)
        return QStringLiteral("temp");
    if (code >= 200 && code < 300)
        return QStringLiteral("ok");
    return QStringLiteral("bad");
}

const char *const kHtmlStyle =
    ":root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;"
    "--ok:#1a7f37;--perm:#0969da;--temp:#9a6700;--bad:#cf222e;--err:#59636e}"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;"
    "--ok:#3fb950;--perm:#4493f8;--temp:#d29922;--bad:#f85149;--err:#9198a1}}"
    "body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:24px}"
    "h1{font-size:20px}h2{font-size:16px;margin-top:28px}table{border-collapse:collapse;width:100%;table-"
    "layout:fixed}"
    "#counts{width:auto;table-layout:auto}col.n{width:4.5em}col.u{width:34%}col.c{width:16%}col.b{width:9em}"
    "td,th{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}"
    "td.n{text-align:right;color:var(--muted)}code{font-size:13px}.url{word-break:break-all}"
    ".pill{display:inline-block;border:1px solid currentColor;border-radius:9px;padding:0 7px;margin:1px 2px;"
    "font-weight:600;font-size:12px}.ok{color:var(--ok)}.perm{color:var(--perm)}.temp{color:var(--temp)}"
    ".bad{color:var(--bad)}.err{color:var(--err)}.muted{color:var(--muted)}"
    "#filter{margin:8px 0}#filter input{width:320px}"
    "table.vs col.u{width:24%}table.vs col.c{width:30%}.lbl{display:inline-block;width:3.8em;font-size:12px;"
    "color:var(--muted)}div.before{opacity:.8;margin-bottom:3px}div.before .url,div.now .url{font-size:12px;"
    "margin-left:3.8em}";

// Hides the rows that do not match the text and the code chosen; a section with no row left is hidden too.
const char *const kHtmlScript =
    "function f(){var "
    "t=document.getElementById('q').value.toLowerCase(),c=document.getElementById('c').value;"
    "document.querySelectorAll('section').forEach(function(s){var n=0;"
    "s.querySelectorAll('tbody tr').forEach(function(r){var v=(!c||r.dataset.codes.split(' ').indexOf(c)>=0)"
    "&&(!t||r.textContent.toLowerCase().indexOf(t)>=0);r.hidden=!v;if(v)n++;});s.hidden=n===0;});}"
    "document.getElementById('q').addEventListener('input',f);"
    "document.getElementById('c').addEventListener('change',f);";

}  // namespace

QByteArray bulkHtml(const QString &title, const BulkSummary &summary, const QList<BulkRow> &rows,
                    qsizetype more)
{
    const auto esc = [](const QString &s) {
        return s.toHtmlEscaped();
    };
    // "301 → 200" as status pills with arrows between them.
    const auto pillsOf = [](const QString &statuses) -> QString {
        QString pills;
        if (statuses.isEmpty())
            return pills;
        for (const QString &s : statuses.split(QString::fromUtf8(" → ")))
            pills += QStringLiteral("%1<span class=\"pill %2\">%3</span>")
                         .arg(pills.isEmpty() ? QString() : QStringLiteral("<span class=\"muted\">→</span>"),
                              pillClass(s), s.toHtmlEscaped());
        return pills;
    };
    QString h =
        QStringLiteral("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
                       "<meta charset=\"utf-8\"/><meta http-equiv=\"Content-Security-Policy\" "
                       "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src "
                       "'unsafe-inline'\"/><title>%1</title><style>%2</style></head><body>\n")
            .arg(esc(title), QLatin1String(kHtmlStyle));
    const qsizetype total = summary.total() + summary.resumed();
    h +=
        QStringLiteral("<h1>%1</h1>\n<p id=\"summary\"><strong>%2 lines: %3 passed, %4 failed</strong></p>\n")
            .arg(esc(title))
            .arg(total)
            .arg(total - summary.failed())
            .arg(summary.failed());
    // Sections: one per first problem code (in bulkProblemCodes()'s order), then changed lines without one.
    QMap<QString, QList<const BulkRow *>> groups;
    for (const BulkRow &r : rows)
        groups[r.firstCode.isEmpty() ? QStringLiteral("~changed") : r.firstCode].append(&r);
    QStringList order;
    for (const QString &code : bulkProblemCodes()) {
        if (groups.contains(code))
            order << code;
    }
    if (groups.contains(QStringLiteral("~changed")))
        order << QStringLiteral("~changed");
    if (!summary.counts().isEmpty()) {
        h += QLatin1String(
            "<table id=\"counts\"><thead><tr><th>problem</th><th>lines</th></tr></thead><tbody>\n");
        for (const QString &code : bulkProblemCodes()) {
            if (summary.counts().contains(code))
                h += QStringLiteral("<tr><td><code>%1</code></td><td class=\"n\">%2</td></tr>\n")
                         .arg(code)
                         .arg(summary.counts().value(code));
        }
        h += QLatin1String("</tbody></table>\n");
    }
    if (!summary.baselineCounts().isEmpty())
        h += QStringLiteral("<p id=\"baseline\">Against the baseline: %1</p>\n")
                 .arg(esc(summary.baselineText()));
    if (!order.isEmpty()) {
        h += QLatin1String(
            "<div id=\"filter\"><input id=\"q\" type=\"search\" placeholder=\"Filter by text\"/> "
            "<select id=\"c\"><option value=\"\">every problem</option>");
        for (const QString &code : std::as_const(order)) {
            if (!code.startsWith(QLatin1Char('~')))
                h += QStringLiteral("<option value=\"%1\">%1</option>").arg(code);
        }
        h += QLatin1String("</select></div>\n");
    }
    for (const QString &code : std::as_const(order)) {
        const QList<const BulkRow *> &list = groups.value(code);
        h +=
            QStringLiteral("<section id=\"%1\"><h2>%2 <span "
                           "class=\"muted\">(%3)</span></h2>\n<table%6><colgroup><col class=\"n\"/>"
                           "<col class=\"u\"/><col class=\"c\"/><col/>%4</colgroup><thead><tr>"
                           "<th>line</th><th>URL</th><th>chain</th><th>problems</th>%5</tr></thead><tbody>\n")
                .arg(code.startsWith(QLatin1Char('~')) ? QStringLiteral("changed") : code,
                     code.startsWith(QLatin1Char('~')) ? QStringLiteral("changed since the baseline")
                                                       : QStringLiteral("<code>%1</code>").arg(code))
                .arg(list.size())
                .arg(summary.baselineCounts().isEmpty() ? QString() : QStringLiteral("<col class=\"b\"/>"),
                     summary.baselineCounts().isEmpty() ? QString()
                                                        : QStringLiteral("<th>since the baseline</th>"),
                     summary.baselineCounts().isEmpty() ? QString() : QStringLiteral(" class=\"vs\""));
        for (const BulkRow *r : list) {
            QStringList codes;
            for (const QString &part : r->problems.split(QLatin1String("; "))) {
                if (part.startsWith(QLatin1Char('[')))
                    codes << part.mid(1, part.indexOf(QLatin1Char(']')) - 1).section(QLatin1Char(','), 0, 0);
            }
            const bool redirected = !r->finalUrl.isEmpty() && r->statuses.contains(QString::fromUtf8("→"));
            // A changed line: the baseline's chain on a row "before", then the chain "now", each with its
            // final URL; else the chain, its final URL under the line's URL.
            QString chain;
            if (r->hasBaselineChain) {
                const auto side = [&pillsOf](const char *label, const QString &statuses,
                                             const QString &finalUrl) -> QString {
                    return QStringLiteral("<div class=\"%1\"><span class=\"lbl\">%1</span>%2%3</div>")
                        .arg(QLatin1String(label),
                             statuses.isEmpty() ? QStringLiteral("<span class=\"muted\">no chain</span>")
                                                : pillsOf(statuses),
                             finalUrl.isEmpty() || !statuses.contains(QString::fromUtf8("→"))
                                 ? QString()
                                 : QStringLiteral("<div class=\"muted url\">→ %1</div>")
                                       .arg(finalUrl.toHtmlEscaped()));
                };
                chain = side("before", r->baselineStatuses, r->baselineFinalUrl)
                        + side("now", r->statuses, r->finalUrl);
            } else {
                chain = pillsOf(r->statuses);
            }
            h +=
                QStringLiteral(
                    "<tr data-codes=\"%1\"><td class=\"n\">%2</td><td class=\"url\">%3%4</td><td>%5</td>"
                    "<td>%6</td>%7</tr>\n")
                    .arg(esc(codes.join(QLatin1Char(' '))))
                    .arg(r->line)
                    .arg(esc(r->from),
                         !redirected || r->hasBaselineChain
                             ? QString()
                             : QStringLiteral("<br/><span class=\"muted\">→ %1</span>").arg(esc(r->finalUrl)),
                         chain, esc(r->problems),
                         summary.baselineCounts().isEmpty()
                             ? QString()
                             : QStringLiteral("<td>%1</td>").arg(esc(r->baseline)));
        }
        h += QLatin1String("</tbody></table></section>\n");
    }
    if (more > 0)
        h += QStringLiteral(
                 "<p class=\"muted\">… and %1 more lines: the JSON Lines report has them all.</p>\n")
                 .arg(more);
    if (!order.isEmpty())
        h += QStringLiteral("<script>//<![CDATA[\n%1\n//]]></script>\n").arg(QLatin1String(kHtmlScript));
    h += QLatin1String("</body></html>\n");
    return h.toUtf8();
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

QString BulkSummary::baselineText() const
{
    if (m_baseline.isEmpty())
        return {};
    QStringList parts;
    for (const char *change : {"new-failure", "fixed", "changed", "same", "new"})
        parts << QStringLiteral("%1 %2")
                     .arg(m_baseline.value(QLatin1String(change)))
                     .arg(QLatin1String(change));
    return parts.join(QLatin1String(", "));
}

QString BulkSummary::text() const
{
    QString out =
        QStringLiteral("%1 lines: %2 passed, %3 failed\n").arg(m_total).arg(m_passed).arg(m_total - m_passed);
    if (m_resumed > 0)
        out += QStringLiteral("%1 lines taken over from the run resumed (%2 failed)\n")
                   .arg(m_resumed)
                   .arg(m_resumedFailed);
    if (!m_baseline.isEmpty())
        out += QLatin1String("against the baseline: ") + baselineText() + QLatin1Char('\n');
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
