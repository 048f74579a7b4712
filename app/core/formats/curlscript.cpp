#include "core/formats/curlscript.h"

#include "core/formats/curlexport.h"
#include "private/hoptext_p.h"

#include <algorithm>

namespace Rwb {

namespace {

// One line of a shell comment: a control character could end the comment and start a command.
QString commentText(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QChar(0x2028) || c == QChar(0x2029))
            c = QLatin1Char(' ');
    }
    return out;
}

bool tlsErrorsAccepted(const Hop &hop)
{
    return hasNote(hop.notes, NoteCode::TlsErrorAccepted)
           || (!hop.tls.errors.isEmpty() && hop.response.has_value());
}

}  // namespace

QByteArray traceToCurlScript(const Trace &trace)
{
    QStringList commands;
    QString body;
    for (const Hop &hop : trace.hops) {
        QString line = QStringLiteral("hop %1: ").arg(hop.index);
        line += hop.response ? HopText::hopStatus(hop) : QStringLiteral("no response");
        const QString location = HopText::hopLocation(hop);
        if (!location.isEmpty())
            line += QStringLiteral(" → ") + location;
        if (hop.error)
            line += QStringLiteral(" (%1: %2)").arg(hop.error->code, hop.error->message);
        body += QLatin1Char('\n') + QLatin1String("# ") + commentText(line) + QLatin1Char('\n');
        if (hop.synthetic) {
            body += QLatin1String("# (synthetic: the client made this hop itself, no request to replay)\n");
            continue;
        }
        CurlExportOptions options;
        options.insecure = tlsErrorsAccepted(hop);
        const QString command = curlCommandForRequest(hop.request, options);
        commands.append(command);
        body += command + QLatin1Char('\n');
    }
    // dash (Debian's sh) has no $'...' quoting, which curlCommandForRequest uses for control bytes and
    // bytes that are not UTF-8: such a script needs bash.
    const bool needsBash = std::any_of(commands.cbegin(), commands.cend(),
                                       [](const QString &c) { return c.contains(QLatin1String("$'")); });
    QString out = needsBash ? QStringLiteral("#!/usr/bin/env bash\n") : QStringLiteral("#!/bin/sh\n");
    out += QLatin1String("# Redirect Workbench ") + QLatin1String(RWB_VERSION) + QLatin1String(": ")
           + commentText(trace.outcome.message.isEmpty() ? outcomeKindName(trace.outcome.kind)
                                                         : trace.outcome.message)
           + QLatin1Char('\n');
    out += QStringLiteral("# Profile %1, started %2.\n")
               .arg(commentText(trace.profile), trace.startedAt.toUTC().toString(Qt::ISODateWithMs));
    out += QLatin1String(
        "# Replays the recorded hops one by one, each with its own curl command and without -L\n"
        "# (curl follows no redirect itself), so every hop sends exactly the request that was\n"
        "# recorded, whatever curl's own redirect rules would do.\n");
    if (needsBash)
        out += QLatin1String("# Needs bash: some bytes are quoted with $'...'.\n");
    out += body;
    if (!trace.hops.isEmpty())
        out += QLatin1Char('\n');
    out += QLatin1String("# outcome: ") + outcomeKindName(trace.outcome.kind) + QLatin1String(": ")
           + commentText(trace.outcome.message) + QLatin1Char('\n');
    return out.toUtf8();
}

}  // namespace Rwb
