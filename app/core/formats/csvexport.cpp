#include "core/formats/csvexport.h"

#include "private/hoptext_p.h"

#include <algorithm>

namespace Rwb {

namespace {

// Whether a spreadsheet would run the field as a formula: its first character that is not a space is =, +,
// -, @, a tab or a CR (OWASP's list for CSV injection). A server chooses the Location and reason phrase.
bool looksLikeFormula(const QString &field)
{
    for (const QChar c : field) {
        if (c == QLatin1Char(' '))
            continue;
        return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-')
               || c == QLatin1Char('@') || c == QLatin1Char('\t') || c == QLatin1Char('\r')
               || c == QLatin1Char('\n');
    }
    return false;
}

QString fixed3(double v)
{
    return QString::number(v, 'f', 3);
}

}  // namespace

QString csvField(const QString &value)
{
    // A formula is neutralised the way OWASP recommends: a leading apostrophe makes the cell text, and
    // spreadsheets hide it.
    const QString field = looksLikeFormula(value) ? QLatin1Char('\'') + value : value;
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"'))
        && !field.contains(QLatin1Char('\n')) && !field.contains(QLatin1Char('\r')) && field == value)
        return field;
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray traceToCsv(const Trace &trace)
{
    QString out =
        QStringLiteral("hop,via,method,url,status,reason,location,start_ms,duration_ms,notes,error\r\n");
    for (const Hop &hop : trace.hops) {
        const QStringList fields = {
            QString::number(hop.index),
            HopText::hopVia(hop, false),
            headerText(hop.request.method),
            QString::fromUtf8(hop.request.url.toEncoded()),
            hop.response ? QString::number(hop.response->status) : QString(),
            hop.response ? headerText(hop.response->reason) : QString(),
            HopText::hopLocation(hop),
            fixed3(hop.timing.startMs),
            fixed3(std::max(0.0, hop.timing.endMs - hop.timing.startMs)),
            HopText::noteCodes(hop.notes, QStringLiteral(" ")),
            hop.error ? hop.error->code + QLatin1String(": ") + hop.error->message : QString(),
        };
        QStringList quoted;
        for (const QString &f : fields)
            quoted.append(csvField(f));
        out += quoted.join(QLatin1Char(',')) + QLatin1String("\r\n");
    }
    return out.toUtf8();
}

}  // namespace Rwb
