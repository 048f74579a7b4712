#pragma once

#include "model.h"

#include <QJsonObject>

namespace Rwb {

// The trace format of shared/design/cli-and-trace-format.md ("redirect-workbench-trace", version 1).
inline constexpr int kTraceFormatVersion = 1;

QJsonObject traceToJson(const Trace &trace);
QByteArray traceToJsonBytes(const Trace &trace);

struct TraceLoadResult {
    std::optional<Trace> trace;
    QString error;  // names the field or the line and column
};
TraceLoadResult traceFromJson(const QByteArray &json);

}  // namespace Rwb
