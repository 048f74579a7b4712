#pragma once

#include "core/formats/redaction.h"
#include "core/http/trace.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Rwb {

// Trace exports for sharing: the trace JSON, HAR 1.2 (harexport.h), CSV (csvexport.h), Markdown
// (markdownexport.h) and a curl script (curlscript.h). Every export is redacted (redaction.h) unless the
// caller asks to keep secrets.
enum class ExportFormat { Json, Har, Csv, Markdown, CurlScript };
QString exportFormatName(ExportFormat format);  // "json", "har", "csv", "md", "curl"
std::optional<ExportFormat> exportFormatFromName(const QString &name);
QString exportFormatSuffix(ExportFormat format);  // file suffix without dot: "json", "har", "csv", "md", "sh"

struct ExportOptions {
    bool keepSecrets = false;  // false: redactTrace() first
};

// The export as bytes (UTF-8 for the text formats), ending with a newline.
QByteArray exportTrace(const Trace &trace, ExportFormat format, const ExportOptions &options = {});

}  // namespace Rwb
