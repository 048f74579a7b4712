// traceFromJson (core/formats/tracejson.h) on any bytes up to the 64 MiB a trace may have
// (kMaxDocumentBytes), and every export of a trace that loads (what rwb export does with it). Property: a
// trace that loads writes back to JSON that loads, and writing that again gives the same bytes (the
// lossless round trip of the trace format).
#include "fuzzcheck.h"

#include "core/formats/traceexport.h"
#include "core/formats/tracejson.h"
#include "core/io/boundedread.h"

using namespace Rwb;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (qint64(size) > kMaxDocumentBytes)
        return -1;  // rwb export refuses a larger file before parsing it
    const TraceLoadResult loaded = traceFromJson(Fuzz::inputBytes(data, size));
    Fuzz::check(loaded.trace.has_value() == loaded.error.isEmpty(), "either a trace or an error",
                loaded.error);
    if (!loaded.trace)
        return 0;

    const QByteArray written = traceToJsonBytes(*loaded.trace);
    const TraceLoadResult reread = traceFromJson(written);
    Fuzz::check(reread.trace.has_value(), "a trace written loads again",
                reread.error + QLatin1Char('\n') + QString::fromUtf8(written));
    const QByteArray rewritten = traceToJsonBytes(*reread.trace);
    Fuzz::check(rewritten == written, "a trace loaded again writes the same bytes",
                QString::fromUtf8(written) + QLatin1String("\n----\n") + QString::fromUtf8(rewritten));

    for (const ExportFormat format : {ExportFormat::Json, ExportFormat::Har, ExportFormat::Csv,
                                      ExportFormat::Markdown, ExportFormat::CurlScript}) {
        for (const bool keepSecrets : {false, true}) {
            const QByteArray exported = exportTrace(*loaded.trace, format, ExportOptions{keepSecrets});
            Fuzz::check(exported.endsWith('\n'), "an export ends with a newline", exportFormatName(format));
        }
    }
    return 0;
}
