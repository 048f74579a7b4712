#include "core/formats/markdownexport.h"

#include "private/hoptext_p.h"

#include <algorithm>

namespace Rwb {

namespace {

// Text in a Markdown table cell: every character with a Markdown (or GFM table) meaning is escaped, and a
// line break becomes <br> so the row stays one line.
QString markdownText(const QString &text, bool inHeading = false)
{
    static const QString special = QStringLiteral("\\`*_[]<>|&~#!");
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            out += inHeading ? QStringLiteral(" ") : QStringLiteral("<br>");
        } else if (special.contains(c)) {
            out += QLatin1Char('\\');
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

// A code span that shows any text literally: a backtick fence longer than every run of backticks inside,
// pipes escaped for the GFM table, line breaks as spaces (what a code span makes of them anyway).
QString markdownCode(const QString &text)
{
    if (text.isEmpty())
        return QString();
    QString body;
    int run = 0, longest = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = std::max(longest, run);
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n'))
            body += QLatin1Char(' ');
        else if (c == QLatin1Char('|'))
            body += QLatin1String("\\|");
        else
            body += c;
    }
    const QString fence(longest + 1, QLatin1Char('`'));
    const bool pad = body.startsWith(QLatin1Char('`')) || body.endsWith(QLatin1Char('`'))
                     || body.startsWith(QLatin1Char(' ')) || body.endsWith(QLatin1Char(' '));
    const QString space = pad ? QStringLiteral(" ") : QString();
    return fence + space + body + space + fence;
}

QString outcomeLine(const Trace &trace)
{
    QString line = QStringLiteral("**Outcome:** %1").arg(markdownCode(outcomeKindName(trace.outcome.kind)));
    if (!trace.outcome.message.isEmpty())
        line += QStringLiteral(": ") + markdownText(trace.outcome.message);
    if (!trace.outcome.finalUrl.isEmpty())
        line += QStringLiteral(" (final URL %1)")
                    .arg(markdownCode(QString::fromUtf8(trace.outcome.finalUrl.toEncoded())));
    return line;
}

}  // namespace

QByteArray traceToMarkdown(const Trace &trace)
{
    const QString title =
        trace.outcome.message.isEmpty() ? outcomeKindName(trace.outcome.kind) : trace.outcome.message;
    QString out = QStringLiteral("# Redirect trace: ") + markdownText(title, true) + QLatin1String("\n\n");
    out += QStringLiteral("Profile %1, started %2, %3 hop(s).\n\n")
               .arg(markdownCode(trace.profile),
                    markdownText(trace.startedAt.toUTC().toString(Qt::ISODateWithMs)))
               .arg(trace.hops.size());
    out += QLatin1String("| # | Via | Method | URL | Status | Location | Time | Notes |\n");
    out += QLatin1String("|---:|---|---|---|---|---|---:|---|\n");
    for (const Hop &hop : trace.hops) {
        QString status = HopText::hopStatus(hop);
        if (hop.synthetic)
            status += QLatin1String(" (synthetic)");
        if (hop.error && hop.response)
            status += QStringLiteral(", error %1").arg(hop.error->code);
        const QStringList cells = {
            QString::number(hop.index),
            markdownText(HopText::hopVia(hop, true)),
            markdownText(headerText(hop.request.method)),
            markdownCode(QString::fromUtf8(hop.request.url.toEncoded())),
            markdownText(status),
            markdownCode(HopText::hopLocation(hop)),
            markdownText(QString::number(std::max(0.0, hop.timing.endMs - hop.timing.startMs), 'f', 1)
                         + QLatin1String(" ms")),
            markdownText(HopText::noteCodes(hop.notes, QStringLiteral(", "))),
        };
        out += QLatin1String("| ") + cells.join(QLatin1String(" | ")) + QLatin1String(" |\n");
    }
    out += QLatin1Char('\n') + outcomeLine(trace) + QLatin1Char('\n');
    return out.toUtf8();
}

}  // namespace Rwb
