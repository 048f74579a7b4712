#include "private/hoptext_p.h"

namespace Rwb::HopText {

bool isFormContentType(const QByteArray &contentType)
{
    return contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded");
}

QString hopStatus(const Hop &hop)
{
    if (!hop.response)
        return hop.error ? QStringLiteral("no response (%1)").arg(hop.error->code)
                         : QStringLiteral("no response");
    QString status = QString::number(hop.response->status);
    if (!hop.response->reason.isEmpty())
        status += QLatin1Char(' ') + headerText(hop.response->reason);
    return status;
}

QString hopLocation(const Hop &hop)
{
    if (!hop.response)
        return QString();
    if (!hop.response->location.isEmpty())
        return QString::fromUtf8(hop.response->location.toEncoded());
    return headerText(headerValue(hop.response->headers, "Location"));
}

QString noteCodes(const NoteList &notes, const QString &separator)
{
    QStringList codes;
    for (const Note &n : notes)
        codes.append(n.code);
    return codes.join(separator);
}

QString hopVia(const Hop &hop, bool withDelay)
{
    QString via = hopViaName(hop.via);
    if (withDelay && hop.refreshDelayMs)
        via += QStringLiteral(" %1 s").arg(double(*hop.refreshDelayMs) / 1000.0);
    return via;
}

}  // namespace Rwb::HopText
