#include "core/formats/traceexport.h"

#include "core/formats/csvexport.h"
#include "core/formats/curlscript.h"
#include "core/formats/harexport.h"
#include "core/formats/markdownexport.h"
#include "core/formats/tracejson.h"

namespace Rwb {

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Har:
        return QStringLiteral("har");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::CurlScript:
        return QStringLiteral("curl");
    }
    return QString();
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    for (const ExportFormat f : {ExportFormat::Json, ExportFormat::Har, ExportFormat::Csv,
                                 ExportFormat::Markdown, ExportFormat::CurlScript}) {
        if (name.compare(exportFormatName(f), Qt::CaseInsensitive) == 0)
            return f;
    }
    return std::nullopt;
}

QString exportFormatSuffix(ExportFormat format)
{
    return format == ExportFormat::CurlScript ? QStringLiteral("sh") : exportFormatName(format);
}

QByteArray exportTrace(const Trace &trace, ExportFormat format, const ExportOptions &options)
{
    const Trace t = options.keepSecrets ? trace : redactTrace(trace);
    switch (format) {
    case ExportFormat::Json:
        return traceToJsonBytes(t);
    case ExportFormat::Har:
        return traceToHar(t);
    case ExportFormat::Csv:
        return traceToCsv(t);
    case ExportFormat::Markdown:
        return traceToMarkdown(t);
    case ExportFormat::CurlScript:
        return traceToCurlScript(t);
    }
    return QByteArray();
}

}  // namespace Rwb
